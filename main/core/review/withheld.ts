/**
 * A keeper's withholding in review (state `withheld`) as the disclosure policy sees it: the keepers' print and
 * export permissions are taken back for that section, so every printed or carried channel shows only its
 * placeholder to anyone but the workspace itself, until a keeper approves it again.
 */
import { isPlainObject } from '../diff/values';
import { listSections } from './sections';
import type { SectionReviewStatus } from './signoff';

/** A copy of `value` in which each section withheld in review has print and export permission refused. */
export function applyReviewWithholds(value: unknown, statuses: readonly Pick<SectionReviewStatus, 'key' | 'state'>[]): unknown {
  const keys = new Set(statuses.filter((s) => s.state === 'withheld').map((s) => s.key));
  if (keys.size === 0) return value;
  const copy = structuredClone(value);
  for (const section of listSections(copy)) {
    if (!keys.has(section.key)) continue;
    const node = section.value;
    const governance = isPlainObject(node.governance) ? node.governance : {};
    const permissions = isPlainObject(governance.permissions) ? governance.permissions : {};
    node.governance = { ...governance, permissions: { ...permissions, print: false, export: false } };
  }
  return copy;
}
