/**
 * QI cycles for the app and the CLI. What a cycle is lives in the protocol text (`qi.cycles`); creating,
 * closing or correcting one edits the author's draft (made from the latest version when there is none),
 * so the next commit carries it. The workspace only records which commits were made in which cycle:
 * a cycle a committed version cites cannot be deleted, nor its aim or start changed.
 */
import { parseProtocolText } from '../core/diff';
import { addCycle, CycleEditError, cyclesOf, cycleText, removeCycle, updateCycle, type CycleChange, type NewCycle, type TextCycle } from '../core/qi';
import { InvalidInputError } from '../store/errors';
import type { VersionInfo, Workspace } from '../store/workspace';
import { readOnce } from './read-once';

export interface KnownCycle extends TextCycle {
  /** A committed version was made in it or tagged with it. */
  used: boolean;
  /** Only in the author's draft so far: the next commit records it. */
  draftOnly: boolean;
}

function valueOf(text: string, source: string): unknown {
  try {
    return parseProtocolText(text, source);
  } catch {
    return undefined;
  }
}

/** The author's draft text, else the latest version's, with the parent a new draft would have. */
function workingText(ws: Workspace, protocolId: string, author: string | null): { text: string; parent: string | null; isDraft: boolean } {
  const draft = author === null ? null : ws.getDraft(protocolId, author);
  if (draft) return { text: draft.text, parent: draft.parentVersionId, isDraft: true };
  const head = ws.head(protocolId);
  if (!head) throw new InvalidInputError(`${protocolId} has no version yet`);
  return { text: ws.getVersion(head.id).text, parent: head.id, isDraft: false };
}

/**
 * The protocol's cycles in the order of the working text (the author's draft, else the latest version),
 * then any cycle a version cites that this text no longer holds, as the newest version holding it records it.
 */
export function knownCycles(ws: Workspace, protocolId: string, author: string | null): KnownCycle[] {
  const used = ws.usedQiCycles(protocolId);
  const working = workingText(ws, protocolId, author);
  const head = ws.head(protocolId);
  const read = readOnce(valueOf);
  const headIds = new Set(head ? cyclesOf(read(ws.getVersion(head.id).text, `${protocolId}@${head.seq}`)).map((c) => c.id) : []);
  const out: KnownCycle[] = cyclesOf(read(working.text, protocolId)).map((c) => ({ ...c, used: used.has(c.id), draftOnly: working.isDraft && !headIds.has(c.id) }));
  const history = ws.history(protocolId);
  for (const id of [...used].filter((x) => !out.some((c) => c.id === x))) {
    const c = committedCycle(ws, protocolId, id, history, read);
    if (c) out.push({ ...c, used: true, draftOnly: false });
  }
  return out;
}

/** The cycle `cycleId` as the newest committed version holding it records it (its prose as the people wrote it). */
export function committedCycle(
  ws: Workspace,
  protocolId: string,
  cycleId: string,
  history: readonly VersionInfo[] = ws.history(protocolId),
  read: typeof valueOf = valueOf,
): TextCycle | undefined {
  for (const v of history) {
    const found = cyclesOf(read(ws.getVersion(v.id).text, `${protocolId}@${v.seq}`)).find((c) => c.id === cycleId);
    if (found) return found;
  }
  return undefined;
}

function find(cycles: readonly KnownCycle[], cycleId: string, protocolId: string): KnownCycle {
  const c = cycles.find((x) => x.id === cycleId);
  if (!c) throw new InvalidInputError(`${protocolId} has no QI cycle "${cycleId}"`);
  return c;
}

/** Runs a text edit, turning a refusal into the store's plain input error. */
function edit<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CycleEditError || (e instanceof Error && e.name === 'FormEditError')) throw new InvalidInputError(e.message);
    throw e;
  }
}

function saveWorking(ws: Workspace, protocolId: string, author: string, text: string, parent: string | null): void {
  ws.saveDraft(protocolId, text, { author, parentVersionId: parent });
}

export function createCycle(ws: Workspace, protocolId: string, input: NewCycle, author: string): KnownCycle {
  const working = workingText(ws, protocolId, author);
  const { text, cycle } = edit(() => addCycle(working.text, input));
  saveWorking(ws, protocolId, author, text, working.parent);
  return { ...cycle, used: false, draftOnly: true };
}

export function changeCycle(ws: Workspace, protocolId: string, cycleId: string, change: CycleChange, author: string): KnownCycle {
  const working = workingText(ws, protocolId, author);
  const before = find(knownCycles(ws, protocolId, author), cycleId, protocolId);
  const aimChanged = change.aim !== undefined && change.aim.trim() !== (cycleText(before.aim) ?? '');
  if (before.used && (aimChanged || (change.start !== undefined && change.start !== before.start))) {
    throw new InvalidInputError(`QI cycle ${cycleId} is cited by a committed version: its aim and start are what that version cites, so they cannot change (its end, decision and findings can)`);
  }
  const { text, cycle } = edit(() => updateCycle(working.text, cycleId, change));
  saveWorking(ws, protocolId, author, text, working.parent);
  return { ...cycle, used: before.used, draftOnly: before.draftOnly };
}

export function deleteCycle(ws: Workspace, protocolId: string, cycleId: string, author: string): void {
  const before = find(knownCycles(ws, protocolId, author), cycleId, protocolId);
  if (before.used) {
    const n = ws.history(protocolId).filter((v) => v.qiCycleIds.includes(cycleId)).length;
    throw new InvalidInputError(`QI cycle ${cycleId} cannot be deleted: ${n} committed ${n === 1 ? 'version cites' : 'versions cite'} it`);
  }
  const working = workingText(ws, protocolId, author);
  saveWorking(ws, protocolId, author, edit(() => removeCycle(working.text, cycleId)), working.parent);
}
