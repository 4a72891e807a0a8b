/**
 * Every command that takes protocol text, over the hostile fixtures and seeded random mutations of the
 * templates, through the built CLI: a known exit code, an end well within the hang guard, no stack
 * trace, the same verdict as `validate` (what validate calls unreadable, no other command uses), and
 * nothing committed to the workspace. The sample is bounded and seeded, so a failure reproduces.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/store/workspace';
import { runCli, type CliRun } from '../cli/run-cli';
import { billionLaughs } from '../core/parse/hostile-inputs';
import { mutate, seeded } from './mutate';

const FIXTURES = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
/**
 * A hang guard, not a speed figure: 5 s per run (before the gate the binder spent 8–10 s on an alias bomb or
 * deep nesting), stretched by how much slower than usual (~60 ms) Node itself starts on this machine right
 * now — a two-core machine loaded twentyfold starts Node in 400 ms and runs everything that much slower.
 */
function hangGuardMs(): number {
  const starts = Array.from({ length: 3 }, () => {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  return Math.min(60_000, 5_000 * Math.max(1, starts[1]! / 60));
}
const HANG_GUARD_MS = hangGuardMs();
const SEED = 20_261_202;
const MUTANTS = 4;

const dir = mkdtempSync(join(tmpdir(), 'ps-fuzz-'));
const db = join(dir, 'ws.sqlite');
const env = { PROTOCOL_STUDIO_AUTHOR: 'Fuzz Tester' };
const cli = (argv: string[]): Promise<CliRun> => runCli(argv, { cwd: dir, env, timeoutMs: HANG_GUARD_MS });

/** Hostile inputs made here (big or binary ones are not committed), plus every file in test/fixtures/hostile. */
function hostileInputs(): string[] {
  const made: Record<string, string | Buffer> = {
    'bomb.yaml': billionLaughs(),
    'deep.yaml': '['.repeat(10_000),
    'deep-map.yaml': Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
    'binary.yaml': Buffer.from(Uint8Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256)),
    'latin1.yaml': Buffer.concat([Buffer.from('schemaVersion: 1\nmetadata:\n  title: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    'nul.yaml': 'schemaVersion: 1\nmetadata:\n  title: "a\0b"\n',
    'merge-key.yaml': 'base: &b {x: 1}\nmetadata:\n  <<: *b\n',
    'list.yaml': '- schemaVersion: 1\n',
    'empty.yaml': '',
  };
  for (const [name, content] of Object.entries(made)) writeFileSync(join(dir, name), content);
  const fixtures = readdirSync(FIXTURES).filter((f) => /\.ya?ml$/.test(f));
  for (const f of fixtures) copyFileSync(join(FIXTURES, f), join(dir, `fixture-${f}`));
  return [...Object.keys(made), ...fixtures.map((f) => `fixture-${f}`)];
}

/** Seeded mutations of the bundled templates: some still read as protocols, most do not. */
function mutantInputs(): string[] {
  const random = seeded(SEED);
  const templates = readdirSync(TEMPLATES).filter((f) => f.endsWith('.protocol.yaml')).sort();
  return Array.from({ length: MUTANTS }, (_, i) => {
    const template = templates[i % templates.length]!;
    const { text, how } = mutate(readFileSync(join(TEMPLATES, template), 'utf8'), random);
    const name = `mutant-${i}-${how}.yaml`;
    writeFileSync(join(dir, name), text);
    return name;
  });
}

function expectNoCrash(r: CliRun, what: string): void {
  expect(r.stderr, what).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(r.stderr, what).not.toMatch(/node:internal|Unhandled|TypeError|RangeError|Maximum call stack/);
}

interface Verdict {
  file: string;
  hostile: boolean;
  /** validate found YAML-* or SCHEMA-* errors: no other command may use the text. */
  unreadable: boolean;
  /** validate found YAML-* errors: even migrate (which reads older schemas) must refuse it. */
  unreadableYaml: boolean;
}

let verdicts: Verdict[] = [];
const random = seeded(SEED + 1);

/** Runs `jobs` at a time (two cores): the runs are independent processes. */
async function inTurns<T>(items: T[], run: (item: T) => Promise<void>, width = 2): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

beforeAll(async () => {
  const hostile = hostileInputs();
  const inputs = [...hostile, ...mutantInputs()];
  copyFileSync(join(TEMPLATES, 'rtt-kat-12-week.protocol.yaml'), join(dir, 'base.yaml'));
  const ws = Workspace.open(db);
  try {
    ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: readFileSync(join(dir, 'base.yaml'), 'utf8') }, id: 'fuzz', author: 'Someone Else' });
  } finally {
    ws.close();
  }
  // One validate run over every input gives the verdict each other command must agree with.
  const validate = await runCli(['validate', '--format', 'json', ...inputs], { cwd: dir, env, timeoutMs: 3 * HANG_GUARD_MS });
  expectNoCrash(validate, 'validate');
  expect([0, 1]).toContain(validate.code);
  const results = JSON.parse(validate.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; severity: string }> }>;
  expect(results.map((r) => r.file)).toEqual(inputs);
  verdicts = results.map(({ file, diagnostics }) => {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    return { file, hostile: hostile.includes(file), unreadable: errors.some((d) => /^(YAML|SCHEMA)-/.test(d.code)), unreadableYaml: errors.some((d) => d.code.startsWith('YAML-')) };
  });
}, 300_000);

