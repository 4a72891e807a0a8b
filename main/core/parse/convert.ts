/**
 * yaml.Document → plain value in one walk that also rejects duplicate and unsafe keys and bounds alias
 * expansion. Replaces `doc.toJS()` so the document is walked once and the key index is built on the way.
 */
import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic';
import { LIMITS } from './limits';
import { rangeFromOffsets, yamlDiagnostic } from './positions';
import { keyString, type PathIndex } from './ranges';

/** Keys that reach an object's prototype machinery when later code copies or merges by key. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class AliasLimit extends Error {
  constructor(readonly node: Node) {
    super('alias limit');
  }
}

export interface Converted {
  value: unknown;
  diagnostics: Diagnostic[];
}

export function toPlainValue(root: Node | null, index: PathIndex, lc: LineCounter): Converted {
  const diagnostics: Diagnostic[] = [];
  const anchors = new Map<string, Node>();
  const converted = new Map<Node, unknown>();
  const expandedSize = new Map<Node, number>();
  const inProgress = new Set<Node>();
  const path: PathSegment[] = [];
  let count = 0;

  const at = (node: Node | Pair['key']) => {
    const r = (node as Node | null)?.range;
    return r ? rangeFromOffsets(lc, r[0], r[1]) : rangeFromOffsets(lc, 0);
  };

  function convertMap(map: YAMLMap): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const pairs = new Map<string, Pair>();
    for (const pair of map.items) {
      const k = keyString(pair.key);
      if (k === undefined) {
        diagnostics.push(
          yamlDiagnostic('YAML-COMPLEX-KEY', 'A key must be plain text, not a list, mapping or alias', 'Protocol keys are simple names such as `title` or `weeks`.', at(pair.key), [...path]),
        );
        continue;
      }
      if (UNSAFE_KEYS.has(k)) {
        diagnostics.push(
          yamlDiagnostic(
            'YAML-UNSAFE-KEY',
            `The key "${k}" is not allowed`,
            `"${k}" has a special meaning to the programs that read protocols and is a known way to tamper with them; no protocol field has this name. Rename or delete it.`,
            at(pair.key),
            [...path, k],
          ),
        );
        continue;
      }
      const first = pairs.get(k);
      if (first) {
        const firstLine = at(first.key).start.line;
        diagnostics.push(
          yamlDiagnostic(
            'YAML-DUPLICATE-KEY',
            `Duplicate key "${k}" (first set on line ${firstLine})`,
            'When a key appears twice, readers silently keep one of the values, so a changed dose or rule could be ignored. Keep one and delete the other.',
            at(pair.key),
            [...path, k],
          ),
        );
        continue;
      }
      pairs.set(k, pair);
      path.push(k);
      obj[k] = convert(pair.value as Node | null);
      path.pop();
    }
    index.setPairs(map, pairs);
    return obj;
  }

  function convert(node: Node | null): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) {
        diagnostics.push(yamlDiagnostic('YAML-SYNTAX', `Unknown alias *${node.source}`, 'An alias (*name) must refer to an anchor (&name) set earlier in the file.', at(node), [...path]));
        return null;
      }
      index.aliasTargets.set(node, target);
      if (inProgress.has(target)) {
        diagnostics.push(
          yamlDiagnostic('YAML-ALIAS-LIMIT', `Alias *${node.source} refers to a list or mapping that contains it`, 'A self-referencing alias describes an endless structure that cannot be checked or printed.', at(node), [...path]),
        );
        return null;
      }
      count += expandedSize.get(target) ?? 1;
      if (count > LIMITS.maxNodes) throw new AliasLimit(node);
      return converted.get(target);
    }
    count++;
    const before = count;
    if (node.anchor) {
      anchors.set(node.anchor, node);
      inProgress.add(node);
    }
    let value: unknown;
    if (isScalar(node)) value = node.value;
    else if (isMap(node)) value = convertMap(node);
    else if (isSeq(node)) {
      value = node.items.map((item, i) => {
        path.push(i);
        const v = convert(item as Node | null);
        path.pop();
        return v;
      });
    }
    if (node.anchor) {
      inProgress.delete(node);
      converted.set(node, value);
      expandedSize.set(node, count - before + 1);
    }
    return value;
  }

  try {
    return { value: convert(root), diagnostics };
  } catch (err) {
    if (!(err instanceof AliasLimit)) throw err;
    diagnostics.push(
      yamlDiagnostic(
        'YAML-ALIAS-LIMIT',
        `Aliases expand to more than ${LIMITS.maxNodes.toLocaleString('en')} values`,
        'Aliases (*name) that repeat anchors (&name) which themselves contain aliases grow exponentially ("billion laughs"); such a file cannot be checked. Write the values out instead.',
        at(err.node),
      ),
    );
    return { value: null, diagnostics };
  }
}
