/**
 * Structural diff of two protocol documents. Maps are compared key by key, lists item by item
 * (matched by id, else content), and every difference becomes one ProtocolChange in document order
 * (new document's order, removed items and keys where they stood).
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { categorize } from './categories';
import { formatIdPath, type IdStep } from './id-path';
import { labelFor } from './labels';
import { matchLists } from './match';
import { summarize } from './summary';
import type { ChangeKind, ChangeNote, DiffOptions, ProtocolChange } from './types';
import { isRange, numberNote, rangeNote, unitFor } from './units';
import { deepEqual, isLocalizedMap, isPlainObject, isScalar, itemId, mergedKeyOrder, type PlainObject } from './values';
import { wordDiff } from './words';

interface Frame {
  path: PathSegment[];
  steps: IdStep[];
  /** Values at each depth of `path` (new side, else old), for labels. */
  values: unknown[];
  /** Enclosing list items, both sides, for categories. */
  items: PlainObject[];
  section?: string;
  sharing?: string;
  /** Direction note for `min`/`max` children of a range. */
  rangeNote?: ChangeNote;
}

interface Walk {
  changes: ProtocolChange[];
  similarity: number;
  wordDiffFrom: number;
  /** The protocol's first language: a plain string is text in this language. */
  language: string;
}

export function diffProtocols(oldValue: unknown, newValue: unknown, opts: DiffOptions = {}): ProtocolChange[] {
  const walk: Walk = {
    changes: [],
    similarity: opts.similarity ?? 0.6,
    wordDiffFrom: opts.wordDiffFrom ?? 40,
    language: firstLanguage(newValue) ?? firstLanguage(oldValue) ?? 'en',
  };
  diffValue(walk, oldValue, newValue, { path: [], steps: [], values: [], items: [] });
  return walk.changes;
}

function firstLanguage(doc: unknown): string | undefined {
  const langs = isPlainObject(doc) && isPlainObject(doc.metadata) ? doc.metadata.languages : undefined;
  return Array.isArray(langs) && typeof langs[0] === 'string' ? langs[0] : undefined;
}

function diffValue(walk: Walk, a: unknown, b: unknown, frame: Frame): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffList(walk, a, b, frame);
  if (isPlainObject(a) && isPlainObject(b)) return diffMap(walk, a, b, frame);
  // Plain string ↔ language map: the string is the first language's text, so compare per language.
  if (typeof a === 'string' && isLocalizedMap(b)) return diffMap(walk, { [walk.language]: a }, b, frame);
  if (isLocalizedMap(a) && typeof b === 'string') {
    const asMap = { [walk.language]: b };
    return diffMap(walk, a, asMap, { ...frame, values: [...frame.values.slice(0, -1), asMap] });
  }
  if (deepEqual(a, b)) return;
  emit(walk, 'changed', frame, a, b);
}

function diffMap(walk: Walk, a: PlainObject, b: PlainObject, frame: Frame): void {
  const sharing = sharingOf(b, a) ?? frame.sharing;
  const note = isRange(a) && isRange(b) ? rangeNote(a, b) : undefined;
  for (const key of mergedKeyOrder(a, b)) {
    const inA = Object.hasOwn(a, key);
    const inB = Object.hasOwn(b, key);
    const child: Frame = {
      ...frame,
      path: [...frame.path, key],
      steps: [...frame.steps, { key }],
      values: [...frame.values, inB ? b[key] : a[key]],
      sharing,
      rangeNote: key === 'min' || key === 'max' ? note : undefined,
    };
    if (inA && inB) diffValue(walk, a[key], b[key], child);
    else if (inB) emit(walk, 'added', child, undefined, b[key]);
    else emit(walk, 'removed', child, a[key], undefined);
  }
}

