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

/**
 * Sections withheld now, read straight from review events in the order they were recorded: on a section's
 * track, a withholding holds until a later approval (signoff.ts states the same rule for the review view).
 * For callers below the review service, such as the folder export.
 */
export function withheldNow(events: readonly { sectionKey: string; track: string; kind: string }[]): Pick<SectionReviewStatus, 'key' | 'state'>[] {
  // Per section and track: whether the last withholding or approval was a withholding.
  const held = new Map<string, { key: string; on: boolean }>();
  for (const e of events) {
    if (e.kind === 'withhold' || e.kind === 'approve') held.set(`${e.track}\u0000${e.sectionKey}`, { key: e.sectionKey, on: e.kind === 'withhold' });
  }
  const keys = new Set([...held.values()].filter((h) => h.on).map((h) => h.key));
  return [...keys].map((key) => ({ key, state: 'withheld' as const }));
}
