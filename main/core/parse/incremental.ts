/**
 * Re-lexing only what a keystroke touched. Lexing is most of a parse (≈30 ms of ≈40 ms for 2,000 lines),
 * and an edit almost always stays inside one top-level section. The YAML parser's token tree (CST) is
 * lossless and a top-level item starts on a fresh line in block context, so the item that holds the edit
 * can be parsed on its own between two stand-in items and spliced into the previous tree, shifting the
 * offsets of what follows. The splice is taken only when the stand-ins prove the lexer left the item in
 * the same state as the full text would (its own text and the next item's leading comments come back
 * unchanged, and the fragment has no syntax error); anything else falls back to a full parse. A property test checks the
 * spliced tree against a full parse, token for token.
 */
import { CST, Composer } from 'yaml';
import { COMPOSE_OPTIONS } from './compose-options';
import { lexAll } from './parse';

type Item = CST.BlockMap['items'][number];

/** A stand-in top-level item: a complete line at column 0, as every real item ends. */
const STAND_IN = '_: 0\n';

function firstOffset(item: Item): number | undefined {
  return (item.start[0] ?? item.key ?? item.sep?.[0] ?? item.value)?.offset;
}

/** The one document's top-level block mapping, when the stream is that simple (else no splice). */
function topMap(tokens: readonly CST.Token[]): { doc: CST.Document; map: CST.BlockMap } | null {
  if (tokens.filter((t) => t.type === 'document').length !== 1) return null;
  const doc = tokens.find((t): t is CST.Document => t.type === 'document')!;
  const map = doc.value;
  return map?.type === 'block-map' && map.indent === 0 ? { doc, map } : null;
}

/** Every field through which a token or item holds others (each token type has some of them). */
interface Walkable {
  type?: string;
  offset?: number;
  start?: CST.SourceToken[] | CST.SourceToken;
  key?: CST.Token | null;
  sep?: CST.SourceToken[];
  value?: CST.Token;
  props?: CST.Token[];
  items?: CST.CollectionItem[];
  end?: CST.SourceToken[];
}

/**
 * Adds `delta` to every offset in a token tree, field by field of the CST's token shapes (a generic walk
 * over every property was a fifth of a keystroke's parse). Recursive: the trees it moves were composed
 * first (the base when it was parsed, a fragment in `sound`), which bounds their depth.
 */
function shift(tree: CST.Token | CST.CollectionItem | readonly (CST.Token | CST.CollectionItem)[], delta: number): void {
  if (Array.isArray(tree)) {
    for (const x of tree) shift(x as CST.Token, delta);
    return;
  }
  const t = tree as Walkable;
  if (t.type !== undefined) t.offset! += delta;
  if (t.start) shift(t.start, delta);
  if (t.key) shift(t.key, delta);
  if (t.sep) shift(t.sep, delta);
  if (t.value) shift(t.value, delta);
  if (t.props) shift(t.props, delta);
  if (t.items) shift(t.items, delta);
  if (t.end) shift(t.end, delta);
}

/** Whether a token tree holds a syntax error: such a tree is never a base for `relex`. */
export function hasError(root: object): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      if ((node as { type?: unknown }).type === 'error') return true;
      for (const v of Object.values(node)) if (v && typeof v === 'object') stack.push(v);
    }
  }
  return false;
}

/**
 * A stand-in came back as written: `_: 0` after exactly `lead`. Its text alone does not tell, since a
 * damaged item before it can nest it (an empty key holding it as a mapping) with the same source.
 */
function isStandIn(item: Item, lead: string): boolean {
  const [ind] = item.sep ?? [];
  return sourceOf(item.start) === lead && item.key?.type === 'scalar' && item.key.source === '_' && ind?.type === 'map-value-ind' && item.value?.type === 'scalar' && item.value.source === '0';
}

/** A fragment that lexes and composes without a syntax error (the composer finds some the lexer lets pass). */
function sound(tokens: CST.Token[]): boolean {
  return !tokens.some(hasError) && [...new Composer(COMPOSE_OPTIONS).compose(tokens)].every((d) => d.errors.length === 0);
}

function sourceOf(tokens: readonly CST.SourceToken[]): string {
  return tokens.map((t) => CST.stringify(t)).join('');
}

/**
 * An edit before the second item: the first item decides whether the document is a mapping at all, so
 * it is lexed with the real head (comments, directives, `---`) before it, and a stand-in after it.
 * `keep` is how many of the mapping's first items the front holds (0 for an edit in the head), `lead` the
 * leading comments of the item after them.
 */
