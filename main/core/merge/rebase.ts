/**
 * Rebase of a site adaptation onto a newer base: a three-way merge applied to the site's YAML Document
 * node by node, so the site's comments and key order stay. Whatever the base changed and the site did
 * not is applied; whatever both changed differently is a conflict and keeps the site's value.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { PathSegment } from '../diagnostics/diagnostic';
import { diffProtocols } from '../diff/diff';
import { formatIdPath, resolveIdPath, type IdStep } from '../diff/id-path';
import { labelFor } from '../diff/labels';
import { matchLists } from '../diff/match';
import { documentValue, ProtocolTextError, readProtocolText, type ReadProtocol } from '../diff/parse-text';
import { isIdentityPath } from '../diff/site-changes';
import { deepEqual, isLocalizedMap, isPlainObject, isScalar as isPlainScalar, itemId, mergedKeyOrder, type PlainObject } from '../diff/values';
import { print, printKeepingLayout } from './layout';
import { copyNode, copyPair, findPair, hasAliases, insertPair, writeValue } from './nodes';
import type { ConflictReason, MergeConflict, RebaseInput, RebaseResult } from './types';

interface Loc {
  path: PathSegment[];
  steps: IdStep[];
  /** Values along the path (site side, else base), for labels. */
  values: unknown[];
}

/** Where a value lives in the site document, and how to put another node there. */
interface Slot {
  node: unknown;
  replace(node: Node): void;
}

interface PendingConflict {
  loc: Loc;
  reason: ConflictReason;
  base: unknown;
  site: unknown;
  oldBase: unknown;
}

interface Merge {
  site: Document;
  language: string;
  baseHasAliases: boolean;
  conflicts: PendingConflict[];
  /** idPaths where base changes were applied. */
  applied: string[];
}

export function rebase(input: RebaseInput): RebaseResult {
  const { value: o } = readTopMap(input.oldBaseText, 'old base');
  const { document: newBaseDoc, value: b } = readTopMap(input.newBaseText, 'new base');
  const { document: site, value: s } = readTopMap(input.siteText, 'site');
  const untouched = print(site);
  const m: Merge = {
    site,
    language: firstLanguage(s) ?? firstLanguage(o) ?? 'en',
    baseHasAliases: hasAliases(newBaseDoc),
    conflicts: [],
    applied: [],
  };
  const root: Loc = { path: [], steps: [], values: [] };
  mergeMap(m, o as PlainObject, b as PlainObject, s as PlainObject, site.contents as YAMLMap, newBaseDoc.contents as YAMLMap, root);
  const warnings = basedOnWarnings(o, s);
  updateBasedOn(site, b);

  const merged = documentValue(site, 'merged');
  const appliedPaths = m.applied;
  const applied = diffProtocols(o, b).filter((c) => appliedPaths.some((p) => covers(p, c.idPath)));
  return { text: printKeepingLayout(input.siteText, untouched, site, merged), conflicts: m.conflicts.map((c) => toConflict(c, merged)), applied, warnings };
}

function readTopMap(text: string, source: string): ReadProtocol {
  const read = readProtocolText(text, source);
  if (!isPlainObject(read.value) || !isMap(read.document.contents)) {
    throw new ProtocolTextError('expected a protocol document (a YAML mapping at the top level)', source);
  }
  return read;
}

function firstLanguage(doc: unknown): string | undefined {
  const langs = isPlainObject(doc) && isPlainObject(doc.metadata) ? doc.metadata.languages : undefined;
  return Array.isArray(langs) && typeof langs[0] === 'string' ? langs[0] : undefined;
}

/** True when a change at `idPath` lies at or below `prefix`. */
function covers(prefix: string, idPath: string): boolean {
  return idPath === prefix || idPath.startsWith(`${prefix}.`) || idPath.startsWith(`${prefix}[`);
}

function mergeValue(m: Merge, o: unknown, b: unknown, s: unknown, slot: Slot, bNode: unknown, loc: Loc): void {
  if (deepEqual(o, b) || deepEqual(b, s)) return;
  if (isPlainObject(o) && isPlainObject(b) && isPlainObject(s) && isMap(slot.node)) {
    return mergeMap(m, o, b, s, slot.node, isMap(bNode) ? bNode : undefined, loc);
  }
  if (Array.isArray(o) && Array.isArray(b) && Array.isArray(s) && isSeq(slot.node) && ![o, b, s].every((l) => l.every(isPlainScalar))) {
    return mergeList(m, o, b, s, slot.node, isSeq(bNode) ? bNode : undefined, loc);
  }
  if (mergeLocalized(m, o, b, s, slot, loc)) return;
  if (deepEqual(o, s)) {
    writeValue(slot.node, b, slot.replace, () => copyNode(m.site, bNode, b, m.baseHasAliases));
    m.applied.push(formatIdPath(loc.steps));
    return;
  }
  m.conflicts.push({ loc, reason: 'both-changed', base: b, site: s, oldBase: o });
}

