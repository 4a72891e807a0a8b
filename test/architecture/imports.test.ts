/**
 * The module map of docs/ARCHITECTURE.md, checked on the real import graph (madge, type imports included):
 * no import cycles; the domain core imports no Electron, store, service or shell code; the renderer reaches
 * main only through the contract; tested code never imports `electron`.
 */
import { readFileSync } from 'node:fs';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

type Graph = Record<string, string[]>;
let graph: Graph;
let cycles: string[][];

beforeAll(async () => {
  const result = await madge(['main', 'renderer/src'], {
    baseDir: process.cwd(),
    fileExtensions: ['ts', 'tsx'],
    tsConfig: 'tsconfig.json',
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  graph = result.obj();
  cycles = result.circular();
}, 60_000);

const edges = (from: (file: string) => boolean) =>
  Object.entries(graph).flatMap(([file, deps]) => (from(file) ? deps.map((dep) => ({ file, dep })) : []));

describe('import graph', () => {
  it('reads the whole tree', () => {
    expect(Object.keys(graph).filter((f) => f.startsWith('main/core/')).length).toBeGreaterThan(50);
    expect(Object.keys(graph).filter((f) => f.startsWith('renderer/src/')).length).toBeGreaterThan(30);
  });

  it('has no import cycles', () => {
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });

  it('keeps the domain core free of the store, services, shells and Electron', () => {
    const bad = edges((f) => f.startsWith('main/core/')).filter(({ dep }) => /^main\/(store|services|electron|cli|host|sync|pdf)\//.test(dep));
    expect(bad).toEqual([]);
  });

  it('lets the renderer reach main only through the contract', () => {
    const bad = edges((f) => f.startsWith('renderer/')).filter(({ dep }) => dep.startsWith('main/') && !dep.startsWith('main/contract/'));
    expect(bad).toEqual([]);
  });

  it('imports electron only from the Electron shell', () => {
    // madge leaves npm packages out of the graph, so the sources are read for the specifier itself.
    const importsElectron = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]electron['"]/;
    const offenders = Object.keys(graph).filter((f) => !f.startsWith('main/electron/') && importsElectron.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    expect(Object.keys(graph).filter((f) => importsElectron.test(readFileSync(f, 'utf8'))).length).toBeGreaterThan(0);
  });
});
