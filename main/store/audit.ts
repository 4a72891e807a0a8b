/**
 * The append-only audit log. Each entry's hash covers the previous entry's hash and the entry itself,
 * so editing, inserting or deleting a row in the middle breaks the chain and `verifyAuditChain` names it.
 */
import type { Database } from 'better-sqlite3';
import { canonicalJson, sha256 } from './hash';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The hash of one entry given its predecessor's hash. */
export function auditHash(prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return sha256(prevHash + canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, details: e.details }));
}

/** Appends one entry. Must run inside a write transaction so the chain cannot fork. */
export function appendAudit(db: Database, input: AuditInput, at = new Date().toISOString()): AuditEntry {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const entry = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actor: input.actor,
    action: input.action,
    subject: input.subject,
    // Round-trip through JSON so what is hashed is exactly what a later reader parses back.
    details: JSON.parse(canonicalJson(input.details ?? {})) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const full: AuditEntry = { ...entry, prevHash, hash: auditHash(prevHash, entry) };
  insertAudit(db, full);
  return full;
}

/** Inserts an entry as given (used by import, which copies an already-verified chain). */
export function insertAudit(db: Database, e: AuditEntry): void {
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.seq, e.at, e.actor, e.action, e.subject, canonicalJson(e.details), e.prevHash, e.hash);
}

export function readAudit(db: Database, opts: { subject?: string; limit?: number } = {}): AuditEntry[] {
  const rows = (
    opts.subject === undefined
      ? db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(opts.limit ?? -1)
      : db.prepare('SELECT * FROM audit_log WHERE subject = ? ORDER BY seq DESC LIMIT ?').all(opts.subject, opts.limit ?? -1)
  ) as AuditRow[];
  return rows.map(fromRow);
}

/** The whole chain, oldest first, streamed (export and verification). */
export function* readAuditChain(db: Database): Generator<AuditEntry> {
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) yield fromRow(row);
}

function fromRow(r: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    details = { unparseable: r.details };
  }
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details, prevHash: r.prev_hash, hash: r.hash };
}

export interface ChainProblem {
  kind: 'audit-chain' | 'audit-hash';
  message: string;
  rowid: number;
}

/** Checks numbering, links and hashes of a chain given oldest first. */
export function verifyAuditChain(entries: Iterable<AuditEntry>): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      problems.push({ kind: 'audit-chain', rowid: e.seq, message: `audit entry ${e.seq}: expected entry ${expectedSeq} here (entries missing or renumbered)` });
    }
    if (e.prevHash !== prevHash) {
      problems.push({ kind: 'audit-chain', rowid: e.seq, message: `audit entry ${e.seq}: does not link to the entry before it (prev hash mismatch)` });
    }
    if (auditHash(e.prevHash, e) !== e.hash) {
      problems.push({ kind: 'audit-hash', rowid: e.seq, message: `audit entry ${e.seq} (${e.action} ${e.subject}): content does not match its hash — edited after it was written` });
    }
    prevHash = e.hash;
    expectedSeq = e.seq + 1;
  }
  return problems;
}