/**
 * Localized text where one side is a plain string and another a language map (a translation was
 * added): compare per language, the string being the first language's text.
 */
function mergeLocalized(m: Merge, o: unknown, b: unknown, s: unknown, slot: Slot, loc: Loc): boolean {
  const isText = (v: unknown) => typeof v === 'string' || isLocalizedMap(v);
  if (![o, b, s].every(isText) || ![o, b, s].some(isLocalizedMap)) return false;
  const asMap = (v: unknown) => (typeof v === 'string' ? { [m.language]: v } : (v as PlainObject));
  let node = slot.node;
  if (!isMap(node)) {
    // The site has a plain string: turn it into a language map in place, keeping its comment.
    const map = m.site.createNode(asMap(s)) as YAMLMap;
    if (isScalar(node) && node.comment) map.comment = node.comment;
    slot.replace(map);
    node = map;
  }
  mergeMap(m, asMap(o), asMap(b), asMap(s), node as YAMLMap, undefined, loc);
  return true;
}

function mergeMap(m: Merge, o: PlainObject, b: PlainObject, s: PlainObject, sMap: YAMLMap, bMap: YAMLMap | undefined, loc: Loc): void {
  const baseOrder = Object.keys(b);
  for (const key of mergedKeyOrder(o, b)) {
    const child: Loc = {
      path: [...loc.path, key],
      steps: [...loc.steps, { key }],
      values: [...loc.values, Object.hasOwn(s, key) ? s[key] : b[key]],
    };
    const idPath = formatIdPath(child.steps);
    if (isIdentityPath(idPath)) continue;
    const inO = Object.hasOwn(o, key);
    const inB = Object.hasOwn(b, key);
    const sPair = findPair(sMap, key);
    const bPair = bMap ? findPair(bMap, key) : undefined;
    if (inO && inB) {
      if (sPair) {
        const slot: Slot = { node: sPair.value, replace: (n) => (sPair.value = n) };
        mergeValue(m, o[key], b[key], s[key], slot, bPair?.value, child);
      } else if (!deepEqual(o[key], b[key])) {
        m.conflicts.push({ loc: child, reason: 'site-removed', base: b[key], site: undefined, oldBase: o[key] });
      }
    } else if (inB) {
      if (!sPair) {
        insertPair(sMap, copyPair(m.site, bPair, key, b[key], m.baseHasAliases), baseOrder);
        m.applied.push(idPath);
      } else if (!deepEqual(s[key], b[key])) {
        m.conflicts.push({ loc: child, reason: 'both-added', base: b[key], site: s[key], oldBase: undefined });
      }
    } else if (sPair) {
      if (deepEqual(s[key], o[key])) {
        sMap.items.splice(sMap.items.indexOf(sPair), 1);
        m.applied.push(idPath);
      } else {
        m.conflicts.push({ loc: child, reason: 'base-removed', base: undefined, site: s[key], oldBase: o[key] });
      }
    }
  }
}

