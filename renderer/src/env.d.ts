declare module 'monaco-editor/esm/vs/editor/edcore.main.js';
/** Monaco's Japanese words: sets globalThis._VSCODE_NLS_MESSAGES when loaded (before Monaco's modules run). */
declare module 'monaco-editor/esm/nls.messages.ja.js';
