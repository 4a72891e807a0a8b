/**
 * Site setup for the studio: the form of a text, form edits written into it, and the site name and
 * jurisdiction of a new adaptation — all through `core/form`, which splices values into the text at
 * their YAML nodes so every other byte (comments, blank lines, key order, flow spacing) stays.
 */
import { parseDocument } from 'yaml';
import type { Diagnostic as ContractDiagnostic, SiteEdit, SiteForm } from '../contract';
import { applyFormEdits, buildSiteForm, FormEditError, newListItem, type FormEdit } from '../core/form';
import { validateText, type ValidateOptions } from '../core/validate';
import { explain } from '../core/validate/plain';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics/diagnostic';
import type { ParsedProtocol } from '../core/parse';

/** Writes a site's name and jurisdiction into `metadata.site`; a text that does not parse is returned as it was. */
export function setSite(text: string, site: { name: string; jurisdiction?: string }): string {
  const edits: FormEdit[] = [{ op: 'set', path: ['metadata', 'site', 'name'], value: site.name }];
  if (site.jurisdiction) edits.push({ op: 'set', path: ['metadata', 'site', 'jurisdiction'], value: site.jurisdiction });
  try {
    return applyFormEdits(text, edits);
  } catch (e) {
    if (e instanceof FormEditError) return text;
    throw e;
  }
}

/** Each diagnostic with its plain sentence and fix, as the renderer shows them. */
export function withPlainWords(diagnostics: readonly Diagnostic[], root: unknown): ContractDiagnostic[] {
  return diagnostics.map((d) => ({ ...d, ...explain(d, root) }));
}

/**
 * The form of a text with the diagnostics the editor shows for it: the validator's, plus `workspace`
 * ones the validator cannot know (keepers the people register lacks).
 */
export function siteForm(text: string, opts: ValidateOptions, workspace: (parsed: ParsedProtocol) => Diagnostic[] = () => []): SiteForm {
  const { diagnostics, parsed } = validateText(text, opts);
  if (!parsed.readable) throw new FormEditError('The YAML cannot be read yet; fix the problems listed in the editor, then come back to the form.');
  const all = [...diagnostics, ...workspace(parsed)].sort(compareDiagnostics);
  return buildSiteForm(parsed, withPlainWords(all, parsed.value));
}

/** A form edit for the core: an `add` becomes the new item built from the value chosen for it. */
function toFormEdit(text: string, edit: SiteEdit): FormEdit {
  if (edit.op !== 'add') return edit;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new FormEditError('The YAML has errors; fix them in the editor before using the form.');
  return { op: 'add', path: edit.path, value: newListItem(doc.toJS({ maxAliasCount: 100 }), edit.path, edit.value) };
}

export function editSite(text: string, edits: SiteEdit[]): { text: string } {
  // One at a time: an item's fresh id depends on the items the edits before it added.
  return { text: edits.reduce((out, e) => applyFormEdits(out, [toFormEdit(out, e)]), text) };
}
