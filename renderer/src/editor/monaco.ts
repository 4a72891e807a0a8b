/**
 * Monaco with the YAML language, monaco-yaml bound to the protocol schema (object, no schema requests),
 * and both workers bundled by Vite (`?worker`), so the strict CSP (no eval, worker-src 'self') holds.
 */
import type * as MonacoApi from 'monaco-editor';
// The editor API, the features the studio uses and YAML only: the full 'monaco-editor' entry would bundle
// every language and worker, and `edcore.main.js` every editor feature.
import * as editorApi from 'monaco-editor/esm/vs/editor/editor.api.js';
import './contributions';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import protocolSchema from '../../../schemas/protocol.schema.json';
import YamlWorker from '../yaml.worker?worker';

const monaco = editorApi as unknown as typeof MonacoApi;

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

/**
 * monaco-yaml (through monaco-worker-manager) creates its worker with the pre-0.54 options
 * `{label, moduleId, createData}`. The package's full entry translates those; the editor API alone does not,
 * so do the same translation here: make the worker, hand it its create data, pass it on.
 */
type LegacyWorkerOptions = { label?: string; moduleId?: string; createData?: unknown; host?: unknown; keepIdleModels?: boolean; worker?: unknown };
const createWebWorker = monaco.editor.createWebWorker as (opts: LegacyWorkerOptions) => unknown;
(monaco.editor as { createWebWorker: unknown }).createWebWorker = (opts: LegacyWorkerOptions) => {
  if (opts.worker !== undefined) return createWebWorker(opts);
  const worker = self.MonacoEnvironment!.getWorker!('workerMain.js', opts.label ?? 'monaco-editor-worker') as Worker;
  worker.postMessage('ignore');
  worker.postMessage(opts.createData);
  return createWebWorker({ worker: Promise.resolve(worker), host: opts.host, keepIdleModels: opts.keepIdleModels });
};

const SCHEMA_URI = 'file:///studio/schemas/protocol.schema.json';

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  schemas: [
    {
      fileMatch: ['**/*.protocol.yaml'],
      // The schema object itself; never fetched. Its URI is where the templates' modeline
      // (`$schema=../schemas/protocol.schema.json`) resolves from a model URI, so both name this schema.
      schema: protocolSchema as never,
      uri: SCHEMA_URI,
    },
  ],
});

monaco.editor.defineTheme('studio-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'type', foreground: '1f5f8b' },
    { token: 'string', foreground: '2f6b3a' },
    { token: 'number', foreground: '8a4b08' },
    { token: 'comment', foreground: '595d63', fontStyle: 'italic' },
  ],
  colors: {
    'editor.background': '#fffdf9',
    'editorLineNumber.foreground': '#5f656e',
    'editorLineNumber.activeForeground': '#2b2f36',
    'editor.lineHighlightBackground': '#f4efe6',
  },
});

/**
 * Options every editor shares. Protocol prose uses ×, –, curly quotes and non-breaking spaces on
 * purpose, so Monaco's unicode highlighting (boxes around "ambiguous" and invisible characters) is noise.
 */
export const SHARED_EDITOR_OPTIONS = {
  theme: 'studio-light',
  automaticLayout: true,
  minimap: { enabled: false },
  wordWrap: 'on',
  fontFamily: "'DejaVu Sans Mono', Menlo, Consolas, 'Noto Sans JP', 'Noto Sans Canadian Aboriginal', monospace",
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
} satisfies MonacoApi.editor.IStandaloneEditorConstructionOptions;

/** Model URIs end in `.protocol.yaml` so the schema's fileMatch applies; one folder below /studio (see SCHEMA_URI). */
export function protocolUri(protocolId: string, variant = 'draft'): MonacoApi.Uri {
  return monaco.Uri.parse(`file:///studio/${variant}/${protocolId}.protocol.yaml`);
}

export { monaco };
export type { MonacoApi };