function mergeList(m: Merge, o: unknown[], b: unknown[], s: unknown[], sSeq: YAMLSeq, bSeq: YAMLSeq | undefined, loc: Loc): void {
  const oToB = new Map(matchLists(o, b).pairs);
  const oToS = new Map(matchLists(o, s).pairs);
  const bFromO = new Set(oToB.values());
  const sFromO = new Set(oToS.values());
  const bOnly = b.flatMap((_, j) => (bFromO.has(j) ? [] : [j]));
  const sOnly = s.flatMap((_, k) => (sFromO.has(k) ? [] : [k]));
  // Items both sides added (same id): compared, never duplicated.
  const bothAdded = new Map(
    matchLists(
      bOnly.map((j) => b[j]),
      sOnly.map((k) => s[k]),
    ).pairs.map(([x, y]) => [bOnly[x]!, sOnly[y]!]),
  );
  const sNodes = [...sSeq.items];
  const bNodes = bSeq ? bSeq.items : [];
  const remove = new Set<unknown>();
  const itemLoc = (item: unknown, index: number, value: unknown): Loc => {
    const id = itemId(item);
    return { path: [...loc.path, index], steps: [...loc.steps, id !== undefined ? { id } : { index }], values: [...loc.values, value] };
  };

  o.forEach((item, i) => {
    const j = oToB.get(i);
    const k = oToS.get(i);
    if (j !== undefined && k !== undefined) {
      const node = sNodes[k];
      const slot: Slot = { node, replace: (n) => (sSeq.items[sSeq.items.indexOf(node)] = n) };
      mergeValue(m, item, b[j], s[k], slot, bNodes[j], itemLoc(s[k], k, s[k]));
    } else if (j !== undefined) {
      if (!deepEqual(item, b[j])) m.conflicts.push({ loc: itemLoc(b[j], j, b[j]), reason: 'site-removed', base: b[j], site: undefined, oldBase: item });
    } else if (k !== undefined) {
      const at = itemLoc(s[k], k, s[k]);
      if (deepEqual(item, s[k])) {
        remove.add(sNodes[k]);
        m.applied.push(formatIdPath(itemLoc(item, i, item).steps));
      } else m.conflicts.push({ loc: at, reason: 'base-removed', base: undefined, site: s[k], oldBase: item });
    }
  });

  // Base additions go after the item that precedes them in the new base (as it stands in the site).
  const siteNodeOfBase = new Map<number, unknown>();
  for (const [i, j] of oToB) {
    const k = oToS.get(i);
    if (k !== undefined) siteNodeOfBase.set(j, sNodes[k]);
  }
  for (const j of bOnly) {
    const k = bothAdded.get(j);
    if (k !== undefined) {
      siteNodeOfBase.set(j, sNodes[k]);
      if (!deepEqual(b[j], s[k])) m.conflicts.push({ loc: itemLoc(s[k], k, s[k]), reason: 'both-added', base: b[j], site: s[k], oldBase: undefined });
      continue;
    }
    const node = copyNode(m.site, bNodes[j], b[j], m.baseHasAliases);
    sSeq.items.splice(insertionIndex(sSeq, siteNodeOfBase, j, b.length), 0, node);
    siteNodeOfBase.set(j, node);
    m.applied.push(formatIdPath(itemLoc(b[j], j, b[j]).steps));
  }
  if (remove.size > 0) sSeq.items = sSeq.items.filter((n) => !remove.has(n));
}

function insertionIndex(seq: YAMLSeq, siteNodeOfBase: Map<number, unknown>, j: number, baseLength: number): number {
  for (let p = j - 1; p >= 0; p--) {
    const at = seq.items.indexOf(siteNodeOfBase.get(p));
    if (at >= 0) return at + 1;
  }
  for (let n = j + 1; n < baseLength; n++) {
    const at = seq.items.indexOf(siteNodeOfBase.get(n));
    if (at >= 0) return at;
  }
  return seq.items.length;
}

function toConflict(c: PendingConflict, merged: unknown): MergeConflict {
  const path = resolveIdPath(merged, c.loc.steps) ?? [...(resolveIdPath(merged, c.loc.steps.slice(0, -1)) ?? c.loc.path.slice(0, -1)), c.loc.path[c.loc.path.length - 1]!];
  return {
    path,
    idPath: formatIdPath(c.loc.steps),
    label: labelFor(
      c.loc.path,
      (d) => c.loc.values[d],
      (d) => (d > 0 ? c.loc.values[d - 1] : undefined),
    ),
    reason: c.reason,
    base: c.base,
    site: c.site,
    oldBase: c.oldBase,
  };
}

function basedOnWarnings(oldBase: unknown, site: unknown): string[] {
  const meta = (v: unknown) => (isPlainObject(v) && isPlainObject(v.metadata) ? v.metadata : {});
  const basedOn = isPlainObject(meta(site).basedOn) ? (meta(site).basedOn as PlainObject) : undefined;
  const warnings: string[] = [];
  if (!basedOn) return ['the site protocol has no metadata.basedOn: it is treated as an adaptation of the old base'];
  const { id, versionLabel } = meta(oldBase);
  if (id !== undefined && basedOn.protocol !== undefined && String(basedOn.protocol) !== String(id)) {
    warnings.push(`the site is based on ${String(basedOn.protocol)}, but the old base is ${String(id)}`);
  }
  if (versionLabel !== undefined && basedOn.version !== undefined && String(basedOn.version) !== String(versionLabel)) {
    warnings.push(`the site is based on version ${String(basedOn.version)}, but the old base is version ${String(versionLabel)}`);
  }
  return warnings;
}

/** Records the new base version in `metadata.basedOn.version` (in place, so a comment there stays). */
function updateBasedOn(site: Document, newBase: unknown): void {
  const label = isPlainObject(newBase) && isPlainObject(newBase.metadata) ? newBase.metadata.versionLabel : undefined;
  if (label === undefined || label === null || typeof label === 'object') return;
  const path = ['metadata', 'basedOn', 'version'];
  const current = site.getIn(path, true);
  if (isScalar(current)) writeValue(current, label, () => undefined, () => site.createNode(label));
  else site.setIn(path, label);
}
