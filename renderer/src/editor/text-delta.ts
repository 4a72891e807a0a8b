/**
 * The one change that turns `from` into `to`: what lies between their common start and common end. A
 * keystroke, a paste or an undo is one such span; the editor sends it instead of the whole text.
 */
export function textDelta(from: string, to: string): { at: number; remove: number; insert: string } {
  const limit = Math.min(from.length, to.length);
  let start = 0;
  while (start < limit && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < limit - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  return { at: start, remove: from.length - start - end, insert: to.slice(start, to.length - end) };
}
