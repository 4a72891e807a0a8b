/**
 * Writes a site's name and jurisdiction into `metadata.site`. Existing scalars are replaced in place in
 * the text, so every other byte (comments, blank lines, flow spacing) stays as the base wrote it; only
 * a missing key goes through the Document API.
 */
import { isScalar, parseDocument } from 'yaml';

export function setSite(text: string, site: { name: string; jurisdiction?: string }): string {
  const edits: [string[], string][] = [[['metadata', 'site', 'name'], site.name]];
  if (site.jurisdiction) edits.push([['metadata', 'site', 'jurisdiction'], site.jurisdiction]);
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  const spliced: { at: [number, number]; value: string }[] = [];
  const missing: [string[], string][] = [];
  for (const [path, value] of edits) {
    const node = doc.getIn(path, true);
    if (isScalar(node) && node.range) spliced.push({ at: [node.range[0], node.range[1]], value: JSON.stringify(value) });
    else missing.push([path, value]);
  }
  let out = text;
  // Right to left, so earlier offsets stay valid.
  for (const s of spliced.sort((a, b) => b.at[0] - a.at[0])) out = out.slice(0, s.at[0]) + s.value + out.slice(s.at[1]);
  if (missing.length === 0) return out;
  const again = parseDocument(out);
  for (const [path, value] of missing) again.setIn(path, value);
  return again.toString({ lineWidth: 0 });
}
