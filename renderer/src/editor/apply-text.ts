/** Writes a new text into the editor as one undoable edit covering only what changed (cursor and scroll stay). */
import type { MonacoApi } from './monaco';
import { monaco } from './monaco';

export function applyTextEdit(editor: MonacoApi.editor.IStandaloneCodeEditor, next: string, source: string): void {
  const model = editor.getModel();
  if (!model) return;
  const current = model.getValue();
  if (current === next) return;
  let head = 0;
  while (head < current.length && head < next.length && current[head] === next[head]) head++;
  let tail = 0;
  while (tail < current.length - head && tail < next.length - head && current[current.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  const range = monaco.Range.fromPositions(model.getPositionAt(head), model.getPositionAt(current.length - tail));
  editor.pushUndoStop();
  editor.executeEdits(source, [{ range, text: next.slice(head, next.length - tail) }]);
  editor.pushUndoStop();
}
