/** QI cycles (PDSA): create, edit or delete while unused, list, and tag versions with them after the fact. */
import type { Database } from 'better-sqlite3';
import { appendAudit } from './audit';
import { InvalidInputError, NotFoundError } from './errors';
import { requireProtocol } from './protocols';
import type { StoreContext } from './store-context';
import type { QiCycle, QiDecision, VersionInfo } from './types';
import { checkDate, checkId, checkText } from './validate-input';
import { getVersionInfo } from './versions';

const DECISIONS: readonly QiDecision[] = ['adopt', 'adapt', 'abandon', 'pending'];

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

export interface NewQiCycle {
  protocolId: string;
  aim: string;
  start: string;
  end?: string;
  id?: string;
  author: string;
}

export interface QiCycleChange {
  end?: string;
  decision?: QiDecision;
  aim?: string;
  start?: string;
}

export function createQiCycle(ctx: StoreContext, input: NewQiCycle): QiCycle {
  const { db } = ctx;
  const author = ctx.actor(input.author);
  const aim = checkText(input.aim, 'aim');
  if (aim.trim() === '') throw new InvalidInputError('a QI cycle needs an aim');
  const start = checkDate(input.start, 'start');
  const end = input.end === undefined ? null : checkDate(input.end, 'end');
  if (end !== null && end < start) throw new InvalidInputError(`the cycle ends (${end}) before it starts (${start})`);
  return ctx.transaction(() => {
    requireProtocol(db, input.protocolId);
    const number = (db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM qi_cycles WHERE protocol_id = ?').get(input.protocolId) as { n: number }).n;
    const id = input.id === undefined ? `${input.protocolId}-cycle-${number}` : checkId(input.id, 'cycle id');
    if (db.prepare('SELECT 1 FROM qi_cycles WHERE id = ?').get(id)) throw new InvalidInputError(`a QI cycle with id "${id}" already exists`);
    const at = ctx.timestamp();
    db.prepare('INSERT INTO qi_cycles (id, protocol_id, number, aim, start_date, end_date, decision, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.protocolId, number, aim, start, end, 'pending', at, author);
    appendAudit(db, { actor: author, action: 'qi.create', subject: id, details: { protocolId: input.protocolId, number, aim, start, end } }, at);
    return getQiCycle(db, id);
  });
}

/**
 * Records the end date and/or the decision of a cycle (PDSA "act"). Its aim and start can change only
 * while no version was committed in it or tagged with it: after that they are what those versions cite.
 */
export function updateQiCycle(ctx: StoreContext, id: string, change: QiCycleChange, opts: { author: string }): QiCycle {
  const { db } = ctx;
  const author = ctx.actor(opts.author);
  if (change.decision !== undefined && !DECISIONS.includes(change.decision)) {
    throw new InvalidInputError(`decision must be one of ${DECISIONS.join(', ')}`);
  }
  if (change.end !== undefined) checkDate(change.end, 'end');
  if (change.start !== undefined) checkDate(change.start, 'start');
  const newAim = change.aim === undefined ? undefined : checkText(change.aim, 'aim');
  if (newAim !== undefined && newAim.trim() === '') throw new InvalidInputError('a QI cycle needs an aim');
  return ctx.transaction(() => {
    const before = getQiCycle(db, id);
    if ((newAim !== undefined && newAim !== before.aim) || (change.start !== undefined && change.start !== before.start)) requireUnusedCycle(db, before, 'change its aim or start');
    const start = change.start ?? before.start;
    const aim = newAim ?? before.aim;
    const end = change.end ?? before.end;
    if (end !== null && end < start) throw new InvalidInputError(`the cycle ends (${end}) before it starts (${start})`);
    const decision = change.decision ?? before.decision;
    db.prepare('UPDATE qi_cycles SET end_date = ?, decision = ?, aim = ?, start_date = ? WHERE id = ?').run(end, decision, aim, start, id);
    appendAudit(db, {
      actor: author,
      action: 'qi.update',
      subject: id,
      details: { before: { end: before.end, decision: before.decision, aim: before.aim, start: before.start }, after: { end, decision, aim, start } },
    }, ctx.timestamp());
    return getQiCycle(db, id);
  });
}

/** Deletes a QI cycle no version was committed in or tagged with (one made by mistake). */
export function deleteQiCycle(ctx: StoreContext, id: string, opts: { author: string }): void {
  const { db } = ctx;
  const author = ctx.actor(opts.author);
  ctx.transaction(() => {
    const cycle = getQiCycle(db, id);
    requireUnusedCycle(db, cycle, 'delete it');
    db.prepare('DELETE FROM qi_cycles WHERE id = ?').run(id);
    appendAudit(db, { actor: author, action: 'qi.delete', subject: id, details: { protocolId: cycle.protocolId, number: cycle.number, aim: cycle.aim, start: cycle.start, end: cycle.end } }, ctx.timestamp());
  });
}

/** Ids of the protocol's QI cycles that a version was committed in or tagged with. */
export function usedQiCycles(db: Database, protocolId: string): Set<string> {
  const rows = db
    .prepare(
      `SELECT qi_cycle_id FROM versions WHERE protocol_id = ? AND qi_cycle_id IS NOT NULL
       UNION SELECT t.qi_cycle_id FROM version_cycle_tags t JOIN qi_cycles c ON c.id = t.qi_cycle_id WHERE c.protocol_id = ?`,
    )
    .pluck()
    .all(protocolId, protocolId) as string[];
  return new Set(rows);
}

function requireUnusedCycle(db: Database, cycle: QiCycle, what: string): void {
  const used =
    (db.prepare('SELECT count(*) AS n FROM versions WHERE qi_cycle_id = ?').get(cycle.id) as { n: number }).n +
    (db.prepare('SELECT count(*) AS n FROM version_cycle_tags WHERE qi_cycle_id = ?').get(cycle.id) as { n: number }).n;
  if (used > 0) throw new InvalidInputError(`QI cycle ${cycle.id} is cited by ${used} committed ${used === 1 ? 'version' : 'versions'}; you cannot ${what}`);
}

export function getQiCycle(db: Database, id: string): QiCycle {
  const row = db.prepare('SELECT * FROM qi_cycles WHERE id = ?').get(id) as QiRow | undefined;
  if (!row) throw new NotFoundError(`no QI cycle "${id}" in this workspace`);
  return cycleFromRow(row);
}

export function listQiCycles(db: Database, protocolId?: string): QiCycle[] {
  const rows = (
    protocolId === undefined
      ? db.prepare('SELECT * FROM qi_cycles ORDER BY protocol_id, number').all()
      : db.prepare('SELECT * FROM qi_cycles WHERE protocol_id = ? ORDER BY number').all(protocolId)
  ) as QiRow[];
  return rows.map(cycleFromRow);
}

export function requireCycleOf(db: Database, cycleId: string, protocolId: string): void {
  const cycle = getQiCycle(db, cycleId);
  if (cycle.protocolId !== protocolId) throw new InvalidInputError(`QI cycle ${cycleId} belongs to ${cycle.protocolId}, not ${protocolId}`);
}

/** Links an existing version to a QI cycle of the same protocol (the version itself never changes). */
export function tagVersion(ctx: StoreContext, versionId: string, qiCycleId: string, opts: { author: string }): VersionInfo {
  const { db } = ctx;
  const author = ctx.actor(opts.author);
  return ctx.transaction(() => {
    const version = getVersionInfo(db, versionId);
    requireCycleOf(db, qiCycleId, version.protocolId);
    if (version.qiCycleIds.includes(qiCycleId)) return version;
    const at = ctx.timestamp();
    db.prepare('INSERT INTO version_cycle_tags (version_id, qi_cycle_id, tagged_at, tagged_by) VALUES (?, ?, ?, ?)').run(versionId, qiCycleId, at, author);
    appendAudit(db, { actor: author, action: 'version.tag', subject: versionId, details: { qiCycleId, protocolId: version.protocolId } }, at);
    return getVersionInfo(db, versionId);
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
