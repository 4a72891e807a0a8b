/**
 * Matching list items between two versions: by `id` first, then identical content, then the most
 * similar content (items without ids that were edited slightly still match). Moves are the matched
 * items outside the longest run kept in order, so one insertion does not turn every item into a move.
 */
import { distance } from 'fastest-levenshtein';
import { canonicalJson, itemId } from './values';

export interface ListMatch {
  /** [oldIndex, newIndex], sorted by new index. */
  pairs: [number, number][];
  removed: number[];
  added: number[];
  /** New indices of matched items that changed place relative to the others. */
  moved: Set<number>;
}

/** Past this many candidate pairs, similarity matching is skipped (it is quadratic). */
const MAX_SIMILARITY_PAIRS = 20_000;
/** Budget of edit-distance work for one list (sum of length × length of the pairs scored): about 30 ms. */
const MAX_SIMILARITY_WORK = 60_000_000;
/** Longer texts are compared on their first characters only, to bound the edit-distance cost. */
const MAX_COMPARED_CHARS = 1_500;

export function matchLists(oldItems: readonly unknown[], newItems: readonly unknown[], threshold = 0.6): ListMatch {
  const oldToNew = new Array<number>(oldItems.length).fill(-1);
  const newTaken = new Array<boolean>(newItems.length).fill(false);

  // 1. Same id (first occurrence wins; a duplicated id is left to content matching).
  const newById = new Map<string, number>();
  newItems.forEach((item, j) => {
    const id = itemId(item);
    if (id !== undefined && !newById.has(id)) newById.set(id, j);
  });
  oldItems.forEach((item, i) => {
    const id = itemId(item);
    const j = id === undefined ? undefined : newById.get(id);
    if (j !== undefined && !newTaken[j]) {
      oldToNew[i] = j;
      newTaken[j] = true;
    }
  });

  // Two items that carry different ids are different items; content may only pair the others.
  const canPair = (i: number, j: number) => {
    const a = itemId(oldItems[i]);
    const b = itemId(newItems[j]);
    return a === undefined || b === undefined || a === b;
  };
  const restOld = () => oldItems.map((_, i) => i).filter((i) => oldToNew[i] === -1);
  const restNew = () => newItems.map((_, j) => j).filter((j) => !newTaken[j]);

  // 2. Identical content.
  const oldRest = restOld();
  if (oldRest.length > 0 && restNew().length > 0) {
    const byContent = new Map<string, number[]>();
    for (const j of restNew()) {
      const key = canonicalJson(newItems[j]);
      const queue = byContent.get(key);
      if (queue) queue.push(j);
      else byContent.set(key, [j]);
    }
    for (const i of oldRest) {
      const queue = byContent.get(canonicalJson(oldItems[i]));
      const at = queue?.findIndex((j) => canPair(i, j)) ?? -1;
      if (queue && at >= 0) {
        const j = queue.splice(at, 1)[0]!;
        oldToNew[i] = j;
        newTaken[j] = true;
      }
    }
  }

  // 3. Most similar content above the threshold, best pairs first.
  const o = restOld();
  const n = restNew();
  if (o.length > 0 && n.length > 0 && o.length * n.length <= MAX_SIMILARITY_PAIRS) {
    const oText = new Map(o.map((i) => [i, comparable(oldItems[i])]));
    const nText = new Map(n.map((j) => [j, comparable(newItems[j])]));
    const scored: [number, number, number][] = [];
    let work = 0;
    for (const i of o) {
      const a = oText.get(i)!;
      for (const j of n) {
        const b = nText.get(j)!;
        // The edit distance is at least the difference in length: pairs of very different length cannot reach the threshold.
        if (Math.min(a.length, b.length) < threshold * Math.max(a.length, b.length) || !canPair(i, j)) continue;
        if ((work += a.length * b.length) > MAX_SIMILARITY_WORK) break;
        const s = similarity(a, b);
        if (s >= threshold) scored.push([s, i, j]);
      }
      if (work > MAX_SIMILARITY_WORK) break;
    }
    // Ties go to the pair closest in position, then document order, so the result is deterministic.
    scored.sort((a, b) => b[0] - a[0] || Math.abs(a[1] - a[2]) - Math.abs(b[1] - b[2]) || a[1] - b[1] || a[2] - b[2]);
    for (const [, i, j] of scored) {
      if (oldToNew[i] !== -1 || newTaken[j]) continue;
      oldToNew[i] = j;
      newTaken[j] = true;
    }
  }

  const pairs: [number, number][] = [];
  oldToNew.forEach((j, i) => {
    if (j >= 0) pairs.push([i, j]);
  });
  const kept = longestIncreasingByNew(pairs);
  const moved = new Set(pairs.filter((p) => !kept.has(p[1])).map((p) => p[1]));
  pairs.sort((a, b) => a[1] - b[1]);
  return {
    pairs,
    removed: oldToNew.flatMap((j, i) => (j === -1 ? [i] : [])),
    added: newTaken.flatMap((t, j) => (t ? [] : [j])),
    moved,
  };
}

function comparable(v: unknown): string {
  const s = typeof v === 'string' ? v : canonicalJson(v);
  return s.length > MAX_COMPARED_CHARS ? s.slice(0, MAX_COMPARED_CHARS) : s;
}

/** 1 for identical text, 0 for nothing in common (normalized edit distance). */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** New indices of the longest subsequence of pairs (in old order) whose new indices increase. */
export function longestIncreasingByNew(pairsByOld: readonly [number, number][]): Set<number> {
  const tails: number[] = []; // index into pairsByOld of the smallest tail for each length
  const prev = new Array<number>(pairsByOld.length).fill(-1);
  pairsByOld.forEach(([, j], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairsByOld[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  });
  const kept = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) kept.add(pairsByOld[k]![1]);
  return kept;
}
