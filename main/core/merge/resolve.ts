/**
 * Applies the user's choices to the conflicts of a rebase: keep the site's value, take the base's, or
 * write an edited value. Works on the YAML Document, so the rest of the text is left as it was.
 */
import { isMap, isSeq, type Document, type Node } from 'yaml';

import { parseIdPath, resolveIdPath, type IdStep } from '../diff/id-path';
import { documentValue, readProtocolText } from '../diff/parse-text';
import { print, printKeepingLayout } from './layout';
import { writeValue } from './nodes';
import type { MergeConflict, RebaseResult, Resolution } from './types';

/**
 * `input` is a rebase result (needed to take the base's value) or a merged text (then only `site`
 * and `edited` choices are possible). Returns the new text; throws on an unknown id path.
 */
export function resolveConflicts(input: string | Pick<RebaseResult, 'text' | 'conflicts'>, resolutions: readonly Resolution[]): string {
  const text = typeof input === 'string' ? input : input.text;
  const conflicts = typeof input === 'string' ? [] : input.conflicts;
  const doc = readProtocolText(text, 'merged').document;
  const untouched = print(doc);
  for (const r of resolutions) {
    if (r.choice === 'site') continue;
    const conflict = conflicts.find((c) => c.idPath === r.idPath);
    if (r.choice === 'base' && !conflict) {
      throw new Error(`no conflict at ${r.idPath} in this merge result: the base's value is unknown`);
    }
    if (r.choice === 'edited' && r.value === undefined) throw new Error(`resolution "edited" for ${r.idPath} needs a value`);
    const value = r.choice === 'base' ? conflict!.base : r.value;
    writeAt(doc, parseIdPath(r.idPath), value, conflict);
  }
  return printKeepingLayout(text, untouched, doc);
}

/** Sets (or, for undefined, removes) the value at an id path; a missing last step is created. */
function writeAt(doc: Document, steps: IdStep[], value: unknown, conflict: MergeConflict | undefined): void {
  const current = documentValue(doc, 'merged');
  const path = resolveIdPath(current, steps);
  if (path) {
    if (value === undefined) return void doc.deleteIn(path);
    const node = doc.getIn(path, true);
    writeValue(node, value, (n) => doc.setIn(path, n), () => doc.createNode(value) as Node);
    return;
  }
  if (value === undefined) return; // already absent
  const parentPath = resolveIdPath(current, steps.slice(0, -1));
  const last = steps[steps.length - 1];
  if (!parentPath || !last) throw new Error(`cannot resolve ${describe(steps)} in the merged text`);
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (isSeq(parent)) {
    const hint = conflict?.path[conflict.path.length - 1];
    const at = typeof hint === 'number' ? Math.min(hint, parent.items.length) : parent.items.length;
    parent.items.splice(at, 0, doc.createNode(value));
  } else if (isMap(parent) && ('key' in last || 'id' in last)) {
    parent.set('key' in last ? last.key : last.id, doc.createNode(value));
  } else throw new Error(`cannot resolve ${describe(steps)} in the merged text`);
}

function describe(steps: IdStep[]): string {
  return steps.map((s) => ('key' in s ? s.key : 'id' in s ? `[${s.id}]` : `[#${s.index}]`)).join('.');
}

