/** Site setup: the decisions a site makes, read from and written into the YAML text. */
export { SITE_DECISIONS, PLACEHOLDER, type DecisionSpec } from './decisions';
export { applyFormEdits, FormEditError, type FormEdit, type FormScalar, type FormValue } from './edit';
export { buildSiteForm, pathKey, type FieldKind, type FormField, type FormList, type FormListItem, type FormPlaceholder, type OpenReason, type SiteDecision, type SiteForm } from './model';
