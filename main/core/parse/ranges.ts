/** JSON path → YAML node → 1-based range, through a per-mapping key index built at most once per mapping. */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Alias, type LineCounter, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { PathSegment, Range } from '../diagnostics/diagnostic';
import { FILE_START, rangeFromOffsets } from './positions';

/** `'value'` underlines the value (or the key of a mapping/list value); `'key'` underlines the key itself. */
export type RangeTarget = 'value' | 'key';

export function keyString(key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

interface Located {
  node: Node | null;
  /** The pair whose value is `node`, when it was reached through a mapping key. */
  pair: Pair | undefined;
  /** True when every segment of the path was found. */
  complete: boolean;
}

export class PathIndex {
  private readonly pairs = new WeakMap<YAMLMap, Map<string, Pair>>();
  readonly aliasTargets = new Map<Alias, Node>();

  constructor(
    private readonly root: Node | null,
    private readonly text: string,
    private readonly lc: LineCounter,
  ) {}

  /** Lets the converter hand over the index it built while checking duplicate keys. */
  setPairs(map: YAMLMap, pairs: Map<string, Pair>): void {
    this.pairs.set(map, pairs);
  }

  pairsOf(map: YAMLMap): Map<string, Pair> {
    let pairs = this.pairs.get(map);
    if (!pairs) {
      pairs = new Map();
      for (const pair of map.items) {
        const k = keyString(pair.key);
        if (k !== undefined && !pairs.has(k)) pairs.set(k, pair);
      }
      this.pairs.set(map, pairs);
    }
    return pairs;
  }

  private locate(path: readonly PathSegment[]): Located {
    let node: Node | null = this.root;
    let pair: Pair | undefined;
    for (const segment of path) {
      let here: Node | null = node;
      if (isAlias(here)) here = this.aliasTargets.get(here) ?? null;
      let next: Pair | Node | undefined;
      if (isMap(here)) next = this.pairsOf(here).get(String(segment));
      else if (isSeq(here)) next = this.itemOf(here, segment);
      if (next === undefined) return { node, pair, complete: false };
      if (isPair(next)) {
        pair = next;
        node = (next.value as Node | null) ?? null;
      } else {
        pair = undefined;
        node = next;
      }
    }
    return { node, pair, complete: true };
  }

  /** A list item by index, or by the `id` of the item (section addressing: `curriculum.weeks[week-5]`). */
  private itemOf(seq: YAMLSeq, segment: PathSegment): Node | undefined {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) return seq.items[Number(segment)] as Node | undefined;
    return seq.items.find((item) => {
      const id = isMap(item) ? this.pairsOf(item).get('id')?.value : undefined;
      return isScalar(id) && id.value === segment;
    }) as Node | undefined;
  }

  nodeAt(path: readonly PathSegment[]): Node | null {
    const found = this.locate(path);
    return found.complete ? found.node : null;
  }

  /** Range of the narrowest node at `path`, or of its nearest existing ancestor. */
  rangeOf(path: readonly PathSegment[], target: RangeTarget = 'value'): Range {
    const { node, pair, complete } = this.locate(path);
    const key = pair && isScalar(pair.key) ? pair.key : undefined;
    // A missing child is shown at its parent's key; a collection value at its key (not the whole block).
    if (key?.range && (target === 'key' || !complete || !node || isCollection(node) || isEmpty(node))) {
      return rangeFromOffsets(this.lc, key.range[0], key.range[1]);
    }
    if (!node?.range) return FILE_START;
    const [start, end] = node.range;
    if (isCollection(node)) {
      let eol = this.text.indexOf('\n', start);
      if (eol > start && this.text[eol - 1] === '\r') eol--;
      return rangeFromOffsets(this.lc, start, eol === -1 ? end : Math.min(end, eol));
    }
    return rangeFromOffsets(this.lc, start, end);
  }
}

function isEmpty(node: Node): boolean {
  return !!node.range && node.range[1] <= node.range[0];
}
