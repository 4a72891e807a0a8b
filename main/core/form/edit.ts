/**
 * Form edits applied to the YAML text through the Document's node ranges: a changed value is spliced
 * into the text where the old one stood, so every other byte (comments, key order, flow spacing,
 * blank lines) stays as written. Only a shape the splices cannot express falls back to the Document API.
 */
import { isCollection, isMap, isScalar, isSeq, parse, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import type { PathSegment } from '../diagnostics/diagnostic';

export type FormScalar = string | number | boolean;
export type FormValue = FormScalar | FormScalar[];

/** A new list item: a flat mapping of scalars (nested values are left to the editor). */
export type FormItem = Record<string, FormScalar>;

export type FormEdit =
  | { op: 'set'; path: PathSegment[]; value: FormValue }
  | { op: 'remove'; path: PathSegment[] }
  | { op: 'add'; path: PathSegment[]; value: FormItem };

/** An edit the text cannot take (the document does not parse, or the path is not there). */
export class FormEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormEditError';
  }
}

interface Splice {
  from: number;
  to: number;
  text: string;
}

const splice = (text: string, s: Splice): string => text.slice(0, s.from) + s.text + text.slice(s.to);

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Index just past the newline that ends the line holding `at` (or the text's end). */
function nextLineStart(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * Where a node's own content ends: a nested block collection at its last value (not its trailing
 * comments), a block scalar (`>-`, `|`) before the line break its range includes.
 */
function contentEnd(node: Node, text: string): number {
  let end = valueEnd(node);
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

function valueEnd(node: Node): number {
  if (isCollection(node) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1]!;
    const value = (isMap(node) ? (last as { value?: unknown }).value : last) as Node | null | undefined;
    if (value && typeof value === 'object' && 'range' in value && value.range) return valueEnd(value);
    const key = isMap(node) ? ((last as { key?: unknown }).key as Node | undefined) : undefined;
    if (key?.range) return key.range[1];
  }
  return node.range ? node.range[1] : 0;
}

function fitsPlain(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t]/.test(s)) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  try {
    return (parse(`k: ${s}`) as { k?: unknown } | null)?.k === s && !s.includes(' #') && !s.includes(': ');
  } catch {
    return false;
  }
}

/** A scalar written the way the one it replaces was (quoted stays quoted; plain when that reads back the same). */
function scalarText(value: FormScalar, old: Scalar | undefined, inFlow: boolean): string {
  if (typeof value !== 'string') return String(value);
  if (old?.type === 'QUOTE_SINGLE' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (old?.type !== 'QUOTE_DOUBLE' && fitsPlain(value, inFlow)) return value;
  return JSON.stringify(value);
}

const flowList = (values: FormScalar[]): string => `[${values.map((v) => scalarText(v, undefined, true)).join(', ')}]`;

function columnOf(text: string, at: number): number {
  return at - lineStart(text, at);
}

const flowItem = (item: FormItem): string => `{${Object.entries(item).map(([k, v]) => `${k}: ${scalarText(v, undefined, true)}`).join(', ')}}`;

/** A block-style list item: `- ` at `dash`, its keys lined up at `keys`. */
function blockItem(item: FormItem, dash: number, keys: number): string {
  const lines = Object.entries(item).map(([k, v]) => `${k}: ${scalarText(v, undefined, false)}`);
  return `${' '.repeat(dash)}-${' '.repeat(Math.max(1, keys - dash - 1))}${lines.join(`\n${' '.repeat(keys)}`)}`;
}

type NewValue = FormValue | FormItem[];
const isItems = (v: NewValue): v is FormItem[] => Array.isArray(v) && v.some((x) => typeof x === 'object');

/** Lines for a value under a new key at `indent`: `key: value`, nesting any keys still missing; a new list of items in block style. */
function newEntry(keys: string[], value: NewValue, indent: number): string {
  const pad = ' '.repeat(indent);
  const [first, ...rest] = keys;
  if (rest.length > 0) return `${pad}${first}:\n${newEntry(rest, value, indent + 2)}`;
  if (isItems(value)) return `${pad}${first}:\n${value.map((item) => blockItem(item, indent + 2, indent + 4)).join('\n')}`;
  return `${pad}${first}: ${Array.isArray(value) ? flowList(value) : scalarText(value, undefined, false)}`;
}

/** A new item at the end of a list, written as its last sibling is: flow or block, same indentation. */
function appendItem(text: string, seq: Node, item: FormItem): Splice | undefined {
  if (!isSeq(seq) || !seq.range) return undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow) {
    if (!last) return { from: seq.range[0] + 1, to: seq.range[0] + 1, text: flowItem(item) };
    const end = valueEnd(last);
    return { from: end, to: end, text: `, ${flowItem(item)}` };
  }
  if (!last?.range) return undefined;
  const dashAt = text.lastIndexOf('-', last.range[0]);
  if (dashAt < 0 || !/^\s*-\s+$/.test(text.slice(lineStart(text, last.range[0]), last.range[0]))) return undefined;
  const at = nextLineStart(text, contentEnd(last, text));
  const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
  const written = isMap(last) && last.flow ? `${' '.repeat(columnOf(text, dashAt))}-${' '.repeat(last.range[0] - dashAt - 1)}${flowItem(item)}` : blockItem(item, columnOf(text, dashAt), columnOf(text, last.range[0]));
  return { from: at, to: at, text: `${lead}${written}\n` };
}

