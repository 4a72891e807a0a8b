/**
 * Tamper checks of the review records (verify.ts checks their append-only triggers with the others):
 * each event's snapshot still hashes to the content hash recorded with it, and each request and event
 * matches the audit entry written in the same transaction (so rewriting a snapshot together with its
 * hash column is caught too).
 */
import type { Database } from 'better-sqlite3';
import { sha256 } from './hash';
import type { VerifyProblem } from './verify-types';

interface ReviewRow {
  id: number;
  table: 'review_requests' | 'review_events';
  protocol_id: string;
  section_key: string;
  track: string;
  kind: string;
  /** Who acted: the requester of a request, the reviewer of an event. */
  actor: string;
  reviewer: string;
  role: string;
  version_id: string | null;
  note: string | null;
  at: string;
  content_hash: string;
  snapshot: string | null;
}

interface AuditRow {
  seq: number;
  actor: string;
  at: string;
  action: string;
  subject: string;
  details: string;
}

/** The audit actions review-store.ts writes, one per request row and per event row. */
export const REVIEW_ACTIONS = ['review.request', 'review.approve', 'review.request_changes', 'review.withhold', 'review.comment'];

const label = (r: ReviewRow): string =>
  r.table === 'review_events'
    ? `review event ${r.id} (${r.kind} of ${r.protocol_id} ${r.section_key} by ${r.actor})`
    : `review request ${r.id} (${r.protocol_id} ${r.section_key} requested by ${r.actor})`;

function rows(db: Database): ReviewRow[] {
  return db
    .prepare(
      `SELECT id, 'review_requests' AS "table", protocol_id, section_key, track, 'request' AS kind, requested_by AS actor, reviewer, role, version_id, note,
         requested_at AS at, content_hash, NULL AS snapshot FROM review_requests
       UNION ALL
       SELECT id, 'review_events', protocol_id, section_key, track, kind, reviewer, reviewer, role, version_id, note, at, content_hash, snapshot FROM review_events
       ORDER BY 2, 1`,
    )
    .all() as ReviewRow[];
}

function recorded(details: string): Record<string, unknown> {
  try {
    return JSON.parse(details) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The fields of a review record that differ from its audit entry: who acted, the reviewer asked, the role,
 * the version, the note (by its SHA-256) and — for entries that record it — the time.
 */
function recordProblems(r: ReviewRow, entry: AuditRow, d: Record<string, unknown>): string[] {
  const fields: [string, unknown, unknown][] = [
    [r.table === 'review_events' ? 'reviewer' : 'requester', entry.actor, r.actor],
    ['role', d.role, r.role],
    ['version', d.versionId ?? null, r.version_id],
    ['note', d.noteSha256 ?? null, r.note === null ? null : sha256(r.note)],
  ];
  if (r.table === 'review_requests') fields.push(['reviewer asked', d.reviewer, r.reviewer]);
  // Entries written before the time was recorded in them carry none; theirs is not checked.
  if ('at' in d) fields.push(['time', d.at, r.at], ['time', entry.at, r.at]);
  return [...new Set(fields.filter(([, a, b]) => a !== b).map(([name]) => name))];
}

export function checkReviewRecords(db: Database): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  const all = rows(db);
  for (const r of all) {
    if (r.snapshot !== null && sha256(r.snapshot) !== r.content_hash) {
      problems.push({ kind: 'review-hash', table: r.table, rowid: r.id, message: `${label(r)}: the approved content does not match the hash recorded with it` });
    }
  }
  // Each action wrote its audit entry in the same transaction, in the same order: pair them up per table and protocol.
  const audit = db
    .prepare(`SELECT seq, actor, at, action, subject, details FROM audit_log WHERE action IN (${REVIEW_ACTIONS.map(() => '?').join(', ')}) ORDER BY seq`)
    .all(...REVIEW_ACTIONS) as AuditRow[];
  const queues = new Map<string, { entries: AuditRow[]; next: number }>();
  for (const a of audit) {
    const key = `${a.action === 'review.request' ? 'review_requests' : 'review_events'}\n${a.subject}`;
    const queue = queues.get(key);
    if (queue) queue.entries.push(a);
    else queues.set(key, { entries: [a], next: 0 });
  }
  for (const r of all) {
    const queue = queues.get(`${r.table}\n${r.protocol_id}`);
    const entry = queue?.entries[queue.next++];
    if (!entry) {
      problems.push({ kind: 'audit-missing', table: r.table, rowid: r.id, message: `${label(r)} has no entry in the audit log` });
      continue;
    }
    const d = recorded(entry.details);
    const action = r.table === 'review_events' ? `review.${r.kind}` : 'review.request';
    if (entry.action !== action || d.section !== r.section_key || d.track !== r.track || d.contentHash !== r.content_hash) {
      problems.push({
        kind: 'review-hash',
        table: r.table,
        rowid: r.id,
        message: `${label(r)}: differs from what audit entry ${entry.seq} recorded when it was written`,
      });
      continue;
    }
    const wrong = recordProblems(r, entry, d);
    if (wrong.length) {
      problems.push({
        kind: 'review-record',
        table: r.table,
        rowid: r.id,
        message: `${label(r)}: ${wrong.join(', ')} ${wrong.length === 1 ? 'differs' : 'differ'} from what audit entry ${entry.seq} recorded when it was written`,
      });
    }
  }
  for (const [key, queue] of queues) {
    for (const entry of queue.entries.slice(queue.next)) {
      const table = key.split('\n')[0]!;
      problems.push({
        kind: 'review-missing',
        table: 'audit_log',
        rowid: entry.seq,
        message: `audit entry ${entry.seq} (${entry.action} ${entry.subject}) records a review action that is no longer in ${table}: deleted by hand`,
      });
    }
  }
  return problems;
}
