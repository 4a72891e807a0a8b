/** Hostile files through the real `protocol-studio` binary: located diagnostics, right exit codes, no stack traces. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { billionLaughs } from '../core/parse/hostile-inputs';

// Many hostile files through the CLI in one test: on a loaded two-core machine that outlasts the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

const BIN = fileURLToPath(new URL('../../bin/protocol-studio.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
let dir: string;

function studio(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  expect(r.error).toBeUndefined(); // finished (no timeout) and could start
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
  return r;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ps-hostile-'));
  // Big and binary inputs are generated here rather than committed.
  const files: Record<string, string | Buffer> = {
    'bomb.yaml': billionLaughs(),
    'deep.yaml': '['.repeat(10_000),
    'keys.yaml': Array.from({ length: 200_000 }, (_, i) => `k${i}: ${i}`).join('\n'),
    'long-line.yaml': `schemaVersion: 1\nmetadata: ${'x'.repeat(2_000_000)}\n`,
    'binary.yaml': Buffer.from(Uint8Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256)),
    'latin1.yaml': Buffer.concat([Buffer.from('schemaVersion: 1\nmetadata:\n  title: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    'nul.yaml': 'schemaVersion: 1\nmetadata:\n  title: "a\0b"\n',
    'list.yaml': '- schemaVersion: 1\n',
    'empty.yaml': '',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
});

describe('hostile input through the CLI', () => {
  it('reports every hostile file with a located diagnostic and exits 1', () => {
    const names = ['bomb', 'deep', 'keys', 'long-line', 'binary', 'latin1', 'nul', 'list', 'empty'].map((n) => `${n}.yaml`);
    const fixtures = ['custom-tags', 'prototype-keys', 'duplicate-keys', 'multi-doc'].map((n) => join(FIXTURES, `${n}.yaml`));
    const r = studio('validate', ...names, ...fixtures);
    expect(r.status).toBe(1);
    const expected: Array<[string, string, number]> = [
      ['bomb.yaml', 'YAML-ALIAS-LIMIT', 6],
      ['deep.yaml', 'YAML-TOO-DEEP', 1],
      ['keys.yaml', 'YAML-TOO-LARGE', 100_001],
      ['long-line.yaml', 'SCHEMA-TYPE', 2],
      ['binary.yaml', 'YAML-BINARY', 1],
      ['latin1.yaml', 'YAML-INVALID-UTF8', 3],
      ['nul.yaml', 'YAML-NUL', 3],
      ['list.yaml', 'YAML-ROOT-NOT-MAPPING', 1],
      ['empty.yaml', 'YAML-EMPTY', 1],
      ['custom-tags.yaml', 'YAML-UNKNOWN-TAG', 4],
      ['prototype-keys.yaml', 'YAML-UNSAFE-KEY', 2],
      ['duplicate-keys.yaml', 'YAML-DUPLICATE-KEY', 8],
      ['multi-doc.yaml', 'YAML-MULTI-DOC', 4],
    ];
    for (const [file, code, line] of expected) {
      expect(r.stdout, `${file} ${code}`).toMatch(new RegExp(`${file.replace('.', '\\.')}:${line}:\\d+: error ${code} `));
    }
    expect(r.stdout).toMatch(/latin1\.yaml:3:13: error YAML-INVALID-UTF8 Invalid UTF-8 at byte 39/);
    expect(r.stderr).toMatch(/^13 files checked: \d+ errors/m);
  });

  it('prints hostile results as JSON too', () => {
    const r = studio('validate', '--format', 'json', 'bomb.yaml', join(FIXTURES, 'prototype-keys.yaml'));
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; range: { start: { line: number } } }> }>;
    expect(out.map((f) => f.diagnostics.find((d) => d.code.startsWith('YAML-'))?.code)).toEqual(['YAML-ALIAS-LIMIT', 'YAML-UNSAFE-KEY']);
  });

  it('exits 2 without a stack trace for a missing file or a folder without protocols', () => {
    mkdirSync(join(dir, 'empty'));
    const r = studio('validate', 'missing.yaml', 'empty');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing.yaml: no such file');
    expect(r.stderr).toContain('empty: is a directory with no .yaml or .yml files');
  });
});
