/**
 * Checks a workspace for damage and tampering: SQLite's own integrity and foreign-key checks, the
 * immutability triggers, every version's SHA-256 against its text, the version chain of each protocol,
 * the audit hash chain, and that each version matches the hash its audit entry recorded when committed
 * (so rewriting a text together with its hash column is caught too) and that every recorded commit still has
 * its version; then the review records
 * (verify-reviews.ts).
 */
import type { Database } from 'better-sqlite3';
import { checkAnchor, type AuditAnchor } from './anchor';
import { readAuditChain, verifyAuditChain } from './audit';
import { sha256 } from './hash';
import { versionRecordHash } from './record-payload';
import { REQUIRED_TRIGGERS } from './migrations';
import { REVIEW_TRIGGERS } from './review-schema';
import { checkReviewRecords } from './verify-reviews';
import type { VerifyProblem, VerifyResult } from './verify-types';
import type { VersionRow } from './versions';

export type { VerifyProblem, VerifyResult } from './verify-types';

/** `anchor`: an audit chain head written outside the workspace earlier (see anchor.ts); a rewritten chain no longer holds it. */
export function verifyWorkspace(db: Database, opts: { anchor?: AuditAnchor } = {}): VerifyResult {
  const problems: VerifyProblem[] = [
    ...(opts.anchor ? checkAnchor(db, opts.anchor) : []),
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

/** A version row beside the audit entry of its commit. */
type CommitRow = Omit<VersionRow, 'status' | 'site_name' | 'version_label' | 'text'> & {
  rowid: number;
  actor: string | null;
  audit_at: string | null;
  details: string | null;
};

/**
 * Every recorded field of a version against its commit audit entry: the text hash, and the author (the entry's
 * actor), time, message, parent, number and cycle — so rewriting any of them, even with the triggers dropped
 * and put back, is named. `recordSha256` (the canonical payload's hash) is checked where the entry has it.
 */
function commitRecordProblems(r: CommitRow, d: Record<string, unknown>): string[] {
  const fields: [string, unknown, unknown][] = [
    ['author', r.actor, r.author],
    ['time', r.audit_at, r.created_at],
    ['protocol', d.protocolId, r.protocol_id],
    ['number', d.seq, r.seq],
    ['parent', d.parentId, r.parent_id],
    ['message', d.message, r.message],
    ['QI cycle', d.qiCycleId ?? null, r.qi_cycle_id],
  ];
  const wrong = fields.filter(([, recorded, stored]) => recorded !== stored).map(([name]) => name);
  if (typeof d.recordSha256 === 'string' && wrong.length === 0) {
    const record = { id: r.id, protocolId: r.protocol_id, seq: r.seq, parentId: r.parent_id, sha256: r.sha256, author: r.author, message: r.message, createdAt: r.created_at, qiCycleId: r.qi_cycle_id };
    if (versionRecordHash(record) !== d.recordSha256) wrong.push('record hash');
  }
  return wrong;
}

function checkCommitRecords(db: Database): VerifyProblem[] {
  const rows = db
    .prepare(
      `SELECT v.rowid, v.id, v.protocol_id, v.seq, v.parent_id, v.sha256, v.author, v.message, v.created_at, v.qi_cycle_id,
         a.actor, a.at AS audit_at, a.details
       FROM versions v LEFT JOIN audit_log a ON a.subject = v.id AND a.action = 'version.commit'`,
    )
    .iterate() as IterableIterator<CommitRow>;
  const problems: VerifyProblem[] = [];
  for (const r of rows) {
    const label = `version ${r.protocol_id}@${r.seq} (${r.id})`;
    if (r.details === null) {
      problems.push({ kind: 'audit-missing', rowid: r.rowid, id: r.id, message: `${label} has no commit entry in the audit log` });
      continue;
    }
    let d: Record<string, unknown>;
    try {
      d = JSON.parse(r.details) as Record<string, unknown>;
    } catch {
      d = {};
    }
    if (d.sha256 !== r.sha256) {
      problems.push({ kind: 'version-hash', rowid: r.rowid, id: r.id, message: `${label}: differs from the hash recorded in the audit log when it was committed` });
    }
    const wrong = commitRecordProblems(r, d);
    if (wrong.length) {
      problems.push({ kind: 'version-record', rowid: r.rowid, id: r.id, message: `${label}: ${wrong.join(', ')} ${wrong.length === 1 ? 'differs' : 'differ'} from what the audit log recorded when it was committed` });
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
