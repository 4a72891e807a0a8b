/**
 * The workspace's side of QI cycles. What a cycle is (aim, dates, change, rationale, decision) lives in
 * the protocol text under `qi.cycles`; the workspace records only which versions were made in, or later
 * tagged with, which cycle. The `qi_cycles` table is an index of the cycles versions cite, refreshed from
 * the committed text, so the versions' foreign keys have a row to point at (cycle-keys.ts names them).
 * Workspaces from before keep their rows: `migrateLegacyCycles` writes each such cycle the text lacks
 * into the protocol's drafts once, so the next commit carries it.
 */
import type { Database } from 'better-sqlite3';
import { parseProtocolText } from '../core/diff/parse-text';
import { addCycle, cyclesOf, cycleText, type TextCycle } from '../core/qi';
import { appendAudit } from './audit';
import { cycleRowKey, textCycleId } from './cycle-keys';
import { listDrafts, writeDraft } from './drafts';
import { InvalidInputError } from './errors';
import type { StoreContext } from './store-context';
import type { QiCycle, QiDecision, VersionInfo } from './types';
import { getVersion, getVersionInfo, headRow } from './versions';

interface QiRow {
  id: string;
  protocol_id: string;
  number: number;
  aim: string;
  start_date: string;
  end_date: string | null;
  decision: QiDecision;
  created_at: string;
  created_by: string;
}

/** The parsed text, or undefined when it does not parse (drafts may hold broken text). */
function readProtocolValue(text: string): unknown {
  try {
    return parseProtocolText(text);
  } catch {
    return undefined;
  }
}

/** The index key of cycle `cycleId` of a protocol: its pre-existing row's id, else `PROTOCOL:CYCLE`. */
function rowKey(db: Database, protocolId: string, cycleId: string): string {
  const legacy = db.prepare('SELECT id FROM qi_cycles WHERE id = ? AND protocol_id = ?').pluck().get(cycleId, protocolId) as string | undefined;
  return legacy ?? cycleRowKey(protocolId, cycleId);
}

/**
 * Makes sure the index has a row for `cycle` as the committed text states it, and returns its key. The
 * row's number is the workspace's own ordinal (the text's numbers may repeat or change); the text's
 * number is what people see.
 */
