/** The one diagnostic model shared by the CLI, the editor markers and the binder. */

export type Severity = 'error' | 'warning' | 'info';

/** 1-based line and column, as editors and `FILE:LINE:COL` print them. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type PathSegment = string | number;

export interface Diagnostic {
  severity: Severity;
  /** Stable code: YAML-*, SCHEMA-*, or a rule id such as DOSE-01. */
  code: string;
  /** What is wrong, in the protocol's words. */
  message: string;
  /** Why it matters and the source it rests on. */
  help: string;
  /** JSON path of the offending node (keys and list indices). */
  path: PathSegment[];
  range: Range;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sort by position, then severity, so every consumer lists problems the same way. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `FILE:LINE:COL: SEVERITY CODE message` — the CLI's text format. */
export function formatDiagnosticLine(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.code} ${d.message}`;
}

/** The JSON shape the CLI prints and tools consume: fixed key order, 1-based positions. */
export function diagnosticToJson(d: Diagnostic): Diagnostic {
  return { severity: d.severity, code: d.code, message: d.message, help: d.help, path: d.path, range: d.range };
}

/** "2 errors, 1 warning" — counts by severity, omitting zeros; "no problems" when empty. */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  const parts = (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s === 'info' ? 'info' : counts[s] === 1 ? s : `${s}s`}`);
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}
