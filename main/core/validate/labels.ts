/** How a place in the document is named in messages: schema titles, item ids, list positions. */
import type { PathSegment } from '../diagnostics/diagnostic';
import { schemaNodeAt, schemaTitlesAlong } from '../model/schema-info';
import { humanize } from '../model/words';
import { at as valueAt, obj } from '../rules/read';

function titleAt(path: readonly PathSegment[]): string | undefined {
  return schemaNodeAt(path)?.title;
}

/** An object: `Route (im)`, `Timepoint #2`, `Site`, or `the protocol` at the root. */
export function containerLabel(root: unknown, path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the protocol';
  const last = path[path.length - 1]!;
  const title = titleAt(path) ?? (typeof last === 'string' ? `"${last}"` : `item ${last + 1}`);
  if (typeof last !== 'number') {
    // Inside a list item, say which one: "Title of Segment (w1-large-group)".
    const parent = path.slice(0, -1);
    return typeof parent[parent.length - 1] === 'number' ? `${title} of ${containerLabel(root, parent)}` : title;
  }
  // List items are sections addressed by id (ARCHITECTURE.md); fall back to their position.
  const value = valueAt(root, path);
  const id = value && typeof value === 'object' ? (value as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id !== '' ? `${title} (${id})` : `${title} #${last + 1}`;
}

/** A field: `"max" in Route (im)`, `item 2 of "roles" in Facilitators`, or `"metadata"` at the top. */
export function fieldLabel(root: unknown, path: readonly PathSegment[]): string {
  if (path.length === 0) return 'The protocol';
  const last = path[path.length - 1]!;
  const parent = path.slice(0, -1);
  if (typeof last === 'number') {
    const value = valueAt(root, path);
    if (value && typeof value === 'object' && !Array.isArray(value)) return containerLabel(root, path);
    return `item ${last + 1} of ${fieldLabel(root, parent)}`;
  }
  return parent.length === 0 ? `"${last}"` : `"${last}" in ${containerLabel(root, parent)}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  null: 'nothing',
};

export function expectedWords(types: readonly string[]): string {
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? 'something else') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

export function quote(s: string, max = 40): string {
  const oneLine = s.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine);
}

export function describeFound(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return `text ${quote(v)}`;
    case 'number':
      return `the number ${v}`;
    case 'boolean':
      return String(v);
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}

/** The JSON type name ajv would give a value. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function firstText(v: unknown, lang?: string): string | undefined {
  if (typeof v === 'string') return v;
  const o = obj(v);
  if (!o) return undefined;
  const s = (lang ? o[lang] : undefined) ?? Object.values(o).find((x) => typeof x === 'string');
  return typeof s === 'string' ? s : undefined;
}

/** A list item in words: its route and unit, title, text or role, else its id or position. */
export function itemWords(root: unknown, path: readonly PathSegment[], lang?: string): string {
  const o = obj(valueAt(root, path));
  const position = `#${Number(path[path.length - 1]) + 1}`;
  if (!o) return position;
  if (typeof o.route === 'string') return [o.route, o.unit].filter((x) => typeof x === 'string').join(' · ');
  const words = firstText(o.title, lang) ?? firstText(o.text, lang) ?? firstText(o.name) ?? (typeof o.role === 'string' ? humanize(o.role) : undefined);
  return words ?? (typeof o.id === 'string' ? o.id : position);
}

/**
 * A place in people's words, without key names: "Maximum dose (IM · mg/kg)", "Site name",
 * "Routes and doses". Titles come from the schema; keys without one are turned into words.
 */
export function placeWords(root: unknown, path: readonly PathSegment[]): string {
  if (path.length === 0) return 'The protocol';
  const titles = schemaTitlesAlong(path);
  const last = path.length - 1;
  const owner = path.slice(0, -1).findLastIndex((s) => typeof s === 'number');
  const name = (i: number) => titles[i] ?? (typeof path[i] === 'string' ? humanize(path[i] as string) : `item ${Number(path[i]) + 1}`);
  if (typeof path[last] === 'number') {
    const list = last > 0 ? name(last - 1) : 'List';
    return `${list}: ${itemWords(root, path)}`;
  }
  return owner >= 0 ? `${name(last)} (${itemWords(root, path.slice(0, owner + 1))})` : name(last);
}
