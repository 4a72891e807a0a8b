/**
 * Defensive readers for the parsed document. The document may be schema-invalid (wrong types, missing
 * sections), so every reader returns `undefined` / `[]` instead of throwing.
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { programmeShape } from '../model/shape';
import type { Medicine } from './types';

export type Path = PathSegment[];
export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value at `path`, or undefined when any step is missing or of the wrong kind. */
export function at(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[key];
    } else {
      const o = obj(node);
      if (!o || !Object.hasOwn(o, key)) return undefined;
      node = o[key];
    }
  }
  return node;
}

/** Localized text (a string or a `{lang: string}` map) as its non-empty entries. */
export function texts(v: unknown): { lang: string | undefined; text: string }[] {
  if (typeof v === 'string') return v.trim() ? [{ lang: undefined, text: v }] : [];
  const o = obj(v);
  if (!o) return [];
  return Object.entries(o)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
    .map(([lang, text]) => ({ lang, text }));
}

export function hasText(v: unknown): boolean {
  return texts(v).length > 0;
}

/** Items of the list at `path` that are objects, with their index in the list. */
export function items(root: unknown, path: Path): { item: Obj; index: number; path: Path }[] {
  const out: { item: Obj; index: number; path: Path }[] = [];
  list(at(root, path)).forEach((v, index) => {
    const item = obj(v);
    if (item) out.push({ item, index, path: [...path, index] });
  });
  return out;
}

/** The string values of a list (non-strings skipped). */
export function strings(v: unknown): string[] {
  return list(v).filter((x): x is string => typeof x === 'string');
}

export function medicineOf(doc: unknown): Medicine | undefined {
  const m = str(at(doc, ['metadata', 'medicine']));
  return m === 'ketamine' || m === 'esketamine' || m === 'psilocybin' || m === 'mdma' || m === 'other' ? m : undefined;
}

/** "RTT-derived": based on, or itself, an RTT protocol (ids starting with `rtt`). */
export function isRttDerived(doc: unknown): boolean {
  const base = str(at(doc, ['metadata', 'basedOn', 'protocol'])) ?? '';
  const id = str(at(doc, ['metadata', 'id'])) ?? '';
  return /^rtt/i.test(base) || /^rtt/i.test(id);
}

export function isGroupFormat(doc: unknown): boolean {
  return programmeShape(doc).format === 'group';
}

/** Format a number the way the protocol wrote it (no trailing noise). */
export function fmt(n: number): string {
  return String(Number(n.toPrecision(12)));
}

export const ROUTES: Path = ['medicineSessions', 'routes'];

export interface RouteView {
  path: Path;
  item: Obj;
  route: string | undefined;
  unit: string | undefined;
  min: number | undefined;
  max: number | undefined;
  start: number | undefined;
  justified: boolean;
}

/** The dose routes of the medicine sessions, or only those given by `route` (e.g. 'IV'). */
export function routes(doc: unknown, route?: string): RouteView[] {
  const all = items(doc, ROUTES).map(({ item, path }) => ({
    path,
    item,
    route: str(item.route),
    unit: str(item.unit),
    min: num(item.min),
    max: num(item.max),
    start: num(item.start),
    justified: hasText(item.justification),
  }));
  return route === undefined ? all : all.filter((r) => r.route === route);
}
