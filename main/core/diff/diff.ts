/**
 * Structural diff of two protocol documents. Maps are compared key by key, lists item by item
 * (matched by id, else content), and every difference becomes one ProtocolChange in document order
 * (new document's order, removed items and keys where they stood).
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { categorize } from './categories';
import { safetyDirection } from './safety';
import { translationStates } from '../model/translations';
import { languageName } from '../model/language-name';
import { formatIdPath, type IdStep } from './id-path';
import { labelFor } from './labels';
import { matchLists } from './match';
import { summarize } from './summary';
import type { ChangeKind, ChangeNote, DiffOptions, ProtocolChange } from './types';
import { isRange, numberNote, rangeNote, unitFor } from './units';
import { deepEqual, isLocalizedMap, isPlainObject, isScalar, itemId, mergedKeyOrder, type PlainObject } from './values';
import { wordDiff } from './words';

/**
 * Where the walk stands. The stacks are pushed and popped as the walk descends, and copied only when a
 * change is emitted: copying them at every node made the walk of a large document allocation-bound.
 */
interface Walk {
  changes: ProtocolChange[];
  similarity: number;
  wordDiffFrom: number;
  /** The protocol's first language: a plain string is text in this language. */
  language: string;
  path: PathSegment[];
  /** Values at each depth of `path` (new side, else old), for labels and id steps. */
  values: unknown[];
  /** Enclosing list items, both sides, for categories. */
  items: PlainObject[];
}

/** What is inherited down the walk besides the path. */
interface Scope {
  sharing: string | undefined;
  /** Direction note for `min`/`max` children of a range. */
  rangeNote?: ChangeNote;
}

export function diffProtocols(oldValue: unknown, newValue: unknown, opts: DiffOptions = {}): ProtocolChange[] {
  const walk: Walk = {
    changes: [],
    similarity: opts.similarity ?? 0.6,
    wordDiffFrom: opts.wordDiffFrom ?? 40,
    language: firstLanguage(newValue) ?? firstLanguage(oldValue) ?? 'en',
    path: [],
    values: [],
    items: [],
  };
  diffValue(walk, oldValue, newValue, { sharing: undefined });
  markStaleTranslations(walk.changes, oldValue, newValue, walk.language);
  return walk.changes;
}

/**
 * A first-language text changed under a translation recorded as made from the old text: the change says
 * so ("…; the Japanese translation may now be out of date"), in every view that shows the summary.
 */
function markStaleTranslations(changes: ProtocolChange[], oldValue: unknown, newValue: unknown, language: string): void {
  const wasCurrent = new Set(translationStates(oldValue).filter((s) => s.state === 'current').map((s) => `${s.at}\u0000${s.lang}`));
  const stale = translationStates(newValue).filter((s) => s.state === 'stale' && wasCurrent.has(`${s.at}\u0000${s.lang}`));
  if (stale.length === 0) return;
  for (const c of changes) {
    const langs = stale.filter((s) => c.idPath === `${s.at}.${language}` || c.idPath === s.at).map((s) => s.lang);
    if (langs.length === 0) continue;
    c.staleTranslations = langs;
    c.summary += `; the ${langs.map((l) => languageName(l)).join(' and ')} translation may now be out of date`;
  }
}

function firstLanguage(doc: unknown): string | undefined {
  const langs = isPlainObject(doc) && isPlainObject(doc.metadata) ? doc.metadata.languages : undefined;
  return Array.isArray(langs) && typeof langs[0] === 'string' ? langs[0] : undefined;
}

function diffValue(walk: Walk, a: unknown, b: unknown, scope: Scope): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffList(walk, a, b, scope);
  if (isPlainObject(a) && isPlainObject(b)) return diffMap(walk, a, b, scope);
  // Plain string ↔ language map: the string is the first language's text, so compare per language.
  if (typeof a === 'string' && isLocalizedMap(b)) return diffMap(walk, { [walk.language]: a }, b, scope);
  if (isLocalizedMap(a) && typeof b === 'string') {
    const asMap = { [walk.language]: b };
    const top = walk.values.length - 1;
    const was = walk.values[top];
    if (top >= 0) walk.values[top] = asMap;
    diffMap(walk, a, asMap, scope);
    if (top >= 0) walk.values[top] = was;
    return;
  }
  if (deepEqual(a, b)) return;
  emit(walk, 'changed', scope, a, b);
}

