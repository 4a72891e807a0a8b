/**
 * QI cycles as the protocol text records them (`qi.cycles[]`): the source of truth for what a cycle is.
 * Edits are splices at the Document's node ranges (core/form), so comments, key order and every other
 * byte stay as written; a new cycle is appended under `qi.cycles`, creating `qi:`/`cycles:` when absent.
 */
import { isMap, isSeq, parseDocument, type Node } from 'yaml';
import { applyFormEdits, FormEditError, type FormEdit } from '../form';
import { isLocalizedMap, isPlainObject, localizedText } from '../diff/values';

export type QiDecision = 'adopt' | 'adapt' | 'abandon' | 'pending';
export const QI_DECISIONS: readonly QiDecision[] = ['adopt', 'adapt', 'abandon', 'pending'];

/** One `qi.cycles[]` entry, read defensively (prose may be localized). */
export interface TextCycle {
  id: string;
  number: number | null;
  start: string | null;
  end: string | null;
  aim: unknown;
  problem: unknown;
  change: unknown;
  rationale: unknown;
  findings: unknown;
  decision: QiDecision;
}

/** A cycle edit the text cannot take (unreadable YAML, unknown cycle, a bad value). */
export class CycleEditError extends FormEditError {
  constructor(message: string) {
    super(message);
    this.name = 'CycleEditError';
  }
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CYCLE_ID = /^[a-z0-9][a-z0-9-]*$/;

const dateOf = (v: unknown): string | null => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : null);

/** The cycles of a parsed protocol value, in document order; entries without a usable id are skipped. */
export function cyclesOf(value: unknown): TextCycle[] {
  const qi = isPlainObject(value) ? value.qi : undefined;
  const list = isPlainObject(qi) && Array.isArray(qi.cycles) ? qi.cycles : [];
  return list.filter(isPlainObject).flatMap((c) => {
    if (typeof c.id !== 'string' || c.id === '') return [];
    const decision = QI_DECISIONS.includes(c.decision as QiDecision) ? (c.decision as QiDecision) : 'pending';
    const number = typeof c.number === 'number' && Number.isInteger(c.number) ? c.number : null;
    return [{ id: c.id, number, start: dateOf(c.start), end: dateOf(c.end), aim: c.aim, problem: c.problem, change: c.change, rationale: c.rationale, findings: c.findings, decision }];
  });
}

/** A cycle's prose in `lang` (the first language when absent), or null. */
export function cycleText(v: unknown, lang?: string): string | null {
  return localizedText(v, lang) || null;
}

export interface NewCycle {
  /** Defaults to `cycle-N`, N the new number, made unique within the list. */
  id?: string;
  /** Defaults to one more than the highest number in the list. */
  number?: number;
  start: string;
  end?: string;
  aim: string;
  problem?: string;
  change?: string;
  rationale?: string;
  decision?: QiDecision;
  /** A one-line YAML comment written above the entry (e.g. where it came from). */
  note?: string;
}

/** Free-text fields: an empty value removes the field, and localized prose keeps its other languages. */
const PROSE = ['aim', 'problem', 'change', 'rationale', 'findings'] as const;

export interface CycleChange {
  start?: string;
  end?: string | null;
  aim?: string;
  problem?: string;
  change?: string;
  rationale?: string;
  findings?: string;
  decision?: QiDecision;
}

function checkDate(v: string | undefined | null, what: string): void {
  if (v !== undefined && v !== null && !DATE.test(v)) throw new CycleEditError(`the ${what} date must be a date like 2026-03-01, not "${v}"`);
}

function checkDates(start: string | null, end: string | null): void {
  if (start && end && end < start) throw new CycleEditError(`the cycle ends (${end}) before it starts (${start})`);
}

function readDoc(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new CycleEditError('the protocol text does not parse; fix the YAML first, then add or change QI cycles');
  return doc;
}

/** The next free cycle number and an id for it that the list does not hold yet. */
export function nextCycle(value: unknown): { number: number; id: string } {
  const cycles = cyclesOf(value);
  const number = Math.max(0, ...cycles.map((c) => c.number ?? 0)) + 1;
  const ids = new Set(cycles.map((c) => c.id));
  let id = `cycle-${number}`;
  for (let n = 2; ids.has(id); n++) id = `cycle-${number}-${n}`;
  return { number, id };
}

