/** Core diagnostics (1-based, from main) → Monaco markers under our own owner, beside monaco-yaml's. */
import type { Diagnostic } from '../../../main/contract/api';
import { monaco, type MonacoApi } from './monaco';

export const CORE_OWNER = 'protocol-studio';

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

/** A range Monaco can underline: a zero-width range widens to the rest of the line. */
export function toMonacoRange(model: MonacoApi.editor.ITextModel, d: Diagnostic): MonacoApi.IRange {
  const lines = model.getLineCount();
  const startLine = Math.min(Math.max(1, d.range.start.line), lines);
  const startCol = Math.max(1, d.range.start.column);
  let endLine = Math.min(Math.max(startLine, d.range.end.line), lines);
  let endCol = Math.max(1, d.range.end.column);
  if (endLine === startLine && endCol <= startCol) {
    endLine = startLine;
    endCol = model.getLineMaxColumn(startLine);
  }
  return { startLineNumber: startLine, startColumn: startCol, endLineNumber: endLine, endColumn: endCol };
}

export function setCoreMarkers(model: MonacoApi.editor.ITextModel, diagnostics: Diagnostic[]): void {
  monaco.editor.setModelMarkers(
    model,
    CORE_OWNER,
    diagnostics.map((d) => ({
      ...toMonacoRange(model, d),
      severity: SEVERITY[d.severity],
      code: d.code,
      message: d.message,
      source: 'Protocol Studio',
    })),
  );
}
