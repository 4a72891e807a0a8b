import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../main/core/parse';
import { BASE, posOf } from '../core/validate/fixture';
import { runCli, type CliRun } from './run-cli';

// Each test runs the built CLI several times as child processes: on a loaded two-core machine that
// outlasts the default 30 s, so this is the hang guard here (no figure is asserted).
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
const TYPO = BASE.replace('      max: 1.5\n', '      maxDose: 1.5\n');
const TEMPLATE = new URL('../../templates/rtt-kat-12-week.protocol.yaml', import.meta.url);

const cli = (argv: string[]): Promise<CliRun> => runCli(argv, { cwd: dir, stdin: TYPO });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ps-validate-'));
  writeFileSync(join(dir, 'typo.protocol.yaml'), TYPO);
  writeFileSync(join(dir, 'tabs.protocol.yaml'), 'metadata:\n\tid: x\n');
  writeFileSync(join(dir, 'template.protocol.yaml'), readFileSync(TEMPLATE));
});

describe('protocol-studio validate', () => {
  it('prints FILE:LINE:COL: SEVERITY CODE message per problem and a summary on stderr; exit 1 on errors', async () => {
    const r = await cli(['validate', 'typo.protocol.yaml', 'tabs.protocol.yaml']);
    expect(r.code).toBe(1);
    const { line, column } = posOf(TYPO, 'maxDose');
    expect(r.stdout).toContain(`typo.protocol.yaml:${line}:${column}: error SCHEMA-UNKNOWN-KEY Unknown key "maxDose" in Dose by route (im) — did you mean "max"?\n`);
    expect(r.stdout).toContain('tabs.protocol.yaml:2:1: error YAML-TAB Tab used for indentation\n');
    expect(r.stdout.split('\n').filter(Boolean).every((l) => /^[\w.-]+\.yaml:\d+:\d+: (error|warning|info) [A-Z]+-[A-Z0-9-]+ \S/.test(l))).toBe(true);
    expect(r.stderr).toMatch(/^2 files checked: \d+ errors?/);
  });

  it('prints JSON with 1-based ranges, help and paths', async () => {
    const r = await cli(['validate', '--format', 'json', 'typo.protocol.yaml']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
    expect(out).toHaveLength(1);
    expect(out[0]!.file).toBe('typo.protocol.yaml');
    const d = out[0]!.diagnostics.find((x) => x.code === 'SCHEMA-UNKNOWN-KEY')!;
    expect(Object.keys(d)).toEqual(['severity', 'code', 'message', 'help', 'path', 'range']);
    const { line, column } = posOf(TYPO, 'maxDose');
    expect(d).toMatchObject({ severity: 'error', path: ['medicineSessions', 'routes', 0, 'maxDose'], range: { start: { line, column }, end: { line, column: column + 7 } } });
    expect(d.help).toMatch(/typo in a dose field/);
  });

  it('exits 0 for a bundled template (no errors) and reads standard input with -', async () => {
    const ok = await cli(['validate', '--format=text', 'template.protocol.yaml']);
    expect(ok.stdout.split('\n').filter((l) => / error /.test(l))).toEqual([]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/^1 file checked: /);
    const stdin = await cli(['validate', '-']);
    expect(stdin.code).toBe(1);
    expect(stdin.stdout).toMatch(/^-:\d+:\d+: /m);
  });

  it('exits 2 for usage errors and unreadable files, still checking the readable ones', async () => {
    expect((await cli(['validate'])).code).toBe(2);
    const badFormat = await cli(['validate', '--format', 'xml', 'typo.protocol.yaml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format must be text or json/);
    expect((await cli(['validate', '--strict', 'typo.protocol.yaml'])).code).toBe(2);
    const missing = await cli(['validate', 'nope.yaml', 'typo.protocol.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: no such file');
    expect(missing.stdout).toContain('typo.protocol.yaml:');
    mkdirSync(join(dir, 'empty'), { recursive: true });
    const directory = await cli(['validate', 'empty']);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('empty: is a directory with no .yaml or .yml files');
    const noMatch = await cli(['validate', 'nowhere/*.yaml', 'typo.protocol.yaml']);
    expect(noMatch.code).toBe(2);
    expect(noMatch.stderr).toContain('nowhere/*.yaml: no file matches this pattern');
    expect(noMatch.stderr).toMatch(/^1 file checked: .*; 1 could not be read$/m);
  });

  it('checks a folder (at any depth) or a quoted glob, in a stable order, with threads or without', async () => {
    // 40 files from scratch: a clean protocol, one with a typo, one with a tab, in nested folders.
    const tree = join(dir, 'site-protocols');
    const names: string[] = [];
    for (let i = 0; i < 40; i++) {
      const sub = i % 2 ? 'nested/deeper' : 'top';
      mkdirSync(join(tree, sub), { recursive: true });
      const name = `${sub}/p${String(i).padStart(2, '0')}.${i % 5 ? 'yaml' : 'yml'}`;
      writeFileSync(join(tree, name), i % 7 === 3 ? TYPO : i % 11 === 5 ? 'metadata:\n\tid: x\n' : BASE);
      names.push(name);
    }
    mkdirSync(join(tree, '.git'), { recursive: true });
    writeFileSync(join(tree, '.git', 'hidden.yaml'), 'a: [1\n');
    writeFileSync(join(tree, 'notes.txt'), 'not a protocol');
    const sorted = [...names].sort();

    const one = await cli(['validate', 'site-protocols', '--jobs', '1', '--format', 'json']);
    const many = await cli(['validate', 'site-protocols/', '--jobs', '2', '--format', 'json']);
    expect(one.code).toBe(1);
    expect(many.code).toBe(1);
    const files = (r: CliRun) => (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file);
    expect(files(one)).toEqual(sorted.map((n) => `site-protocols/${n}`));
    expect(many.stdout).toBe(one.stdout);
    expect(one.stderr).toMatch(/^40 files checked: /);
    const typos = (JSON.parse(one.stdout) as Array<{ file: string; diagnostics: Array<{ code: string }> }>).filter((f) => f.diagnostics.some((d) => d.code === 'SCHEMA-UNKNOWN-KEY'));
    const typoNames = names.filter((_, i) => i % 7 === 3).sort();
    expect(typos.map((f) => f.file)).toEqual(typoNames.map((n) => `site-protocols/${n}`));

    // A quoted glob is expanded here; files named in the arguments keep the order they were given in.
    const glob = await cli(['validate', 'site-protocols/top/*.yml', 'typo.protocol.yaml']);
    const order = [...new Set(glob.stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0]))];
    expect(order.at(-1)).toBe('typo.protocol.yaml');
    expect(glob.stderr).toMatch(/^5 files checked: /);
    expect((await cli(['validate', 'site-protocols', '--jobs', '0'])).code).toBe(2);
  });

  it('refuses a file past the size limit without reading it', async () => {
    writeFileSync(join(dir, 'huge.yaml'), '');
    truncateSync(join(dir, 'huge.yaml'), LIMITS.maxBytes + 1); // sparse: nothing is written
    const r = await cli(['validate', 'huge.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^huge\.yaml:1:1: error YAML-TOO-LARGE The file is larger than 10 MB \(10,485,761 bytes\)\n$/);
  });
});

describe('protocol-studio schema', () => {
  it('prints the absolute path of the schema, or the schema itself with --print', async () => {
    const path = await cli(['schema']);
    expect(path.code).toBe(0);
    const file = path.stdout.trim();
    expect(isAbsolute(file)).toBe(true);
    expect(file.endsWith('protocol.schema.json')).toBe(true);
    const printed = await cli(['schema', '--print']);
    expect(JSON.parse(printed.stdout)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    expect((await cli(['schema', '--help'])).stdout).toContain('# yaml-language-server: $schema=');
    expect((await cli(['schema', '--bogus'])).code).toBe(2);
  });

  it("applies a site's reference values and rule selection", async () => {
    // The RTT template allows IM up to 1.5 mg/kg; a site whose medical lead set 1.2 sees DOSE-01 fire.
    writeFileSync(join(dir, 'site-reference.json'), JSON.stringify({ dose: { ketamine: { IM: { max: 1.2 } } } }));
    const plain = await cli(['validate', 'template.protocol.yaml']);
    expect(plain.stdout).not.toContain('DOSE-01');
    const site = await cli(['validate', 'template.protocol.yaml', '--reference', 'site-reference.json']);
    expect(site.stdout).toMatch(/warning DOSE-01 IM maximum dose 1\.5 mg\/kg is above the 1\.2 mg\/kg/);
    expect((await cli(['validate', 'template.protocol.yaml', '--reference=site-reference.json', '--disable', 'DOSE-01'])).stdout).not.toContain('DOSE-01');
    // SETT-02 is opt-in: the template's IM route at a BC community clinic is what it is for.
    expect(plain.stdout).not.toContain('SETT-02');
    expect((await cli(['validate', 'template.protocol.yaml', '--enable', 'SETT-02'])).stdout).toContain('warning SETT-02');
    expect((await cli(['validate', 'template.protocol.yaml', '--all-rules'])).stdout).toContain('SETT-02');
  });

  it('refuses unknown rules and unreadable reference files as usage errors', async () => {
    expect((await cli(['validate', 'template.protocol.yaml', '--enable', 'DOSE-99'])).code).toBe(2);
    expect((await cli(['validate', 'template.protocol.yaml', '--reference', 'missing.json'])).code).toBe(2);
    writeFileSync(join(dir, 'list.json'), '[1, 2]');
    expect((await cli(['validate', 'template.protocol.yaml', '--reference', 'list.json'])).stderr).toContain('expected a JSON object');
    // A misspelt key would otherwise leave the bundled limit in force without a word.
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ dose: { ketamine: { IM: { mx: 1.2 } } } }));
    const typo = await cli(['validate', 'template.protocol.yaml', '--reference', 'typo.json']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('dose.ketamine.IM.mx is not a reference value');
  });
});