function setExisting(text: string, node: Node, value: FormValue, inFlow: boolean): Splice | undefined {
  if (!node.range) return undefined;
  if (isScalar(node) && !Array.isArray(value)) return { from: node.range[0], to: node.range[1], text: scalarText(value, node, inFlow) };
  if (isSeq(node) && Array.isArray(value)) {
    if (node.flow || node.items.length === 0) return { from: node.range[0], to: node.range[1], text: flowList(value) };
    // A block list of scalars keeps its block style and its indentation.
    const indent = ' '.repeat(columnOf(text, node.range[0]));
    const lines = value.map((v) => `- ${scalarText(v, undefined, false)}`).join(`\n${indent}`);
    return { from: node.range[0], to: contentEnd(node, text), text: lines };
  }
  return undefined;
}

/** Inserts a missing key under the nearest existing block mapping. */
function insertMissing(doc: Document, text: string, path: PathSegment[], value: NewValue): Splice | undefined {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (parent === undefined || parent === null) continue;
    const keys = path.slice(depth);
    if (!isMap(parent) || keys.some((k) => typeof k !== 'string') || !parent.range) return undefined;
    if (parent.flow) {
      if (keys.length > 1) return undefined;
      const close = text.lastIndexOf('}', parent.range[1]);
      const body = text.slice(parent.range[0] + 1, close).trim();
      const written = isItems(value) ? `[${value.map(flowItem).join(', ')}]` : Array.isArray(value) ? flowList(value) : scalarText(value, undefined, true);
      const entry = `${String(keys[0])}: ${written}`;
      return { from: close, to: close, text: body ? `, ${entry}` : entry };
    }
    if (parent.items.length === 0) return undefined;
    const firstKey = parent.items[0]!.key as Node;
    const indent = firstKey.range ? columnOf(text, firstKey.range[0]) : 0;
    const at = nextLineStart(text, contentEnd(parent, text));
    const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
    return { from: at, to: at, text: `${lead}${newEntry(keys as string[], value, indent)}\n` };
  }
  return undefined;
}

function removeAt(doc: Document, text: string, path: PathSegment[]): Splice | undefined {
  const parent = doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1]!;
  if (!isCollection(parent) || !parent.range) return undefined;
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as Node | undefined;
    if (!item?.range) return undefined;
    if (parent.flow) {
      const values = (parent.toJSON() as unknown[]).filter((_, i) => i !== last);
      if (!values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return undefined;
      return { from: parent.range[0], to: parent.range[1], text: flowList(values as FormScalar[]) };
    }
    // From the item's "- " line to the end of its last content line: comment lines around it stay.
    const from = lineStart(text, item.range[0]);
    if (!/^\s*-\s+$/.test(text.slice(from, item.range[0]))) return undefined;
    return { from, to: nextLineStart(text, contentEnd(item, text)), text: '' };
  }
  if (isMap(parent) && typeof last === 'string' && !parent.flow) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    const key = pair?.key as Node | undefined;
    if (!pair || !key?.range) return undefined;
    const value = pair.value as Node | null;
    const end = value && value.range ? contentEnd(value, text) : key.range[1];
    return { from: lineStart(text, key.range[0]), to: nextLineStart(text, end), text: '' };
  }
  return undefined;
}

function inFlowAt(doc: Document, path: PathSegment[]): boolean {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  return isCollection(parent) && !!parent.flow;
}

function describePath(path: readonly PathSegment[]): string {
  return path.map((p) => (typeof p === 'number' ? `#${p + 1}` : p)).join(' › ');
}

function applyOne(text: string, edit: FormEdit): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new FormEditError('The YAML has errors; fix them in the editor before using the form.');
  const node = doc.getIn(edit.path, true) as Node | undefined;
  let s: Splice | undefined;
  if (edit.op === 'add') {
    s = node === undefined ? insertMissing(doc, text, edit.path, [edit.value]) : isSeq(node) ? appendItem(text, node, edit.value) : undefined;
    if (!s) {
      if (node !== undefined && node !== null && !isSeq(node) && !(isScalar(node) && node.value === null)) throw new FormEditError(`${describePath(edit.path)} is not a list`);
      if (isSeq(node)) doc.addIn(edit.path, edit.value);
      else doc.setIn(edit.path, doc.createNode([edit.value]));
      return doc.toString({ lineWidth: 0 });
    }
  } else if (edit.op === 'remove') {
    if (node === undefined) return text;
    s = removeAt(doc, text, edit.path);
    if (!s) {
      doc.deleteIn(edit.path);
      return doc.toString({ lineWidth: 0 });
    }
  } else {
    s = node && typeof node === 'object' ? setExisting(text, node, edit.value, inFlowAt(doc, edit.path)) : insertMissing(doc, text, edit.path, edit.value);
    if (!s) {
      if (node !== undefined && !isScalar(node) && !isSeq(node)) throw new FormEditError(`${describePath(edit.path)} holds a section, not a value`);
      doc.setIn(edit.path, edit.value);
      return doc.toString({ lineWidth: 0 });
    }
  }
  return splice(text, s);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What the path must hold once the edit is written (undefined: nothing to check). */
function expected(before: string, edit: FormEdit): unknown {
  if (edit.op === 'remove') return undefined;
  if (edit.op === 'set') return edit.value;
  const items: unknown = JSON.parse(JSON.stringify(parseDocument(before).getIn(edit.path) ?? []));
  return [...(Array.isArray(items) ? items : []), edit.value];
}

/** Applies the edits in order; each result is parsed again and must hold exactly the value written. */
export function applyFormEdits(text: string, edits: readonly FormEdit[]): string {
  let out = text;
  for (const edit of edits) {
    const next = applyOne(out, edit);
    const check = parseDocument(next);
    const want = expected(out, edit);
    const landed = edit.op === 'remove' || sameValue(check.getIn(edit.path), want);
    if (check.errors.length > 0 || !landed) throw new FormEditError(`Could not write ${describePath(edit.path)} without breaking the document`);
    out = next;
  }
  return out;
}
