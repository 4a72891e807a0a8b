/**
 * The last few texts parsed for checking, shared by validation and the sacred-content strip: an autosave
 * saves the text the last keystroke's check just parsed, and undo returns to a recent text. Parsing is
 * most of a check's cost (tens of ms for 2,000 lines); a hit is a Map lookup. Callers treat the result as
 * read-only (the strip clones the Document before editing it). A miss lexes only the top-level section
 * that differs from the text lexed before (incremental.ts).
 */
import type { CST } from 'yaml';
import { hasError, relex } from './incremental';
import { lexAll, parseProtocol, type ParsedProtocol } from './parse';

const KEEP = 3;
const recent = new Map<string, ParsedProtocol>();
/**
 * The token tree of the last sound text parsed here (no syntax error, in the tokens or when composed):
 * the next text re-lexes only what differs from it, and takes it over. While a text is damaged, the next
 * one is compared with the last sound one (often differing in the same section only).
 */
let base: { text: string; tokens: CST.Token[] } | null = null;

export function parseProtocolShared(text: string): ParsedProtocol {
  const hit = recent.get(text);
  if (hit) {
    recent.delete(text);
    recent.set(text, hit);
    return hit;
  }
  let lexed: { text: string; tokens: CST.Token[]; spliced: boolean } | undefined;
  const parsed = parseProtocol(text, (t) => {
    let tokens: CST.Token[] | null = null;
    try {
      tokens = base ? relex(base, t) : null;
    } catch {
      base = null; // a splice that failed its own checks unexpectedly may have changed the base: drop it
    }
    if (tokens) base = null; // taken over; a refused splice leaves the base as it was
    lexed = { text: t, tokens: tokens ?? lexAll(t), spliced: !!tokens };
    return lexed.tokens;
  });
  // An item left without its value (no error token, but a composer error) would change how the next one
  // lexes. A spliced tree holds no error token (relex checks the part it lexed), so only a full one is walked.
  const l = lexed as typeof lexed; // assigned in the callback, which TypeScript cannot see
  if (l && parsed.document?.errors.length === 0 && (l.spliced || !hasError(l.tokens))) base = { text: l.text, tokens: l.tokens };
  recent.set(text, parsed);
  if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return parsed;
}
