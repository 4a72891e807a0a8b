/** Offsets → 1-based ranges, and the small diagnostic constructor the reader uses. */
import type { LineCounter } from 'yaml';
import type { Diagnostic, PathSegment, Range, Severity } from '../diagnostics/diagnostic';

/** Where file-level problems (empty, too large, binary) are reported. */
export const FILE_START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export function rangeFromOffsets(lc: LineCounter, start: number, end: number = start): Range {
  const s = lc.linePos(Math.max(0, start));
  const e = end > start ? lc.linePos(end) : s;
  return { start: { line: s.line, column: s.col }, end: { line: e.line, column: e.col } };
}

export function yamlDiagnostic(
  code: string,
  message: string,
  help: string,
  range: Range,
  path: PathSegment[] = [],
  severity: Severity = 'error',
): Diagnostic {
  return { severity, code, message, help, path, range };
}
