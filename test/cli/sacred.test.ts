/**
 * The CLI as a new user meets it: a draft holding secret/sacred content is saved without it (and says so),
 * a commit of a text holding it exits 1 with one line, and a workspace holding the RTT-KaT template with its
 * ceremony placeholders backs up and restores.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli';

const MARKER = 'CLI-SACRED-MARKER-6620';
const RTT = readFileSync(join(ROOT, 'templates', 'rtt-kat-12-week.protocol.yaml'), 'utf8');
const WITH_PRAYER = RTT.replace('    - id: medicine-day-opening\n      type: opening\n', `    - id: medicine-day-opening\n      type: opening\n      text: ${MARKER} the words of the prayer\n`);

describe('protocol-studio workspace and secret/sacred content', () => {
  it('leaves it out of a draft with a note, refuses a commit of it in one line (exit 1), and backs up and restores the template', async () => {
    expect(WITH_PRAYER).toContain(MARKER);
    const dir = mkdtempSync(join(tmpdir(), 'cli-sacred-'));
    const env = { PATH: process.env.PATH, HOME: dir, PROTOCOL_STUDIO_AS: 'Alice' };
    const db = join(dir, 'ws.sqlite');
    const run = (...argv: string[]) => runCli(['workspace', '--db', db, ...argv], { cwd: dir, env });
    expect((await run('init')).code).toBe(0);
    expect((await run('new', '--template', 'rtt-kat-12-week')).code).toBe(0);

    writeFileSync(join(dir, 'edited.yaml'), WITH_PRAYER);
    const draft = await run('draft', 'rtt-kat-base', 'edited.yaml');
    expect(draft.code).toBe(0);
    expect(draft.stderr).toMatch(/^protocol-studio workspace draft: "Opening on medicine-se.*" is secret\/sacred: its text was left out of the saved draft/);
    expect(draft.stderr).not.toContain(MARKER);
    expect((await run('show', 'rtt-kat-base', '--draft')).stdout).not.toContain(MARKER);

    // A draft stored by an older release, still holding the prayer: the commit is refused in one line.
    const raw = new Database(db);
    raw.prepare('UPDATE drafts SET text = ? WHERE protocol_id = ?').run(WITH_PRAYER, 'rtt-kat-base');
    raw.close();
    const commit = await run('commit', 'rtt-kat-base', '-m', 'Add the prayer');
    expect(commit.code).toBe(1);
    expect(commit.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(commit.stderr).toMatch(/^protocol-studio workspace commit: \d+:\d+: Cultural block \(medicine-day-opening\) is secret sacred: remove "text" and keep only a placeholder saying whom to ask/);
    expect(commit.stderr).not.toContain(MARKER);
    expect((await run('log', 'rtt-kat-base')).stdout).not.toContain('Add the prayer');

    // Put the draft right (saving leaves the prayer out), then back up and restore.
    expect((await run('draft', 'rtt-kat-base', 'edited.yaml')).code).toBe(0);
    const backup = await run('export', join(dir, 'backup'), '--audience', 'workspace');
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const restored = join(dir, 'restored.sqlite');
    const imported = await runCli(['workspace', '--db', restored, 'import', join(dir, 'backup')], { cwd: dir, env });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const log = async (file: string) => (await runCli(['workspace', '--db', file, 'log', 'rtt-kat-base', '--format', 'json'], { cwd: dir, env })).stdout;
    expect(await log(restored)).toBe(await log(db));
    expect((await runCli(['workspace', '--db', restored, 'verify'], { cwd: dir, env })).code).toBe(0);
    expect(readFileSync(restored).includes(Buffer.from(MARKER))).toBe(false);
  }, 120_000);
});
