/** Nesting depth and node count measured on the parser's token tree, before the (recursive) composer runs. */
import type { CST } from 'yaml';
import { LIMITS } from './limits';

export type CstLimitHit = { kind: 'depth' | 'nodes'; offset: number } | undefined;

function isCollection(t: CST.Token): t is CST.BlockMap | CST.BlockSequence | CST.FlowCollection {
  return t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection';
}

/** Iterative walk, so that a 10,000-level `[[[[…` cannot overflow the stack here. */
export function checkCstLimits(tokens: readonly CST.Token[]): CstLimitHit {
  const stack: Array<[CST.Token, number]> = [];
  for (const t of tokens) if (t.type === 'document' && t.value) stack.push([t.value, 0]);
  let nodes = 0;
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (++nodes > LIMITS.maxNodes) return { kind: 'nodes', offset: token.offset };
    if (!isCollection(token)) continue;
    if (depth + 1 > LIMITS.maxDepth) return { kind: 'depth', offset: token.offset };
    for (const item of token.items) {
      const key = 'key' in item ? item.key : undefined;
      if (key) stack.push([key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}
