/**
 * Checks a workspace for damage and tampering: SQLite's own integrity and foreign-key checks, the
 * immutability triggers, every version's SHA-256 against its text, the version chain of each protocol,
 * the audit hash chain, and that each version matches the hash its audit entry recorded when committed
 * (so rewriting a text together with its hash column is caught too) and that every recorded commit still has
 * its version; then the review records
 * (verify-reviews.ts).
 */
import type { Database } from 'better-sqlite3';
import { readAuditChain, verifyAuditChain } from './audit';
import { sha256 } from './hash';
import { REQUIRED_TRIGGERS } from './migrations';
import { REVIEW_TRIGGERS } from './review-schema';
import { checkReviewRecords } from './verify-reviews';

export interface VerifyProblem {
  kind:
    | 'integrity'
    | 'foreign-key'
    | 'trigger-missing'
    | 'version-hash'
    | 'version-chain'
    | 'version-missing'
    | 'audit-chain'
    | 'audit-hash'
    | 'audit-missing'
    | 'review-hash'
    | 'review-missing';
  message: string;
  /** Table concerned, when not evident from the kind (review records). */
  table?: string;
  /** Row number in the table concerned (audit entries: their sequence number; review records: their id). */
  rowid?: number;
  /** Id of the version or protocol concerned. */
  id?: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: VerifyProblem[];
}

export function verifyWorkspace(db: Database): VerifyResult {
  const problems: VerifyProblem[] = [
    ...checkIntegrity(db),
    ...checkForeignKeys(db),
    ...checkTriggers(db),
    ...checkVersions(db),
    ...verifyAuditChain(readAuditChain(db)),
    ...checkCommitRecords(db),
    ...checkReviewRecords(db),
  ];
  return { ok: problems.length === 0, problems };
}

function checkIntegrity(db: Database): VerifyProblem[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.filter((r) => r.integrity_check !== 'ok').map((r) => ({ kind: 'integrity' as const, message: `SQLite integrity check: ${r.integrity_check}` }));
}

function checkForeignKeys(db: Database): VerifyProblem[] {
  const rows = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  return rows.map((r) => ({ kind: 'foreign-key' as const, rowid: r.rowid, message: `${r.table} row ${r.rowid} refers to a missing ${r.parent} row` }));
}

function checkTriggers(db: Database): VerifyProblem[] {
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>).map((r) => r.name));
  return [...REQUIRED_TRIGGERS, ...REVIEW_TRIGGERS].filter((t) => !present.has(t)).map((t) => ({
    kind: 'trigger-missing' as const,
    message: `the immutability trigger ${t} has been removed; records may have been edited by hand`,
  }));
}

function checkVersions(db: Database): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  let protocol: string | null = null;
  let prev = null as { id: string; seq: number } | null;
  const rows = db.prepare('SELECT rowid, id, protocol_id, seq, parent_id, text, sha256 FROM versions ORDER BY protocol_id, seq').iterate() as IterableIterator<{
    rowid: number;
    id: string;
    protocol_id: string;
    seq: number;
    parent_id: string | null;
    text: string;
    sha256: string;
  }>;
  for (const v of rows) {
    if (sha256(v.text) !== v.sha256) {
      problems.push({ kind: 'version-hash', rowid: v.rowid, id: v.id, message: `version ${v.protocol_id}@${v.seq} (${v.id}): text does not match its SHA-256` });
    }
    if (v.protocol_id !== protocol) {
      protocol = v.protocol_id;
      prev = null;
    }
    const expectedSeq: number = (prev?.seq ?? 0) + 1;
    const expectedParent = prev?.id ?? null;
    if (v.seq !== expectedSeq || v.parent_id !== expectedParent) {
      problems.push({
        kind: 'version-chain',
        rowid: v.rowid,
        id: v.id,
        message: `version ${v.protocol_id}@${v.seq} (${v.id}): expected number ${expectedSeq} with parent ${expectedParent ?? 'none'}`,
      });
    }
    prev = { id: v.id, seq: v.seq };
  }
  return problems;
}

function checkCommitRecords(db: Database): VerifyProblem[] {
  const rows = db
    .prepare(
      `SELECT v.rowid, v.id, v.protocol_id, v.seq, v.sha256, a.details
       FROM versions v LEFT JOIN audit_log a ON a.subject = v.id AND a.action = 'version.commit'`,
    )
    .iterate() as IterableIterator<{ rowid: number; id: string; protocol_id: string; seq: number; sha256: string; details: string | null }>;
  const problems: VerifyProblem[] = [];
  for (const r of rows) {
    const label = `version ${r.protocol_id}@${r.seq} (${r.id})`;
    if (r.details === null) {
      problems.push({ kind: 'audit-missing', rowid: r.rowid, id: r.id, message: `${label} has no commit entry in the audit log` });
      continue;
    }
    let recorded: unknown;
    try {
      recorded = (JSON.parse(r.details) as { sha256?: unknown }).sha256;
    } catch {
      recorded = undefined;
    }
    if (recorded !== r.sha256) {
      problems.push({ kind: 'version-hash', rowid: r.rowid, id: r.id, message: `${label}: differs from the hash recorded in the audit log when it was committed` });
    }
  }
  // The other direction: a commit the audit log records whose version is gone (deleted by hand, or left out of an import).
  const orphans = db
    .prepare(
      `SELECT a.seq, a.details FROM audit_log a WHERE a.action = 'version.commit' AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = a.subject)`,
    )
    .iterate() as IterableIterator<{ seq: number; details: string }>;
  for (const a of orphans) {
    problems.push({ kind: 'version-missing', table: 'audit_log', rowid: a.seq, message: `audit entry ${a.seq} records a commit (${commitLabel(a.details)}) whose version is no longer in the workspace` });
  }
  return problems;
}

function commitLabel(details: string): string {
  try {
    const d = JSON.parse(details) as { protocolId?: unknown; seq?: unknown };
    return `${String(d.protocolId)}@${String(d.seq)}`;
  } catch {
    return 'unreadable details';
  }
}
