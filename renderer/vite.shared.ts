/** Renderer build settings shared by `renderer/vite.config.ts` (browser host, e2e) and electron-vite. */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { RENDERER_CSP } from '../main/contract/csp';

// import.meta.url, not import.meta.dirname: electron-vite bundles its config and rewrites only the former per file.
const root = fileURLToPath(new URL('.', import.meta.url));

/** Adds the CSP meta tag to the built page (dev keeps Vite's inline HMR preamble working). */
function cspMeta(): Plugin {
  return {
    name: 'protocol-studio-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      // frame-ancestors only works as a header (the host and Electron send it); browsers ignore it in meta.
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP.replace(/;\s*frame-ancestors [^;]+/, '') }, injectTo: 'head-prepend' },
    ],
  };
}

export function rendererConfig(): UserConfig {
  return {
    root,
    base: './',
    plugins: [react(), cspMeta()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, '..', 'out', 'renderer'),
      emptyOutDir: true,
      target: 'es2022',
      // electron-vite leaves the renderer unminified unless told; both hosts ship the same minified bundle.
      minify: 'esbuild',
      chunkSizeWarningLimit: 8_000,
      rollupOptions: { input: resolve(root, 'index.html') },
    },
  };
}
