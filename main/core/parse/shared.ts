/**
 * The last few texts parsed for checking, shared by validation and the sacred-content strip: an autosave
 * saves the text the last keystroke's check just parsed, and undo returns to a recent text. Parsing is
 * most of a check's cost (tens of ms for 2,000 lines); a hit is a Map lookup. Callers treat the result as
 * read-only (the strip clones the Document before editing it).
 */
import { parseProtocol, type ParsedProtocol } from './parse';

const KEEP = 3;
const recent = new Map<string, ParsedProtocol>();

export function parseProtocolShared(text: string): ParsedProtocol {
  const hit = recent.get(text);
  if (hit) {
    recent.delete(text);
    recent.set(text, hit);
    return hit;
  }
  const parsed = parseProtocol(text);
  recent.set(text, parsed);
  if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return parsed;
}