function relexFront(tokens: CST.Token[], top: { doc: CST.Document; map: CST.BlockMap }, front: string, lead: string, keep: number, delta: number): CST.Token[] | null {
  let fresh: CST.Token[];
  try {
    fresh = lexAll(front + lead + STAND_IN);
  } catch {
    return null;
  }
  const got = topMap(fresh);
  if (!got || fresh.at(-1) !== got.doc || got.doc.end?.length || got.map.items.length !== keep + 1) return null;
  // The front ends where the stand-in item (with the next item's leading comments) begins, not earlier or later.
  const standIn = got.map.items[keep]!;
  if (firstOffset(standIn) !== front.length || !isStandIn(standIn, lead) || !sound(fresh)) return null;
  const at = tokens.indexOf(top.doc);
  const later = top.map.items.slice(keep);
  for (const t of [...later, ...(top.doc.end ? [top.doc.end] : []), ...tokens.slice(at + 1)]) shift(t, delta);
  got.map.items = [...got.map.items.slice(0, keep), ...later];
  if (top.doc.end) got.doc.end = top.doc.end;
  return [...fresh, ...tokens.slice(at + 1)];
}

/**
 * The token tree of `next`, made from the tree of `prev` (which it takes over and changes in place), or
 * null when the edit cannot be spliced safely and the caller must parse `next` in full. `prev` must be
 * sound: no error token (`hasError`) and a document that composes without error (the shared parse keeps
 * only such a base). In a damaged text an unclosed quote may reach into later sections, or an item left
 * without its value may swallow the next line, so a section is no longer lexed by its own text alone. A
 * tree `relex` returns holds no error token; whether it composes cleanly is the caller's to see.
 */
export function relex(prev: { text: string; tokens: CST.Token[] }, next: string): CST.Token[] | null {
  const top = topMap(prev.tokens);
  if (!top) return null;
  const old = prev.text;
  const limit = Math.min(old.length, next.length);
  let p = 0;
  while (p < limit && old.charCodeAt(p) === next.charCodeAt(p)) p++;
  let s = 0;
  while (s < limit - p && old.charCodeAt(old.length - 1 - s) === next.charCodeAt(next.length - 1 - s)) s++;
  const oldEnd = old.length - s;
  const delta = next.length - old.length;

  const items = top.map.items;
  // Items must start on a fresh line, as the stand-ins do (a damaged text can start one mid-line).
  const atLineStart = (o: number) => o === 0 || old.charCodeAt(o - 1) === 10;
  const starts = items.map(firstOffset);
  if (starts.some((o) => o === undefined)) return null;
  // The mapping ends where what follows it in the lossless tree begins.
  const docAt = prev.tokens.indexOf(top.doc);
  const mapEnd = top.doc.end?.[0]?.offset ?? prev.tokens[docAt + 1]?.offset ?? old.length;
  // The item holding the whole edit, strictly inside it: an edit at an item's first character could
  // join it to the item before (an indent, a deleted newline).
  if (oldEnd < starts[0]!) return relexFront(prev.tokens, top, next.slice(0, starts[0]! + delta), '', 0, delta);
  if (starts.length < 2) return null;
  if (oldEnd < starts[1]!) {
    if (!atLineStart(starts[1]!)) return null;
    return relexFront(prev.tokens, top, next.slice(0, starts[1]! + delta), sourceOf(items[1]!.start), 1, delta);
  }
  // The last item lexes up to the end of the text: only when nothing follows the mapping.
  const endsText = mapEnd === old.length && !top.doc.end?.length && prev.tokens.at(-1) === top.doc;
  const i = starts.findIndex((a, n) => n > 0 && a! < p && (n + 1 < starts.length ? oldEnd < starts[n + 1]! : endsText && oldEnd <= mapEnd));
  if (i < 0) return null;
  const a = starts[i]!;
  const last = i === items.length - 1;
  // Both ends on a fresh line, as the stand-ins are.
  if (!atLineStart(a) || (!last && !atLineStart(starts[i + 1]!))) return null;
  const chunk = next.slice(a, (last ? mapEnd : starts[i + 1]!) + delta);
  // The next item's leading comments and blank lines decide where this item ends (e.g. `|+` keeps them).
  const lead = last ? '' : sourceOf(items[i + 1]!.start);
  const fragment = STAND_IN + chunk + lead + (last ? '' : STAND_IN);

  let tokens: CST.Token[];
  try {
    tokens = lexAll(fragment);
  } catch {
    return null; // nested too deeply to lex: the full parse reports it
  }
  const fresh = topMap(tokens);
  if (!fresh || tokens.length !== 1 || fresh.doc.start.length || fresh.doc.end?.length) return null;
  const got = fresh.map.items;
  if (got.length !== (last ? 2 : 3) || !isStandIn(got[0]!, '') || CST.stringify(got[1]!) !== chunk) return null;
  if (!last && !isStandIn(got[2]!, lead)) return null;
  // The item starts with its key at column 0, as the item it replaces did; indented content first would
  // belong to the item before in the full text (a nested mapping there), not to a stand-in's scalar.
  const key = got[1]!.key;
  if (!key || fragment.charCodeAt(key.offset - 1) !== 10 || !sound(tokens)) return null;

  // Splice: the new item at the edit, everything after it moved by the length change.
  const item = got[1]!;
  shift(item, a - STAND_IN.length);
  for (const later of items.slice(i + 1)) shift(later, delta);
  items[i] = item;
  for (const t of prev.tokens.slice(docAt + 1)) shift(t, delta);
  if (top.doc.end) shift(top.doc.end, delta);
  return prev.tokens;
}
