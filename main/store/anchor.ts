/**
 * The audit chain's head written outside the workspace. The chain is hash-linked, so anyone who rewrites an
 * entry must rewrite every later one and can then pass `verify`; a head kept elsewhere (another disk, a
 * printout, a git tag) no longer matches the rewritten chain, and `verify --anchor` says so.
 */
import type { Database } from 'better-sqlite3';
import { InvalidInputError } from './errors';
import type { VerifyProblem } from './verify-types';

export const ANCHOR_FORMAT = 'protocol-studio.audit-anchor/1';

export interface AuditAnchor {
  format: typeof ANCHOR_FORMAT;
  /** Sequence number and hash of the newest audit entry when the anchor was written. */
  seq: number;
  hash: string;
  /** That entry's time. */
  at: string;
}

/** The current head of the chain; null for a workspace with no audit entries yet. */
export function auditAnchor(db: Database): AuditAnchor | null {
  const row = db.prepare('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string; at: string } | undefined;
  return row ? { format: ANCHOR_FORMAT, seq: row.seq, hash: row.hash, at: row.at } : null;
}

/** Reads an anchor file's JSON, refusing anything that is not one. */
export function parseAnchor(text: string, file = 'anchor'): AuditAnchor {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new InvalidInputError(`${file} is not an audit anchor (not JSON)`);
  }
  const a = v as Partial<AuditAnchor> | null;
  if (
    !a ||
    typeof a !== 'object' ||
    a.format !== ANCHOR_FORMAT ||
    !Number.isSafeInteger(a.seq) ||
    (a.seq as number) < 1 ||
    typeof a.hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(a.hash) ||
    typeof a.at !== 'string'
  ) {
    throw new InvalidInputError(`${file} is not an audit anchor (expected {"format": "${ANCHOR_FORMAT}", "seq", "hash", "at"})`);
  }
  return { format: ANCHOR_FORMAT, seq: a.seq as number, hash: a.hash, at: a.at };
}

export function checkAnchor(db: Database, anchor: AuditAnchor): VerifyProblem[] {
  const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  if (!row) {
    return [{ kind: 'anchor', table: 'audit_log', rowid: anchor.seq, message: `the audit log has no entry ${anchor.seq}, which the anchor written at ${anchor.at} records: entries were removed` }];
  }
  if (row.hash !== anchor.hash) {
    return [{ kind: 'anchor', table: 'audit_log', rowid: anchor.seq, message: `audit entry ${anchor.seq} is not the one the anchor written at ${anchor.at} records: the audit chain was rewritten` }];
  }
  return [];
}
