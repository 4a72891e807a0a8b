/** The one-line, people-facing summary of a change. */
import type { ChangeKind, ChangeNote, SafetyDirection, WordDiff } from './types';
import { isLocalizedMap, isPlainObject } from './values';
import { countWords } from './words';

const MAX_SHOWN = 60;

export interface SummaryInput {
  kind: ChangeKind;
  label: string;
  before?: unknown;
  after?: unknown;
  unit?: string;
  note?: ChangeNote;
  words?: WordDiff[];
  safety?: SafetyDirection;
}

/** "…: 1.2 → 1.5 mg/kg, raised; safety loosened" — the direction is what a medical lead looks for first. */
export function summarize(c: SummaryInput): string {
  const line = describe(c);
  return c.safety ? `${line}; safety ${c.safety}` : line;
}

function describe(c: SummaryInput): string {
  switch (c.kind) {
    case 'added':
      return `${c.label}: added${isShown(c.after) ? ` (${show(c.after, c.unit)})` : ''}`;
    case 'removed':
      return `${c.label}: removed${isShown(c.before) ? ` (was ${show(c.before, c.unit)})` : ''}`;
    case 'moved':
      return `${c.label}: moved from position ${Number(c.before) + 1} to ${Number(c.after) + 1}`;
    case 'changed': {
      if (c.words) {
        const added = countWords(c.words, 'added');
        const removed = countWords(c.words, 'removed');
        return `${c.label}: text edited (${added} word${added === 1 ? '' : 's'} added, ${removed} removed)`;
      }
      const arrow = `${show(c.before, c.unit)} → ${show(c.after, c.unit)}`;
      return `${c.label}: ${arrow}${c.note ? `, ${c.note}` : ''}`;
    }
  }
}

/** Whole items and maps are named by the label; only scalars and short lists are shown inline. */
function isShown(v: unknown): boolean {
  return !isPlainObject(v) || isLocalizedMap(v);
}

export function show(v: unknown, unit?: string): string {
  if (v === undefined) return '(none)';
  if (v === null) return '(empty)';
  if (typeof v === 'number') return unit ? `${v} ${unit}` : String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return `“${clip(v)}”`;
  if (Array.isArray(v)) return clip(v.map((x) => (typeof x === 'object' && x !== null ? '{…}' : String(x))).join(', ')) || '(none)';
  if (isLocalizedMap(v)) return Object.entries(v).map(([lang, t]) => `${lang}: “${clip(t, 30)}”`).join(', ');
  return '{…}';
}

function clip(text: string, max = MAX_SHOWN): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
