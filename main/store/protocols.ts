/** Protocol rows: lookups, the listing with head facts, and choosing a free id. */
import type { Database } from 'better-sqlite3';
import { InvalidInputError, NotFoundError } from './errors';
import type { ProtocolSummary } from './types';
import { checkId, slugify } from './validate-input';

interface SummaryRow {
  id: string;
  title: string;
  created_at: string;
  created_by: string;
  template_id: string | null;
  base_protocol_id: string | null;
  base_version_id: string | null;
  head_id: string | null;
  head_seq: number | null;
  status: string | null;
  site_name: string | null;
  version_label: string | null;
  head_at: string | null;
  draft_at: string | null;
  draft_authors: string | null;
}

export function hasProtocol(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM protocols WHERE id = ?').get(id) !== undefined;
}

export function requireProtocol(db: Database, id: string): void {
  if (typeof id !== 'string' || !hasProtocol(db, id)) throw new NotFoundError(`no protocol "${String(id)}" in this workspace`);
}

export function getProtocol(db: Database, id: string): ProtocolSummary {
  const found = queryProtocols(db, 'WHERE p.id = ?', [id])[0];
  if (!found) throw new NotFoundError(`no protocol "${id}" in this workspace`);
  return found;
}

/** All protocols with their head facts; no YAML is parsed (facts were stored at commit time). */
export function listProtocols(db: Database): ProtocolSummary[] {
  return queryProtocols(db, '', []);
}

function queryProtocols(db: Database, where: string, params: unknown[]): ProtocolSummary[] {
  const rows = db
    .prepare(
      `SELECT p.*, v.id AS head_id, v.seq AS head_seq, v.status, v.site_name, v.version_label, v.created_at AS head_at,
         (SELECT max(updated_at) FROM drafts d WHERE d.protocol_id = p.id) AS draft_at,
         (SELECT group_concat(author, char(10)) FROM (SELECT author FROM drafts d WHERE d.protocol_id = p.id ORDER BY author)) AS draft_authors
       FROM protocols p
       LEFT JOIN versions v ON v.id = (SELECT id FROM versions WHERE protocol_id = p.id ORDER BY seq DESC LIMIT 1)
       ${where}
       ORDER BY p.title COLLATE NOCASE, p.id`,
    )
    .all(...params) as SummaryRow[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    createdAt: r.created_at,
    createdBy: r.created_by,
    templateId: r.template_id,
    base: r.base_protocol_id && r.base_version_id ? { protocolId: r.base_protocol_id, versionId: r.base_version_id } : null,
    headVersionId: r.head_id,
    headSeq: r.head_seq,
    status: r.status,
    siteName: r.site_name,
    versionLabel: r.version_label,
    lastChange: [r.created_at, r.head_at, r.draft_at].filter((x): x is string => !!x).sort().at(-1)!,
    draftAuthors: r.draft_authors ? r.draft_authors.split('\n') : [],
  }));
}

/** The requested id (refused if taken), or the first usable of `preferred`/`fallback` made unique with -2, -3… */
export function chooseProtocolId(db: Database, requested: string | undefined, preferred: string, fallback: string): string {
  if (requested !== undefined) {
    checkId(requested, 'protocol id');
    if (hasProtocol(db, requested)) throw new InvalidInputError(`a protocol with id "${requested}" already exists`);
    return requested;
  }
  let base = [preferred, slugify(fallback), 'protocol'].find((s) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(s))!;
  base = base.slice(0, 90);
  let id = base;
  for (let n = 2; hasProtocol(db, id); n++) id = `${base}-${n}`;
  return id;
}
