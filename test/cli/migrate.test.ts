import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './run-cli';

// Each test runs the built CLI several times as child processes: on a loaded two-core machine that
// outlasts the default 30 s, so this is the hang guard here (no figure is asserted).
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'ps-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const V0 = `# Draft protocol from before schemaVersion existed
meta:
  protocol_id: kelowna-kat   # site id
  title: Kelowna group KaT
program:
  duration_weeks: 12   # twelve CoP weeks
  summary: A long sentence that a reprint would fold differently, so its line must be kept exactly as written by the site.
`;

describe('protocol-studio migrate', () => {
  it('upgrades a version-0 draft in place, keeping comments and untouched lines', async () => {
    writeFileSync(join(dir, 'old.yaml'), V0);
    const r = await runCli(['migrate', 'old.yaml', '--in-place'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('schemaVersion 0 → 1');
    const text = readFileSync(join(dir, 'old.yaml'), 'utf8');
    expect(text).toContain('# Draft protocol from before schemaVersion existed');
    // Renamed lines are printed anew (with their comments); untouched lines are kept byte for byte.
    expect(text).toMatch(/^ {2}id: kelowna-kat +# site id$/m);
    expect(text).toMatch(/^ {2}weeks: 12 +# twelve CoP weeks$/m);
    expect(text).toContain('  title: Kelowna group KaT\n');
    expect(text).toContain('  summary: A long sentence that a reprint would fold differently, so its line must be kept exactly as written by the site.');
    const value = parse(text);
    expect(value).toMatchObject({ schemaVersion: 1, metadata: { id: 'kelowna-kat' }, programme: { weeks: 12 } });
    // Running it again changes nothing.
    const again = await runCli(['migrate', 'old.yaml', '--check'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('up to date');
  });

  it('--check exits 1 for an old document and writes nothing; newer or unreadable documents exit 2', async () => {
    writeFileSync(join(dir, 'check.yaml'), V0);
    expect((await runCli(['migrate', 'check.yaml', '--check'], { cwd: dir })).code).toBe(1);
    expect(readFileSync(join(dir, 'check.yaml'), 'utf8')).toBe(V0);
    writeFileSync(join(dir, 'future.yaml'), 'schemaVersion: 9\nmetadata: {id: x}\n');
    const future = await runCli(['migrate', 'future.yaml'], { cwd: dir });
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/newer Protocol Studio/);
    writeFileSync(join(dir, 'broken.yaml'), 'a: [1\n');
    const broken = await runCli(['migrate', 'broken.yaml'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+:\d+: error YAML-/);
  });
});