/** Adds a cycle at the end of `qi.cycles` (created when absent) and returns the new text and the cycle as written. */
export function addCycle(text: string, input: NewCycle): { text: string; cycle: TextCycle } {
  const value = readDoc(text).toJS({ maxAliasCount: 100 }) as unknown;
  const next = nextCycle(value);
  const id = input.id ?? next.id;
  if (!CYCLE_ID.test(id) || id.length > 80) throw new CycleEditError(`a cycle id is lower-case letters, digits and hyphens, not "${id}"`);
  if (cyclesOf(value).some((c) => c.id === id)) throw new CycleEditError(`the protocol already has a QI cycle "${id}"`);
  if (input.aim.trim() === '') throw new CycleEditError('a QI cycle needs an aim');
  checkDate(input.start, 'start');
  checkDate(input.end, 'end');
  checkDates(input.start, input.end ?? null);
  const fields: [string, string | number | undefined][] = [
    ['id', id],
    ['number', input.number ?? next.number],
    ['start', input.start],
    ['end', input.end],
    ['aim', input.aim.trim()],
    ['problem', input.problem],
    ['change', input.change],
    ['rationale', input.rationale],
    ['decision', input.decision ?? 'pending'],
  ];
  const item = Object.fromEntries(fields.filter((f): f is [string, string | number] => f[1] !== undefined && f[1] !== ''));
  let out = applyFormEdits(text, [{ op: 'add', path: ['qi', 'cycles'], value: item }]);
  if (input.note) out = withNoteAbove(out, id, input.note);
  return { text: out, cycle: cyclesOf(readDoc(out).toJS({ maxAliasCount: 100 })).find((c) => c.id === id)! };
}

/** A one-line comment above the `- ` line of cycle `id`, at its indentation. */
function withNoteAbove(text: string, id: string, note: string): string {
  const doc = readDoc(text);
  const item = doc.getIn(['qi', 'cycles', indexOf(text, id)], true) as Node;
  const start = text.lastIndexOf('\n', item.range![0] - 1) + 1;
  const indent = /^\s*/.exec(text.slice(start))![0];
  return `${text.slice(0, start)}${indent}# ${note.replace(/[\r\n]+/g, ' ')}\n${text.slice(start)}`;
}

function indexOf(text: string, id: string): number {
  const doc = readDoc(text);
  const list = doc.getIn(['qi', 'cycles']) as unknown;
  const items = isSeq(list) ? list.items : [];
  const i = items.findIndex((n) => isMap(n) && n.get('id') === id);
  if (i < 0) throw new CycleEditError(`the protocol has no QI cycle "${id}"`);
  return i;
}

/** Changes fields of cycle `id`; untouched fields and every other byte stay. */
export function updateCycle(text: string, id: string, change: CycleChange): { text: string; cycle: TextCycle } {
  const i = indexOf(text, id);
  const before = cyclesOf(readDoc(text).toJS({ maxAliasCount: 100 })).find((c) => c.id === id)!;
  checkDate(change.start, 'start');
  checkDate(change.end, 'end');
  if (change.aim !== undefined && change.aim.trim() === '') throw new CycleEditError('a QI cycle needs an aim');
  if (change.decision !== undefined && !QI_DECISIONS.includes(change.decision)) throw new CycleEditError(`the decision is one of ${QI_DECISIONS.join(', ')}, not "${String(change.decision)}"`);
  checkDates(change.start ?? before.start, change.end === undefined ? before.end : change.end);
  const edits: FormEdit[] = [];
  for (const [key, v] of Object.entries(change) as [keyof CycleChange, string | null | undefined][]) {
    if (v === undefined) continue;
    const path: (string | number)[] = ['qi', 'cycles', i, key];
    if ((PROSE as readonly string[]).includes(key)) {
      const had = before[key as (typeof PROSE)[number]];
      const value = (v ?? '').trim();
      if (value === '') {
        if (had !== undefined && had !== null) edits.push({ op: 'remove', path });
        continue;
      }
      // Prose written in several languages keeps its other languages: the first (the one shown) takes the new text.
      const lang = isLocalizedMap(had) ? Object.keys(had)[0] : undefined;
      edits.push({ op: 'set', path: lang ? [...path, lang] : path, value });
      continue;
    }
    edits.push(v === null ? { op: 'remove', path } : { op: 'set', path, value: v });
  }
  try {
    const out = applyFormEdits(text, edits);
    return { text: out, cycle: cyclesOf(readDoc(out).toJS({ maxAliasCount: 100 })).find((c) => c.id === id)! };
  } catch (e) {
    if (e instanceof FormEditError && !(e instanceof CycleEditError)) throw new CycleEditError(e.message);
    throw e;
  }
}

/** Removes cycle `id` from the list (comment lines around it stay). */
export function removeCycle(text: string, id: string): string {
  return applyFormEdits(text, [{ op: 'remove', path: ['qi', 'cycles', indexOf(text, id)] }]);
}

/** Writes `metadata.versionLabel` (created when absent), every other byte kept. */
export function setVersionLabel(text: string, label: string): string {
  try {
    return applyFormEdits(text, [{ op: 'set', path: ['metadata', 'versionLabel'], value: label }]);
  } catch (e) {
    if (e instanceof FormEditError) throw new CycleEditError(`could not write the version label: ${e.message}`);
    throw e;
  }
}
