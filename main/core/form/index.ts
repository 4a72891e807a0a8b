/** Site setup: the decisions a site makes, read from and written into the YAML text. */
export { SITE_DECISIONS, PLACEHOLDER, type AddSpec, type DecisionSpec } from './decisions';
export { applyFormEdits, FormEditError, type FormEdit, type FormItem, type FormScalar, type FormValue } from './edit';
export { addSpecFor, freshId, newListItem } from './items';
export { buildSiteForm, pathKey, type FieldKind, type FormAdd, type FormField, type FormList, type FormListItem, type FormPlaceholder, type OpenReason, type SiteDecision, type SiteForm } from './model';
