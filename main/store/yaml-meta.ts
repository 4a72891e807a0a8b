/**
 * The few facts the store reads from a protocol's YAML (for listing without reparsing) and the one edit
 * it makes (recording `metadata.basedOn` on an adaptation, through the Document API so comments survive).
 */
import { isMap, isNode, isScalar, parseDocument, stringify, type Document } from 'yaml';
import { InvalidInputError } from './errors';

export interface HeadFacts {
  id: string | null;
  title: string | null;
  status: string | null;
  siteName: string | null;
  versionLabel: string | null;
}

const EMPTY: HeadFacts = { id: null, title: null, status: null, siteName: null, versionLabel: null };

// Aliases are neither expanded nor followed: a hostile document cannot make reading these facts expensive.
function parse(text: string): Document | null {
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    return doc.errors.length === 0 ? doc : null;
  } catch {
    return null;
  }
}

function stringAt(doc: Document, path: string[]): string | null {
  const node = doc.getIn(path, true);
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : null;
}

/** Localized text is either a string or a map of language → string; the first entry stands for it. */
function localizedAt(doc: Document, path: string[]): string | null {
  const direct = stringAt(doc, path);
  if (direct !== null) return direct;
  const node = doc.getIn(path, true);
  if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.value) && typeof pair.value.value === 'string') return pair.value.value;
  }
  return null;
}

/**
 * The top-level `metadata:` block alone, when it can be cut out safely: parsing a whole protocol at
 * every commit costs tens of milliseconds, parsing this block well under one.
 */
function metadataBlock(text: string): string | null {
  const starts = [...text.matchAll(/^metadata[ \t]*:(?=[ \t]|\r?\n|$)/gm)];
  if (starts.length !== 1) return null;
  const from = starts[0]!.index;
  // The block ends at the next line that starts in column 0 with anything but a comment.
  const next = /\n(?=[^ \t\r\n#])/g;
  next.lastIndex = from;
  const end = next.exec(text);
  return text.slice(from, end ? end.index + 1 : text.length);
}

/** Reads metadata facts; any part that is missing or malformed is null (the store never judges content). */
export function readHeadFacts(text: string): HeadFacts {
  const block = metadataBlock(text);
  const doc = (block !== null ? parse(block) : null) ?? parse(text);
  if (!doc) return EMPTY;
  return {
    id: stringAt(doc, ['metadata', 'id']),
    title: localizedAt(doc, ['metadata', 'title']),
    status: stringAt(doc, ['metadata', 'status']),
    siteName: stringAt(doc, ['metadata', 'site', 'name']),
    versionLabel: stringAt(doc, ['metadata', 'versionLabel']),
  };
}

/**
 * Returns the base text with `metadata.id` set to the adaptation's id and `metadata.basedOn` pointing
 * at the base. The Document API locates the nodes and the edit is spliced into the original text, so
 * comments, line wrapping and spacing of everything else stay exactly as written (an adaptation then
 * diffs against its base as two changed lines). Unusual layouts fall back to re-serializing the
 * Document, which still keeps comments.
 */
export function markAsAdaptation(baseText: string, adaptation: { id: string; basedOn: { protocol: string; version: string } }): string {
  let doc: Document;
  try {
    doc = parseDocument(baseText);
  } catch (err) {
    throw new InvalidInputError(`the base version is not valid YAML: ${(err as Error).message}`);
  }
  const first = doc.errors[0];
  if (first) throw new InvalidInputError(`the base version is not valid YAML (${first.message.split('\n')[0]})`);
  if (!isMap(doc.contents)) throw new InvalidInputError('the base version is not a YAML mapping; cannot record metadata.basedOn');
  const spliced = spliceAdaptation(baseText, doc, adaptation);
  if (spliced !== null && isAdaptation(spliced, adaptation)) return spliced;
  const basedOn = doc.createNode(adaptation.basedOn);
  basedOn.flow = true;
  doc.setIn(['metadata', 'basedOn'], basedOn);
  doc.setIn(['metadata', 'id'], adaptation.id);
  try {
    // lineWidth 0: never re-fold long prose lines the authors wrote.
    return doc.toString({ lineWidth: 0 });
  } catch (err) {
    throw new InvalidInputError(`the base version cannot be rewritten: ${(err as Error).message}`);
  }
}

const scalarText = (value: string): string => stringify(value).trimEnd();

/** The minimal text edit: replace the id scalar, and replace or add `basedOn` right after the id line. */
function spliceAdaptation(text: string, doc: Document, a: { id: string; basedOn: { protocol: string; version: string } }): string | null {
  const metadata = doc.get('metadata', true);
  if (!isMap(metadata) || metadata.flow) return null;
  const pairOf = (key: string) => metadata.items.find((p) => isScalar(p.key) && p.key.value === key);
  const idPair = pairOf('id');
  const idNode = idPair?.value;
  if (!idPair || !isScalar(idPair.key) || !isScalar(idNode) || !idNode.range || !idPair.key.range) return null;
  const [idStart, idEnd] = idNode.range;
  if (text.slice(idStart, idEnd).includes('\n')) return null;
  const flow = `{protocol: ${scalarText(a.basedOn.protocol)}, version: ${scalarText(a.basedOn.version)}}`;
  const edits: Array<{ from: number; to: number; insert: string }> = [{ from: idStart, to: idEnd, insert: scalarText(a.id) }];
  const existing = pairOf('basedOn')?.value;
  if (existing) {
    if (!isNode(existing) || !existing.range) return null;
    edits.push({ from: existing.range[0], to: existing.range[1], insert: flow });
  } else {
    const keyStart = idPair.key.range[0];
    const indent = text.slice(text.lastIndexOf('\n', keyStart - 1) + 1, keyStart);
    if (!/^[ ]*$/.test(indent)) return null;
    const lineEnd = text.indexOf('\n', idEnd);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    edits.push({ from: at, to: at, insert: `${lineEnd < 0 ? '\n' : ''}${indent}basedOn: ${flow}\n` });
  }
  let out = text;
  for (const e of edits.sort((x, y) => y.from - x.from)) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}

function isAdaptation(text: string, a: { id: string; basedOn: { protocol: string; version: string } }): boolean {
  const doc = parse(text);
  if (!doc) return false;
  const basedOn = doc.getIn(['metadata', 'basedOn'], true);
  const value: unknown = isNode(basedOn) ? basedOn.toJSON() : undefined;
  return (
    stringAt(doc, ['metadata', 'id']) === a.id &&
    JSON.stringify(value) === JSON.stringify({ protocol: a.basedOn.protocol, version: a.basedOn.version })
  );
}
