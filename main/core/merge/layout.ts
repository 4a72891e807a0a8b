/**
 * Keeps the site's own layout. Printing a yaml Document re-aligns inline comments and re-folds prose
 * everywhere, so only the regions the edit touched are taken from the print:
 *   R = print of the untouched document, O = the original text, P = print of the edited document.
 * R→P says which lines the edit changed; R→O says where the original layout differs from a print.
 * Regions touched by R→P (grown to cover any R→O difference they meet) come from P, the rest from O.
 * The result is used only when it parses to exactly the edited value; otherwise P is returned.
 */
import type { Document } from 'yaml';
import { longestIncreasingByNew } from '../diff/match';
import { documentValue } from '../diff/parse-text';
import { parseProtocol } from '../parse';
import { deepEqual } from '../diff/values';
import { PRINT_OPTIONS } from './nodes';

interface Block {
  /** Lines [rStart, rEnd) of R, replaced in the other text by (rEnd - rStart + delta) lines. */
  rStart: number;
  rEnd: number;
  delta: number;
}

/**
 * `reprinted` is `print(document of originalText)` taken before the edit; `edited` is that document after
 * it, and `editedValue` its plain value when the caller already has it.
 */
export function printKeepingLayout(originalText: string, reprinted: string, edited: Document, editedValue?: unknown): string {
  const printed = print(edited);
  if (reprinted === printed) return originalText;
  const spliced = splice(lines(reprinted), lines(originalText), lines(printed));
  if (spliced === printed) return printed;
  const check = parseProtocol(spliced);
  return check.readable && deepEqual(check.value, editedValue ?? documentValue(edited, 'merged')) ? spliced : printed;
}

export function print(doc: Document): string {
  return doc.toString(PRINT_OPTIONS);
}

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/**
 * Line alignment in the manner of patience diff: lines unique in both texts anchor it (their longest
 * in-order run), and each stretch between anchors that is not identical, less its common ends, is a block.
 * Linear-ish where Myers diff is quadratic on texts that differ throughout (a re-folded document).
 */
function alignLines(a: readonly string[], b: readonly string[]): Block[] {
  const count = new Map<string, { a: number; b: number; i: number; j: number }>();
  a.forEach((line, i) => {
    const c = count.get(line) ?? { a: 0, b: 0, i, j: -1 };
    c.a++;
    count.set(line, c);
  });
  b.forEach((line, j) => {
    const c = count.get(line);
    if (c) {
      c.b++;
      c.j = j;
    }
  });
  const unique: [number, number][] = [];
  for (const c of count.values()) if (c.a === 1 && c.b === 1) unique.push([c.i, c.j]);
  unique.sort((x, y) => x[0] - y[0]);
  const keep = longestIncreasingByNew(unique);
  const anchors = unique.filter(([, j]) => keep.has(j));
  anchors.push([a.length, b.length]);
  const blocks: Block[] = [];
  let i0 = 0;
  let j0 = 0;
  for (const [i1, j1] of anchors) {
    let s = 0;
    while (i0 + s < i1 && j0 + s < j1 && a[i0 + s] === b[j0 + s]) s++;
    let e = 0;
    while (i1 - e > i0 + s && j1 - e > j0 + s && a[i1 - e - 1] === b[j1 - e - 1]) e++;
    const rStart = i0 + s;
    const rEnd = i1 - e;
    const otherLen = j1 - e - (j0 + s);
    if (rEnd > rStart || otherLen > 0) blocks.push({ rStart, rEnd, delta: otherLen - (rEnd - rStart) });
    i0 = i1 + 1;
    j0 = j1 + 1;
  }
  return blocks;
}

function splice(r: string[], o: string[], p: string[]): string {
  const toO = alignLines(r, o);
  const toP = alignLines(r, p);
  // Regions of R that come from P: every R→P block, merged with any R→O block it touches.
  const regions = toP.map((b) => ({ start: b.rStart, end: b.rEnd }));
  let grew = true;
  while (grew) {
    grew = false;
    for (const reg of regions) {
      for (const b of toO) {
        // Only a layout difference inside the region joins it: one on the next line is left as the site wrote it.
        const overlaps = b.rEnd > b.rStart ? b.rStart < reg.end && b.rEnd > reg.start : reg.start < b.rStart && b.rStart < reg.end;
        if (overlaps && (b.rStart < reg.start || b.rEnd > reg.end)) {
          reg.start = Math.min(reg.start, b.rStart);
          reg.end = Math.max(reg.end, b.rEnd);
          grew = true;
        }
      }
    }
    regions.sort((a, b) => a.start - b.start);
    for (let i = regions.length - 1; i > 0; i--) {
      const prev = regions[i - 1]!;
      const cur = regions[i]!;
      if (cur.start <= prev.end) {
        prev.end = Math.max(prev.end, cur.end);
        regions.splice(i, 1);
        grew = true;
      }
    }
  }
  // Position in P of an R line at a region boundary: P's blocks at the boundary are the region itself.
  const before = (blocks: Block[], x: number) => x + blocks.filter((b) => b.rStart < x).reduce((n, b) => n + b.delta, 0);
  const through = (blocks: Block[], y: number) => y + blocks.filter((b) => b.rStart <= y).reduce((n, b) => n + b.delta, 0);
  // In O, lines the site added at a boundary (blank lines, comments) stay outside the region, as written.
  const oStartOf = (x: number) => x + toO.filter((b) => b.rEnd <= x).reduce((n, b) => n + b.delta, 0);
  const oEndOf = (y: number) => y + toO.filter((b) => b.rStart < y && b.rEnd <= y).reduce((n, b) => n + b.delta, 0);
  const out: string[] = [];
  let oAt = 0;
  for (const reg of regions) {
    const oStart = oStartOf(reg.start);
    out.push(...o.slice(oAt, oStart), ...p.slice(before(toP, reg.start), through(toP, reg.end)));
    oAt = oEndOf(reg.end);
  }
  out.push(...o.slice(oAt));
  return out.join('');
}