export function indexCycle(ctx: StoreContext, protocolId: string, cycle: TextCycle, author: string, at: string): string {
  const { db } = ctx;
  const key = rowKey(db, protocolId, cycle.id);
  const aim = cycleText(cycle.aim) ?? '';
  const start = cycle.start ?? at.slice(0, 10);
  const existing = db.prepare('SELECT protocol_id FROM qi_cycles WHERE id = ?').pluck().get(key) as string | undefined;
  if (existing !== undefined && existing !== protocolId) throw new InvalidInputError(`the QI cycle key ${key} belongs to ${existing}, not ${protocolId}`);
  if (existing === undefined) {
    const number = (db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM qi_cycles WHERE protocol_id = ?').get(protocolId) as { n: number }).n;
    db.prepare('INSERT INTO qi_cycles (id, protocol_id, number, aim, start_date, end_date, decision, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(key, protocolId, number, aim, start, cycle.end, cycle.decision, at, author);
  } else {
    db.prepare('UPDATE qi_cycles SET aim = ?, start_date = ?, end_date = ?, decision = ? WHERE id = ?').run(aim, start, cycle.end, cycle.decision, key);
  }
  return key;
}

/** The `qi.cycles` ids that a version of the protocol was committed in or tagged with. */
export function usedQiCycles(db: Database, protocolId: string): Set<string> {
  const rows = db
    .prepare(
      `SELECT qi_cycle_id FROM versions WHERE protocol_id = ? AND qi_cycle_id IS NOT NULL
       UNION SELECT t.qi_cycle_id FROM version_cycle_tags t JOIN qi_cycles c ON c.id = t.qi_cycle_id WHERE c.protocol_id = ?`,
    )
    .pluck()
    .all(protocolId, protocolId) as string[];
  return new Set(rows.map(textCycleId));
}

/** The index rows (for transfer and sync), by protocol and ordinal. */
export function listQiCycles(db: Database, protocolId?: string): QiCycle[] {
  const rows = (
    protocolId === undefined
      ? db.prepare('SELECT * FROM qi_cycles ORDER BY protocol_id, number').all()
      : db.prepare('SELECT * FROM qi_cycles WHERE protocol_id = ? ORDER BY number').all(protocolId)
  ) as QiRow[];
  return rows.map(cycleFromRow);
}

/**
 * The cycle a commit is made in, checked against the text being committed: it must be there, and every
 * cycle an earlier version cites that the parent text holds must still be there (a cited cycle cannot be deleted).
 */
export function cycleForCommit(ctx: StoreContext, protocolId: string, value: unknown, cycleId: string | undefined, author: string, at: string): string | null {
  const { db } = ctx;
  const cycles = cyclesOf(value);
  const head = headRow(db, protocolId);
  if (head) {
    const used = usedQiCycles(db, protocolId);
    const kept = new Set(cycles.map((c) => c.id));
    const dropped = cyclesOf(readProtocolValue(getVersion(db, head.id).text)).find((c) => used.has(c.id) && !kept.has(c.id));
    if (dropped) {
      throw new InvalidInputError(`the text leaves out QI cycle "${dropped.id}", which committed versions cite; a cited cycle stays in qi.cycles (close it with an end date and a decision instead)`);
    }
  }
  if (cycleId === undefined) return null;
  const cycle = cycles.find((c) => c.id === cycleId);
  if (!cycle) throw new InvalidInputError(`${protocolId} has no QI cycle "${cycleId}" in the text being committed; add it under qi.cycles first`);
  return indexCycle(ctx, protocolId, cycle, author, at);
}

/** Links an existing version to a cycle that the protocol's latest text holds (the version itself never changes). */
export function tagVersion(ctx: StoreContext, versionId: string, cycleId: string, opts: { author: string }): VersionInfo {
  const { db } = ctx;
  const author = ctx.actor(opts.author);
  return ctx.transaction(() => {
    const version = getVersionInfo(db, versionId);
    if (version.qiCycleIds.includes(cycleId)) return version;
    const head = headRow(db, version.protocolId)!;
    const cycle = cyclesOf(readProtocolValue(getVersion(db, head.id).text)).find((c) => c.id === cycleId);
    if (!cycle) throw new InvalidInputError(`${version.protocolId} has no QI cycle "${cycleId}" in its latest version; commit the cycle first, then tag versions with it`);
    const at = ctx.timestamp();
    const key = indexCycle(ctx, version.protocolId, cycle, author, at);
    db.prepare('INSERT INTO version_cycle_tags (version_id, qi_cycle_id, tagged_at, tagged_by) VALUES (?, ?, ?, ?)').run(versionId, key, at, author);
    appendAudit(db, { actor: author, action: 'version.tag', subject: versionId, details: { qiCycleId: key, protocolId: version.protocolId } }, at);
    return getVersionInfo(db, versionId);
  });
}

const MIGRATION_NOTE = 'QI cycle moved here from the workspace records; it is part of the protocol text from now on';

/**
 * Once per old cycle row: when the protocol's latest text lacks the cycle, it is written into every
 * draft of the protocol (a draft based on the latest version for the cycle's author when there is none),
 * with a one-line comment saying so; committed history is never touched. Rows no version cites are then
 * dropped (the text holds them now). Each move is audited as `qi.migrate`, which is also what marks it done.
 */
export function migrateLegacyCycles(ctx: StoreContext): void {
  const { db } = ctx;
  const pending = db
    .prepare(
      `SELECT * FROM qi_cycles c WHERE instr(c.id, ':') = 0
       AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.subject = c.id AND a.action = 'qi.migrate') ORDER BY protocol_id, number`,
    )
    .all() as QiRow[];
  if (pending.length === 0) return;
  ctx.transaction(() => {
    const at = ctx.timestamp();
    for (const row of pending) {
      const head = headRow(db, row.protocol_id);
      const inHead = head ? cyclesOf(readProtocolValue(getVersion(db, head.id).text)).some((c) => c.id === row.id) : false;
      const drafts = listDrafts(db, row.protocol_id);
      const targets = drafts.length > 0 ? drafts.map((d) => ({ author: d.author, text: d.text, parent: d.parentVersionId })) : head && !inHead ? [{ author: row.created_by, text: getVersion(db, head.id).text, parent: head.id as string | null }] : [];
      const written: string[] = [];
      for (const t of inHead ? [] : targets) {
        const value = readProtocolValue(t.text);
        if (value === undefined || cyclesOf(value).some((c) => c.id === row.id)) continue;
        const taken = cyclesOf(value).some((c) => c.number === row.number);
        try {
          const { text } = addCycle(t.text, {
            id: row.id,
            ...(taken ? {} : { number: row.number }),
            start: row.start_date,
            ...(row.end_date ? { end: row.end_date } : {}),
            aim: row.aim,
            decision: row.decision,
            note: MIGRATION_NOTE,
          });
          writeDraft(db, row.protocol_id, t.author, text, t.parent, at);
          written.push(t.author);
        } catch {
          // A draft this edit cannot take (an id the schema would refuse): it stays as it was.
        }
      }
      if (!inHead && written.length === 0) continue; // tried again at the next opening
      appendAudit(db, { actor: row.created_by, action: 'qi.migrate', subject: row.id, details: { protocolId: row.protocol_id, number: row.number, inLatestVersion: inHead, draftsOf: written } }, at);
      const cited = db.prepare('SELECT 1 FROM versions WHERE qi_cycle_id = ? UNION SELECT 1 FROM version_cycle_tags WHERE qi_cycle_id = ?').get(row.id, row.id);
      if (!cited) db.prepare('DELETE FROM qi_cycles WHERE id = ?').run(row.id);
    }
  });
}

function cycleFromRow(r: QiRow): QiCycle {
  return {
    id: r.id,
    protocolId: r.protocol_id,
    number: r.number,
    aim: r.aim,
    start: r.start_date,
    end: r.end_date,
    decision: r.decision,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}