function diffList(walk: Walk, a: unknown[], b: unknown[], frame: Frame): void {
  // Lists of plain values (weeks [5, 7, 9], vitals fields) read best as one change.
  if (a.every(isScalar) && b.every(isScalar)) {
    if (!deepEqual(a, b)) emit(walk, 'changed', frame, a, b);
    return;
  }
  const m = matchLists(a, b, walk.similarity);
  const removed = [...m.removed];
  const flushRemovedBefore = (oldIndex: number) => {
    while (removed.length > 0 && removed[0]! < oldIndex) {
      const i = removed.shift()!;
      emit(walk, 'removed', itemFrame(frame, a[i], i), a[i], undefined);
    }
  };
  const added = new Set(m.added);
  const oldOf = new Map(m.pairs.map(([i, j]) => [j, i]));
  // Old index of the next in-place item after each new index: removals in a gap come before additions.
  const nextKept = new Array<number>(b.length + 1).fill(Number.POSITIVE_INFINITY);
  for (let j = b.length - 1; j >= 0; j--) {
    const i = oldOf.get(j);
    nextKept[j] = i !== undefined && !m.moved.has(j) ? i : nextKept[j + 1]!;
  }
  b.forEach((item, j) => {
    if (added.has(j)) {
      flushRemovedBefore(nextKept[j]!);
      return emit(walk, 'added', itemFrame(frame, item, j), undefined, item);
    }
    const i = oldOf.get(j)!;
    const f = itemFrame(frame, item, j, a[i]);
    if (m.moved.has(j)) emit(walk, 'moved', f, i, j);
    else flushRemovedBefore(i);
    diffValue(walk, a[i], item, f);
  });
  flushRemovedBefore(Number.POSITIVE_INFINITY);
}

/** `governance.sharing` of a map (new side first). */
function sharingOf(...sides: unknown[]): string | undefined {
  for (const side of sides) {
    const g = isPlainObject(side) ? side.governance : undefined;
    if (isPlainObject(g) && typeof g.sharing === 'string') return g.sharing;
  }
  return undefined;
}

function itemFrame(frame: Frame, item: unknown, index: number, other?: unknown): Frame {
  const id = itemId(item);
  const steps: IdStep[] = [...frame.steps, id !== undefined ? { id } : { index }];
  const items = [...frame.items];
  for (const side of [item, other]) if (isPlainObject(side)) items.push(side);
  return {
    ...frame,
    path: [...frame.path, index],
    steps,
    values: [...frame.values, item],
    items,
    section: id !== undefined ? formatIdPath(steps) : frame.section,
    sharing: sharingOf(item, other) ?? frame.sharing,
    rangeNote: undefined,
  };
}

function emit(walk: Walk, kind: ChangeKind, frame: Frame, before: unknown, after: unknown): void {
  const key = frame.path[frame.path.length - 1];
  const parent = frame.values[frame.values.length - 2];
  const unit = typeof key === 'string' ? unitFor(key, parent) : undefined;
  const note = kind === 'changed' ? (frame.rangeNote ?? numberNote(before, after)) : undefined;
  const words =
    kind === 'changed' && typeof before === 'string' && typeof after === 'string' && isLong(walk, before, after)
      ? wordDiff(before, after)
      : undefined;
  const label = labelFor(
    frame.path,
    (depth) => frame.values[depth],
    (depth) => (depth > 0 ? frame.values[depth - 1] : undefined),
  );
  const change: ProtocolChange = {
    path: frame.path,
    idPath: formatIdPath(frame.steps),
    kind,
    label,
    category: categorize(
      frame.path.filter((s): s is string => typeof s === 'string'),
      frame.items,
    ),
    summary: summarize({ kind, label, before, after, unit, note, words }),
  };
  if (frame.section !== undefined) change.sectionKey = frame.section;
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  if (note) change.note = note;
  if (unit && (typeof before === 'number' || typeof after === 'number')) change.unit = unit;
  if (words) change.words = words;
  if (frame.sharing !== undefined) change.sharing = frame.sharing;
  walk.changes.push(change);
}

function isLong(walk: Walk, a: string, b: string): boolean {
  return Math.max(a.length, b.length) >= walk.wordDiffFrom || a.includes('\n') || b.includes('\n');
}
