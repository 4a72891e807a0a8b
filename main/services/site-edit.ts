/**
 * Site setup for the studio: the form of a text, form edits written into it, and the site name and
 * jurisdiction of a new adaptation — all through `core/form`, which splices values into the text at
 * their YAML nodes so every other byte (comments, blank lines, key order, flow spacing) stays.
 */
import type { Diagnostic as ContractDiagnostic, SiteEdit, SiteForm } from '../contract';
import { applyFormEdits, buildSiteForm, FormEditError } from '../core/form';
import { validateText, type ValidateOptions } from '../core/validate';
import { explain } from '../core/validate/plain';
import type { Diagnostic } from '../core/diagnostics/diagnostic';

/** Writes a site's name and jurisdiction into `metadata.site`; a text that does not parse is returned as it was. */
export function setSite(text: string, site: { name: string; jurisdiction?: string }): string {
  const edits: SiteEdit[] = [{ op: 'set', path: ['metadata', 'site', 'name'], value: site.name }];
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

export function siteForm(text: string, opts: ValidateOptions): SiteForm {
  const { diagnostics, parsed } = validateText(text, opts);
  if (!parsed.readable) throw new FormEditError('The YAML cannot be read yet; fix the problems listed in the editor, then come back to the form.');
  return buildSiteForm(parsed, withPlainWords(diagnostics, parsed.value));
}

export function editSite(text: string, edits: SiteEdit[]): { text: string } {
  return { text: applyFormEdits(text, edits) };
}
