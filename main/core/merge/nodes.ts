/** Small edits on yaml Document nodes that keep the surrounding comments and key order. */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, Scalar, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export function pairKey(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => pairKey(p) === key);
}

/** Writes a plain value in place when both are scalars (the inline comment stays), else replaces the node. */
export function writeValue(current: unknown, value: unknown, replace: (node: Node) => void, make: () => Node): void {
  if (isScalar(current) && (value === null || typeof value !== 'object')) {
    const scalar = current as Scalar;
    // Keep a string's quoting or block style; anything else must be re-typed or it would print wrongly.
    if (typeof scalar.value !== 'string' || typeof value !== 'string') scalar.type = undefined;
    delete scalar.minFractionDigits;
    delete scalar.format;
    delete scalar.source;
    scalar.value = value;
    return;
  }
  replace(make());
}

/**
 * Inserts `pair` into `map` next to its neighbours in `order` (the base's key order): after the nearest
 * preceding key the map has, else before the nearest following one, else at the end.
 */
export function insertPair(map: YAMLMap, pair: Pair, order: readonly string[]): void {
  const at = order.indexOf(pairKey(pair));
  for (let k = at - 1; k >= 0; k--) {
    const pos = map.items.findIndex((p) => pairKey(p) === order[k]);
    if (pos >= 0) return void map.items.splice(pos + 1, 0, pair);
  }
  for (let k = at + 1; k < order.length; k++) {
    const pos = map.items.findIndex((p) => pairKey(p) === order[k]);
    if (pos >= 0) return void map.items.splice(pos, 0, pair);
  }
  map.items.push(pair);
}

export function hasAliases(doc: Document): boolean {
  let found = false;
  visit(doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** A copy of a base node for the site document (comments included), or a fresh node when it cannot be copied safely. */
export function copyNode(site: Document, node: unknown, value: unknown, baseHasAliases: boolean): Node {
  if (!baseHasAliases && isNode(node) && !isAlias(node)) return node.clone() as Node;
  return site.createNode(value) as Node;
}

export function copyPair(site: Document, pair: Pair | undefined, key: string, value: unknown, baseHasAliases: boolean): Pair {
  if (!baseHasAliases && pair && isPair(pair) && !isAlias(pair.value)) return pair.clone() as Pair;
  return site.createPair(key, value) as Pair;
}

export { isMap, isSeq };

/** Printing options closest to hand-written protocol YAML: no re-folding of prose, `{min: 1}` flow style. */
export const PRINT_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;
