/**
 * Id paths: `curriculum.weeks[week-5].theme` — list items named by id (by index when they have none),
 * so an address survives reordering and reads well in review records.
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { itemId } from './values';

/** One step of an id path: a map key, a list item by id, or a list item by index. */
export type IdStep = { key: string } | { id: string } | { index: number };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const PLAIN_ID = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;

export function formatIdStep(step: IdStep, first: boolean): string {
  if ('key' in step) return PLAIN_KEY.test(step.key) ? (first ? step.key : `.${step.key}`) : `[${JSON.stringify(step.key)}]`;
  if ('index' in step) return `[#${step.index}]`;
  return PLAIN_ID.test(step.id) ? `[${step.id}]` : `[${JSON.stringify(step.id)}]`;
}

export function formatIdPath(steps: readonly IdStep[]): string {
  return steps.map((s, i) => formatIdStep(s, i === 0)).join('');
}

/**
 * Parses an id path. Map keys and ids that are not plain are written as JSON strings in brackets
 * (`["odd key"]`); `[#3]` is a list index. Throws with the offending position on bad input.
 */
export function parseIdPath(text: string): IdStep[] {
  const steps: IdStep[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`bad id path "${text}" at character ${i + 1}: ${why}`);
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      if (steps.length === 0) fail('starts with "."');
      i++;
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i));
      if (!m) fail('expected a key after "."');
      steps.push({ key: m![0] });
      i += m![0].length;
    } else if (ch === '[') {
      const close = findClose(text, i);
      if (close < 0) fail('unclosed "["');
      const inner = text.slice(i + 1, close);
      if (inner.startsWith('"')) {
        let value: unknown;
        try {
          value = JSON.parse(inner);
        } catch {
          fail('bad quoted name');
        }
        if (typeof value !== 'string') fail('bad quoted name');
        // Quoted names are ambiguous (odd map key or odd id); resolution decides by what it meets.
        steps.push(steps.length === 0 ? { key: value as string } : { id: value as string });
      } else if (/^#\d+$/.test(inner)) steps.push({ index: Number(inner.slice(1)) });
      else if (inner.length > 0) steps.push({ id: inner });
      else fail('empty brackets');
      i = close + 1;
    } else if (steps.length === 0) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text);
      if (!m) fail('expected a key');
      steps.push({ key: m![0] });
      i += m![0].length;
    } else fail(`unexpected "${ch}"`);
  }
  if (steps.length === 0) fail('empty');
  return steps;
}

function findClose(text: string, open: number): number {
  let inString = false;
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return j;
  }
  return -1;
}

/** Maps id steps onto a plain value, giving the JSON path (undefined when a step does not resolve). */
export function resolveIdPath(root: unknown, steps: readonly IdStep[]): PathSegment[] | undefined {
  const path: PathSegment[] = [];
  let cur: unknown = root;
  for (const step of steps) {
    const key = 'key' in step ? step.key : 'id' in step && !Array.isArray(cur) ? step.id : undefined;
    if (key !== undefined) {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, key)) return undefined;
      path.push(key);
      cur = (cur as Record<string, unknown>)[key];
    } else {
      if (!Array.isArray(cur)) return undefined;
      const idx = 'index' in step ? step.index : cur.findIndex((x) => itemId(x) === (step as { id: string }).id);
      if (idx < 0 || idx >= cur.length) return undefined;
      path.push(idx);
      cur = cur[idx];
    }
  }
  return path;
}
