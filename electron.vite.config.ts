/** electron-vite: main (ESM), sandboxed preload (CommonJS, as sandboxed preloads must be) and the renderer. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.shared';

// import.meta.url, not import.meta.dirname: electron-vite bundles this file and rewrites only the former.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out', 'main'),
      rollupOptions: { input: { index: resolve(root, 'main', 'electron', 'main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out', 'preload'),
      rollupOptions: {
        input: { preload: resolve(root, 'main', 'electron', 'preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig(),
});
