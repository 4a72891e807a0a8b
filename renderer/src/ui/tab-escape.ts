/**
 * Tab indents in the editor, as in any code editor; the usual ways out: Ctrl+M (Monaco's tab-focus mode, on
 * macOS Ctrl+Shift+M) or Escape then Tab, which moves focus to the next (Shift+Tab: previous) control of the page.
 */
import type * as Monaco from 'monaco-editor';
import { i18next } from '../i18n';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Read by screen readers with the editor's name, in the studio's language. */
export const editorKeysHint = (): string => i18next.t('editor.keysHint');

/** The next focusable element before or after `node` in document order, outside it. */
function neighbour(node: HTMLElement, forward: boolean): HTMLElement | null {
  const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !node.contains(el) && el.offsetParent !== null);
  const after = (el: HTMLElement) => !!(node.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  return forward ? (all.find(after) ?? null) : (all.filter((el) => !after(el)).at(-1) ?? null);
}

export function escapeThenTabLeaves(editor: Monaco.editor.IStandaloneCodeEditor, monaco: typeof Monaco): Monaco.IDisposable {
  let armed = false;
  return editor.onKeyDown((e) => {
    if (e.keyCode === monaco.KeyCode.Escape) {
      armed = true;
      return;
    }
    if (armed && e.keyCode === monaco.KeyCode.Tab && !e.ctrlKey && !e.altKey && !e.metaKey) {
      const node = editor.getDomNode();
      const next = node && neighbour(node, !e.shiftKey);
      if (next) {
        e.preventDefault();
        e.stopPropagation();
        next.focus();
      }
    }
    armed = false;
  });
}
