/** "What this site changed": a site protocol against the base version it was adapted from. */
import { diffProtocols } from './diff';
import { groupByCategory, type ChangeGroup } from './format';
import type { DiffOptions, ProtocolChange } from './types';

/**
 * Fields that name and administer one document (its id, version, status, owners, review dates):
 * every adaptation has its own, so they are neither adaptations of content nor merged from a base.
 */
export const DOCUMENT_IDENTITY: ReadonlySet<string> = new Set([
  'metadata.id',
  'metadata.title',
  'metadata.versionLabel',
  'metadata.status',
  'metadata.site',
  'metadata.basedOn',
  'metadata.owners',
  'metadata.review',
  'consent.version',
]);

/** True for an id path at or below one of the identity fields. */
export function isIdentityPath(idPath: string): boolean {
  for (const p of DOCUMENT_IDENTITY) if (idPath === p || idPath.startsWith(`${p}.`) || idPath.startsWith(`${p}[`)) return true;
  return false;
}

export interface SiteChanges {
  changes: ProtocolChange[];
  groups: ChangeGroup[];
  counts: Record<'added' | 'removed' | 'changed' | 'moved', number>;
}

export function siteChanges(baseValue: unknown, siteValue: unknown, opts?: DiffOptions): SiteChanges {
  const changes = diffProtocols(baseValue, siteValue, opts).filter((c) => !isIdentityPath(c.idPath));
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const c of changes) counts[c.kind]++;
  return { changes, groups: groupByCategory(changes), counts };
}