function diffMap(walk: Walk, a: PlainObject, b: PlainObject, scope: Scope): void {
  const sharing = sharingOf(b, a) ?? scope.sharing;
  const note = isRange(a) && isRange(b) ? rangeNote(a, b) : undefined;
  const plain: Scope = { sharing };
  const ranged: Scope = { sharing, rangeNote: note };
  for (const key of mergedKeyOrder(a, b)) {
    const inA = Object.hasOwn(a, key);
    const inB = Object.hasOwn(b, key);
    const child = note && (key === 'min' || key === 'max') ? ranged : plain;
    walk.path.push(key);
    walk.values.push(inB ? b[key] : a[key]);
    if (inA && inB) diffValue(walk, a[key], b[key], child);
    else if (inB) emit(walk, 'added', child, undefined, b[key]);
    else emit(walk, 'removed', child, a[key], undefined);
    walk.path.pop();
    walk.values.pop();
  }
}

function diffList(walk: Walk, a: unknown[], b: unknown[], scope: Scope): void {
  // Lists of plain values (weeks [5, 7, 9], vitals fields) read best as one change.
  if (a.every(isScalar) && b.every(isScalar)) {
    if (!deepEqual(a, b)) emit(walk, 'changed', scope, a, b);
    return;
  }
  const m = matchLists(a, b, walk.similarity);
  const removed = m.removed;
  let nextRemoved = 0;
  const flushRemovedBefore = (oldIndex: number) => {
    while (nextRemoved < removed.length && removed[nextRemoved]! < oldIndex) {
      const i = removed[nextRemoved++]!;
      inItem(walk, scope, a[i], i, undefined, (s) => emit(walk, 'removed', s, a[i], undefined));
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
      return inItem(walk, scope, item, j, undefined, (s) => emit(walk, 'added', s, undefined, item));
    }
    const i = oldOf.get(j)!;
    if (!m.moved.has(j)) flushRemovedBefore(i);
    inItem(walk, scope, item, j, a[i], (s) => {
      if (m.moved.has(j)) emit(walk, 'moved', s, i, j);
      diffValue(walk, a[i], item, s);
    });
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

/** Runs `body` with the walk standing on list item `index` (`item` new side, else old; `other` the old side of a pair). */
function inItem(walk: Walk, scope: Scope, item: unknown, index: number, other: unknown, body: (scope: Scope) => void): void {
  const depth = walk.items.length;
  walk.path.push(index);
  walk.values.push(item);
  if (isPlainObject(item)) walk.items.push(item);
  if (isPlainObject(other)) walk.items.push(other);
  body({ sharing: sharingOf(item, other) ?? scope.sharing });
  walk.path.pop();
  walk.values.pop();
  walk.items.length = depth;
}

/** Id steps of the current path: map keys, list items by id (by index when they have none). */
function idSteps(walk: Walk): IdStep[] {
  return walk.path.map((seg, depth): IdStep => {
    if (typeof seg === 'string') return { key: seg };
    const id = itemId(walk.values[depth]);
    return id !== undefined ? { id } : { index: seg };
  });
}

/** idPath of the nearest enclosing list item with an id (the review "section"). */
function sectionOf(walk: Walk, steps: readonly IdStep[]): string | undefined {
  for (let depth = steps.length - 1; depth >= 0; depth--) {
    if ('id' in steps[depth]!) return formatIdPath(steps.slice(0, depth + 1));
  }
  return undefined;
}

function emit(walk: Walk, kind: ChangeKind, scope: Scope, before: unknown, after: unknown): void {
  const path = [...walk.path];
  const values = walk.values;
  const key = path[path.length - 1];
  const parent = values[values.length - 2];
  const unit = typeof key === 'string' ? unitFor(key, parent) : undefined;
  const note = kind === 'changed' ? (scope.rangeNote ?? numberNote(before, after)) : undefined;
  const words =
    kind === 'changed' && typeof before === 'string' && typeof after === 'string' && isLong(walk, before, after)
      ? wordDiff(before, after)
      : undefined;
  const label = labelFor(
    path,
    (depth) => values[depth],
    (depth) => (depth > 0 ? values[depth - 1] : undefined),
  );
  const steps = idSteps(walk);
  const section = sectionOf(walk, steps);
  const keys = path.filter((s): s is string => typeof s === 'string');
  const category = categorize({ path, keys, kind, before, after, items: walk.items, language: walk.language });
  const safety = category === 'clinical' ? safetyDirection(keys, kind, before, after) : undefined;
  const change: ProtocolChange = {
    path,
    idPath: formatIdPath(steps),
    kind,
    label,
    category,
    summary: summarize({ kind, label, before, after, unit, note, words, safety }),
  };
  if (safety) change.safety = safety;
  if (section !== undefined) change.sectionKey = section;
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  if (note) change.note = note;
  if (unit && (typeof before === 'number' || typeof after === 'number')) change.unit = unit;
  if (words) change.words = words;
  if (scope.sharing !== undefined) change.sharing = scope.sharing;
  walk.changes.push(change);
}

function isLong(walk: Walk, a: string, b: string): boolean {
  return Math.max(a.length, b.length) >= walk.wordDiffFrom || a.includes('\n') || b.includes('\n');
}
