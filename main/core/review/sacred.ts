/**
 * Secret/sacred content is never stored: a `secret_sacred` section keeps only its identity, governance and
 * the keepers' placeholder (SACRED_KEEPS). `stripSacredContent` removes anything else from a protocol text
 * before it is saved, editing the text by node ranges so every other line, comment and key order stays as
 * typed. A text that cannot be read but mentions secret/sacred content cannot be checked, so it is not
 * stored at all (`refused`).
 */
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { PathSegment } from '../diagnostics/diagnostic';
import { parseProtocolShared } from '../parse';
import { sacredContentFields } from './disclosure';
import { listSections } from './sections';
import { isPlainObject } from '../diff/values';
import { askWhom, governanceFacts } from './sharing';

export interface StrippedSection {
  key: string;
  title: string;
  /** The fields left out (`text`, `description`, …). */
  fields: string[];
  askWhom: string;
}

export interface SacredStrip {
  /** The text fit to store; equal to the input when nothing was left out. Null when `refused`. */
  text: string | null;
  stripped: StrippedSection[];
  /** Set when the text cannot be read and mentions secret/sacred content: store nothing, say why. */
  refused?: string;
}

const MENTIONS_SACRED = /secret_sacred|\\/;

/** Start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the newline ending the line that holds `offset - 1` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The span of whole lines a block-map pair occupies, or undefined when it shares a line with other content. */
function pairLines(text: string, pair: Pair): [number, number] | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (!key?.range) return undefined;
  const start = lineStart(text, key.range[0]);
  if (text.slice(start, key.range[0]).trim() !== '') return undefined; // e.g. "- text: …" opens a list item
  const end = lineEnd(text, value?.range ? value.range[2] : key.range[2]);
  return [start, end];
}

/** The span of a flow-map pair with its separating comma (`{id: a, text: b}` → `{id: a}`). */
function flowPair(text: string, pair: Pair): [number, number] | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (!key?.range) return undefined;
  const start = key.range[0];
  const end = value?.range ? value.range[1] : key.range[1];
  const after = /^\s*,[ \t]*/.exec(text.slice(end));
  if (after) return [start, end + after[0].length];
  const before = /,\s*$/.exec(text.slice(0, start));
  return before ? [start - before[0].length, end] : [start, end];
}

/** The last text found clean: the service strips before the store does, and an autosave repeats the same text. */
let lastClean: string | undefined;

export function stripSacredContent(text: string): SacredStrip {
  if (!MENTIONS_SACRED.test(text) || text === lastClean) return { text, stripped: [] };
  const result = strip(text);
  if (result.text !== null) lastClean = result.text;
  return result;
}

function strip(text: string): SacredStrip {
  // Usually the text the editor's last check parsed: shared, not parsed again.
  const parsed = parseProtocolShared(text);
  if (!parsed.readable || !parsed.document) {
    // Name where it breaks: that is what the author must fix before it can be checked and saved.
    const d = parsed.diagnostics.find((x) => x.severity === 'error') ?? parsed.diagnostics[0];
    const where = d ? `line ${d.range.start.line}, column ${d.range.start.column}: ${d.message}` : 'the YAML does not parse';
    return { text: null, stripped: [], refused: `it cannot be read (${where}), and it has secret or sacred sections, so what may be stored cannot be checked` };
  }
  const stripped: StrippedSection[] = [];
  const removals: Array<{ path: PathSegment[]; span?: [number, number] }> = [];
  const done: PathSegment[][] = [];
  const inside = (p: PathSegment[]): boolean => done.some((d) => d.length <= p.length && d.every((seg, i) => seg === p[i]));
  for (const s of listSections(parsed.value)) {
    if (s.governance?.level !== 'secret_sacred' || inside(s.path)) continue;
    done.push(s.path);
    const fields = sacredContentFields(s.value);
    if (fields.length === 0) continue;
    stripped.push({ key: s.key, title: s.title, fields, askWhom: askWhom(s.governance, 'workspace') });
    const map = parsed.nodeAt(s.path);
    for (const field of fields) {
      const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === field) : undefined;
      const span = pair && isMap(map) ? (map.flow ? flowPair(text, pair) : pairLines(text, pair)) : undefined;
      removals.push({ path: [...s.path, field], ...(span ? { span } : {}) });
    }
  }
  if (removals.length === 0) return { text, stripped };
  if (removals.every((r) => r.span)) {
    // Cut whole lines, last first, so earlier offsets stay valid.
    let out = text;
    for (const { span } of [...removals].sort((a, b) => b.span![0] - a.span![0])) out = out.slice(0, span![0]) + out.slice(span![1]);
    return { text: out, stripped };
  }
  // A list item opening on the removed key: let yaml re-write the document.
  const doc = parsed.document.clone();
  for (const r of removals) doc.deleteIn(r.path);
  return { text: doc.toString(), stripped };
}

/** One short note for a draft saved without its secret/sacred content (at most 200 characters per section; named by its title, not its path, as people read it). */
export function strippedNote(s: StrippedSection): string {
  const build = (title: string): string => `"${title}" is secret/sacred: its ${s.fields.join(', ')} was left out of the saved draft — only a placeholder is kept; ask ${s.askWhom}.`;
  // Shorten the title first: whom to ask is the part the reader needs.
  const over = build(s.title).length - 200;
  const line = over > 0 ? build(`${s.title.slice(0, Math.max(8, s.title.length - over - 1))}…`) : build(s.title);
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

const SACRED_SOURCES =
  'Secret/sacred knowledge stays with its keepers and is never written into the protocol: only a placeholder saying what it is and whom to ask (domain.md §5.2–5.4: OCAP® Possession; Local Contexts TK Secret/Sacred label; TCPS 2 Art. 9.5).';

/**
 * The plain refusal for content in a secret_sacred section (the schema's `then: {field: false}`), or
 * undefined when `container` is not secret/sacred. At most 200 characters; the reason is in `help`.
 */
export function sacredFieldRefusal(container: unknown, field: string, where: string): { message: string; help: string } | undefined {
  const g = isPlainObject(container) ? governanceFacts(container.governance) : undefined;
  if (g?.level !== 'secret_sacred') return undefined;
  const line = `${where} is secret sacred: remove "${field}" and keep only a placeholder saying whom to ask (${askWhom(g, 'workspace')}).`;
  return { message: line.length > 200 ? `${line.slice(0, 199)}…` : line, help: SACRED_SOURCES };
}
