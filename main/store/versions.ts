/** Reading immutable versions: head, history, lookup by seq/id/prefix, and the QI cycles tagged onto them. */
import type { Database } from 'better-sqlite3';
import { textCycleId } from './cycle-keys';
import { InvalidInputError, NotFoundError } from './errors';
import { getProtocol, requireProtocol } from './protocols';
import type { Version, VersionInfo } from './types';

export interface VersionRow {
  id: string;
  protocol_id: string;
  seq: number;
  parent_id: string | null;
  sha256: string;
  author: string;
  message: string;
  created_at: string;
  qi_cycle_id: string | null;
  status: string | null;
  site_name: string | null;
  version_label: string | null;
  text?: string;
}

const VERSION_COLUMNS =
  'id, protocol_id, seq, parent_id, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label';

export function headRow(db: Database, protocolId: string): VersionRow | undefined {
  return db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE protocol_id = ? ORDER BY seq DESC LIMIT 1`).get(protocolId) as VersionRow | undefined;
}

export function head(db: Database, protocolId: string): VersionInfo | null {
  requireProtocol(db, protocolId);
  const row = headRow(db, protocolId);
  return row ? withTags(db, row) : null;
}

/** Newest first, without texts. */
export function history(db: Database, protocolId: string): VersionInfo[] {
  requireProtocol(db, protocolId);
  // Read from the covering index versions_history (no table rows, no texts), as arrays, and build each
  // VersionInfo in one pass: for protocols with thousands of versions the per-row work is what costs.
  const raw = db
    .prepare(
      'SELECT id, seq, parent_id, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label FROM versions WHERE protocol_id = ? ORDER BY seq DESC',
    )
    .raw()
    .all(protocolId) as unknown[][];
  const tags = cycleTags(db, protocolId);
  const out: VersionInfo[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const id = r[0] as string;
    const cycle = r[7] as string | null;
    const extra = tags.get(id);
    out[i] = {
      id,
      protocolId,
      seq: r[1] as number,
      parentId: r[2] as string | null,
      sha256: r[3] as string,
      author: r[4] as string,
      message: r[5] as string,
      createdAt: r[6] as string,
      qiCycleId: cycle,
      qiCycleIds: extra ? [...new Set((cycle ? [cycle, ...extra] : extra).map(textCycleId))].sort() : cycle ? [textCycleId(cycle)] : [],
      status: r[8] as string | null,
      siteName: r[9] as string | null,
      versionLabel: r[10] as string | null,
    };
  }
  return out;
}

/** QI cycles tagged onto versions of a protocol after the fact, by version id. */
function cycleTags(db: Database, protocolId: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  const rows = db
    // CROSS JOIN keeps the (small) tag table outside: joining from versions would probe it once per version.
    .prepare('SELECT t.version_id, t.qi_cycle_id FROM version_cycle_tags t CROSS JOIN versions v ON v.id = t.version_id WHERE v.protocol_id = ?')
    .raw()
    .all(protocolId) as Array<[string, string]>;
  for (const [versionId, cycleId] of rows) {
    const list = tags.get(versionId);
    if (list) list.push(cycleId);
    else tags.set(versionId, [cycleId]);
  }
  return tags;
}

export function getVersion(db: Database, versionId: string): Version {
  const row = db.prepare(`SELECT ${VERSION_COLUMNS}, text FROM versions WHERE id = ?`).get(versionId) as VersionRow | undefined;
  if (!row) throw new NotFoundError(`no version "${versionId}" in this workspace`);
  return { ...withTags(db, row), text: row.text! };
}

export function getVersionInfo(db: Database, versionId: string): VersionInfo {
  const row = db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE id = ?`).get(versionId) as VersionRow | undefined;
  if (!row) throw new NotFoundError(`no version "${versionId}" in this workspace`);
  return withTags(db, row);
}

/**
 * Finds a version of a protocol by sequence number ("3"), "head", or id (a unique prefix of at least
 * 6 characters will do), as people type them on the command line.
 */
export function findVersion(db: Database, protocolId: string, ref: string): VersionInfo {
  requireProtocol(db, protocolId);
  let row: VersionRow | undefined;
  if (ref === 'head' || ref === '') row = headRow(db, protocolId);
  else if (/^\d+$/.test(ref)) {
    row = db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE protocol_id = ? AND seq = ?`).get(protocolId, Number(ref)) as VersionRow | undefined;
  }
  // An id prefix may be all digits ("70193443"): when no version has that number, it is read as a prefix.
  if (!row && ref !== 'head' && ref.length >= 6) {
    const rows = db
      .prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE protocol_id = ? AND substr(id, 1, ?) = ? LIMIT 2`)
      .all(protocolId, ref.length, ref) as VersionRow[];
    if (rows.length > 1) throw new InvalidInputError(`"${ref}" matches more than one version of ${protocolId}; give more characters`);
    row = rows[0];
  }
  if (!row) throw new NotFoundError(`${protocolId} has no version "${ref}"`);
  return withTags(db, row);
}

/** One version row with the QI cycles tagged onto it later. */
function withTags(db: Database, r: VersionRow): VersionInfo {
  const tagged = db.prepare('SELECT qi_cycle_id FROM version_cycle_tags WHERE version_id = ?').pluck().all(r.id) as string[];
  return {
    id: r.id,
    protocolId: r.protocol_id,
    seq: r.seq,
    parentId: r.parent_id,
    sha256: r.sha256,
    author: r.author,
    message: r.message,
    createdAt: r.created_at,
    qiCycleId: r.qi_cycle_id,
    qiCycleIds: [...new Set([...(r.qi_cycle_id ? [r.qi_cycle_id] : []), ...tagged].map(textCycleId))].sort(),
    status: r.status,
    siteName: r.site_name,
    versionLabel: r.version_label,
  };
}

/** Checks that `versionId` is a version of this adaptation's base protocol, and returns the move. */
export function requireNewerBase(db: Database, protocolId: string, versionId: string): { baseProtocolId: string; from: string; to: string } {
  const { base } = getProtocol(db, protocolId);
  if (!base) throw new InvalidInputError(`${protocolId} is not an adaptation: it has no base to rebase onto`);
  const target = db.prepare('SELECT protocol_id, seq FROM versions WHERE id = ?').get(versionId) as { protocol_id: string; seq: number } | undefined;
  if (!target || target.protocol_id !== base.protocolId) {
    throw new InvalidInputError(`version ${versionId} is not a version of ${protocolId}'s base ${base.protocolId}`);
  }
  // A rebase only moves forward: onto an older or the same base would undo or repeat what the site took in.
  const current = (db.prepare('SELECT seq FROM versions WHERE id = ?').get(base.versionId) as { seq: number }).seq;
  if (target.seq <= current) {
    throw new InvalidInputError(`${protocolId} is already on version ${current} of ${base.protocolId}; a rebase goes onto a newer version, not ${target.seq}`);
  }
  return { baseProtocolId: base.protocolId, from: base.versionId, to: versionId };
}
