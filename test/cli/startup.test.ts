/** What a command loads: `--help` and `validate` must not pull in the store, the PDF stack or the binder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { SUMMARIES } from '../../main/cli/index';
import { ensureBuiltCli, ROOT } from './run-cli';

// Each test runs the built CLI several times as child processes: on a loaded two-core machine that
// outlasts the default 30 s, so this is the hang guard here (no figure is asserted).
vi.setConfig({ testTimeout: 120_000 });

const HOOK = fileURLToPath(new URL('./fixtures/record-imports.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ps-startup-'));
const HEAVY = /better-sqlite3|playwright|pdfjs|\/(binder|workspace|review|qi-report|rebase|diff)-[A-Z0-9]{8}\.mjs/;

function loadedBy(argv: string[]): { status: number | null; stdout: string; modules: string[] } {
  const record = join(dir, `${argv.join('_').replace(/\W/g, '')}.txt`);
  const r = spawnSync(process.execPath, ['--import', HOOK, ensureBuiltCli(), ...argv], { cwd: ROOT, encoding: 'utf8', env: { RECORD_IMPORTS: record } });
  return { status: r.status, stdout: r.stdout, modules: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

describe('start-up of the built CLI', () => {
  it('--help lists every command from its own summary without loading one', async () => {
    const help = loadedBy(['--help']);
    expect(help.status).toBe(0);
    expect(help.modules.some((m) => m.endsWith('/out/cli/run.mjs'))).toBe(true);
    expect(help.modules.filter((m) => HEAVY.test(m) || /\/(validate|schema|migrate)-[A-Z0-9]{8}\.mjs/.test(m))).toEqual([]);
    const listed = [...help.stdout.matchAll(/^ {2}([\w-]+) +(.+)$/gm)].map((m): [string, string] => [m[1]!, m[2]!]);
    expect(listed.length).toBeGreaterThanOrEqual(9);
    // The help text's summaries are the commands' own: a command that changes its summary changes this list.
    for (const [name, summary] of listed) {
      const mod = (await import(`../../main/cli/commands/${name}.ts`)) as { default: { summary: string } };
      expect(summary, name).toBe(mod.default.summary);
      expect(SUMMARIES[name] ?? summary, name).toBe(mod.default.summary);
    }
  });

  it('validate loads neither the store, the PDF stack nor the binder, and no schema compiler', () => {
    const run = loadedBy(['validate', 'templates/rtt-kat-12-week.protocol.yaml']);
    expect(run.status).toBe(0);
    expect(run.modules.filter((m) => HEAVY.test(m))).toEqual([]);
    // ajv's compiler is not bundled: the validator is standalone code generated at build time.
    const chunks = run.modules.filter((m) => m.includes('/out/cli/')).map((m) => readFileSync(fileURLToPath(m), 'utf8'));
    expect(chunks.some((c) => /\/\/ precompiled:compile-schema\n/.test(c))).toBe(true);
    expect(chunks.some((c) => /new Ajv|\.compile\(schema\)/.test(c))).toBe(false);
  });
});

describe('the precompiled schema validator', () => {
  it('reports exactly what the schema compiled at run time reports', async () => {
    const { validateBytes } = await import('../../main/core/validate');
    const { diagnosticToJson } = await import('../../main/core/diagnostics/diagnostic');
    const { BASE } = await import('../core/validate/fixture');
    const docs: Record<string, string> = {
      'typo.yaml': BASE.replace('      max: 1.5\n', '      maxDose: 1.5\n'),
      'types.yaml': BASE.replace('min: 0.5', 'min: "half"').replace('status: draft', 'status: drafted'),
      'missing.yaml': 'schemaVersion: 1\nmetadata: {id: x}\n',
      'template.yaml': readFileSync(join(ROOT, 'templates/first-responder-6-week.protocol.yaml'), 'utf8').replace(/weeks: 6/, 'weeks: -6'),
    };
    const { writeFileSync } = await import('node:fs');
    for (const [name, text] of Object.entries(docs)) writeFileSync(join(dir, name), text);
    const r = spawnSync(process.execPath, [ensureBuiltCli(), 'validate', '--format', 'json', ...Object.keys(docs)], { cwd: dir, encoding: 'utf8', env: {} });
    const built = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: unknown[] }>;
    for (const f of built) {
      const expected = validateBytes(Buffer.from(docs[f.file]!)).diagnostics.map(diagnosticToJson);
      expect(f.diagnostics, f.file).toEqual(expected);
      expect(expected.some((d) => (d as { code: string }).code.startsWith('SCHEMA-')), f.file).toBe(true);
    }
  });
});