const COMMANDS: Record<string, (file: string) => string[]> = {
  binder: (file) => ['binder', file, '-o', `${file}.html`],
  diff: (file) => ['diff', 'base.yaml', file],
  'diff --text': (file) => ['diff', '--text', file, 'base.yaml'],
  rebase: (file) => ['rebase', '--old-base', 'base.yaml', '--new-base', file, '--site', 'base.yaml'],
  migrate: (file) => ['migrate', file, '--check'],
};

describe('every command over hostile and mutated protocol text', () => {
  it('refuses what validate refuses, with exit 1 or 2, in time, without a stack trace', async () => {
    expect(verdicts.filter((v) => v.hostile).every((v) => v.unreadable)).toBe(true);
    // Every hostile input through every command; each mutant through the binder and one command drawn by the seed.
    // (diff --text shares diff's reading, so only mutants draw it.)
    const names = Object.keys(COMMANDS);
    const everyOne = names.filter((n) => n !== 'diff --text');
    const runs = verdicts.flatMap((v) => (v.hostile ? everyOne : [names[Math.floor(random() * names.length)]!, 'binder']).map((name) => ({ v, name })));
    await inTurns(runs, async ({ v, name }) => {
      const r = await cli(COMMANDS[name]!(v.file));
      const what = `${name} ${v.file}`;
      expectNoCrash(r, what);
      expect([0, 1, 2], what).toContain(r.code);
      // What a prototype key carries never reaches a diff, a merge or a binder.
      expect(r.stdout, what).not.toContain('polluted');
      // migrate reads documents of older schemas, so only YAML-level refusals bind it.
      if (name === 'migrate' ? v.unreadableYaml : v.unreadable) {
        expect(r.code, what).toBe(2);
        expect(r.stderr, what).toMatch(/refused .*: it does not read as a protocol\n {2}\S+:\d+:\d+: error (YAML|SCHEMA)-/);
      }
    });
  }, 600_000);

  it('commits nothing that validate calls unreadable (a draft may hold it; a version may not)', async () => {
    const history = () => {
      const ws = Workspace.open(db);
      try {
        return ws.history('fuzz').length;
      } finally {
        ws.close();
      }
    };
    const before = history();
    // A seeded sample: the store's own tests cover its gate in depth; this checks the command end to end.
    const sample = verdicts.filter((v) => v.unreadable).sort(() => random() - 0.5).slice(0, 4);
    let refused = 0;
    for (const { file } of sample) {
      const draft = await cli(['workspace', '--db', 'ws.sqlite', 'draft', 'fuzz', file]);
      expectNoCrash(draft, `draft ${file}`);
      const commit = await cli(['workspace', '--db', 'ws.sqlite', 'commit', 'fuzz', '-m', `fuzz ${file}`]);
      expectNoCrash(commit, `commit ${file}`);
      if (draft.code === 0) {
        expect([1, 2], `commit ${file}`).toContain(commit.code);
        refused++;
      }
      expect(history(), `commit ${file}`).toBe(before);
    }
    expect(refused).toBeGreaterThan(0);
  }, 600_000);
});
