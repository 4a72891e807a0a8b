/** The `workspace` CLI, run in-process through the real dispatcher with a captured IO. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTemplate } from '../../main/templates';
import command from '../../main/cli/commands/workspace';
import { Workspace } from '../../main/store/workspace';
import { runCli } from './run-cli';

const BASE = `# comment kept
schemaVersion: 1
metadata:
  id: base-kat
  title: Base KaT
  versionLabel: 1.0.0
  status: draft
  medicine: ketamine
  site: {name: Main clinic}
`;

let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ps-cli-ws-'));
  db = join(dir, 'ws.sqlite');
  const ws = Workspace.open(db);
  ws.createProtocol({ template: { id: 'group-kat', text: BASE }, author: 'Setup' });
  ws.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) =>
  runCli(['workspace', ...argv], { cwd: dir, env: { PROTOCOL_STUDIO_AUTHOR: 'Cli User', ...opts.env }, stdin: opts.stdin });

describe('workspace CLI', () => {
  it('draft from a file, commit, log and show a version', async () => {
    writeFileSync(join(dir, 'edit.yaml'), BASE.replace('status: draft', 'status: clinical_review'));
    expect((await cli(['--db', 'ws.sqlite', 'draft', 'base-kat', 'edit.yaml'])).code).toBe(0);
    const commit = await cli(['--db', 'ws.sqlite', 'commit', 'base-kat', '-m', 'Ready for clinical review']);
    expect(commit).toMatchObject({ code: 0, stdout: expect.stringMatching(/committed base-kat version 2/) });
    const log = await cli(['--db', db, 'log', 'base-kat', '--format', 'json']);
    const history = JSON.parse(log.stdout);
    expect(history.map((v: { seq: number; author: string; status: string }) => [v.seq, v.author, v.status])).toEqual([
      [2, 'Cli User', 'clinical_review'],
      [1, 'Setup', 'draft'],
    ]);
    expect((await cli(['--db', db, 'show', 'base-kat@1'])).stdout).toBe(BASE);
    expect((await cli(['--db', db, 'show', 'base-kat'])).stdout).toContain('status: clinical_review');
    expect((await cli(['--db', db, 'log', 'base-kat'])).stdout).toMatch(/^\s+2 .*Cli User {2}Ready for clinical review/);
  });

  it('reads the database from PROTOCOL_STUDIO_DB and a draft from standard input', async () => {
    const env = { PROTOCOL_STUDIO_DB: db };
    expect((await cli(['draft', 'base-kat', '-'], { env, stdin: BASE + '# more\n' })).code).toBe(0);
    expect((await cli(['commit', 'base-kat', '-m', 'more', '--author', 'Other'], { env })).code).toBe(2);
    expect((await cli(['commit', 'base-kat', '-m', 'more'], { env })).code).toBe(0);
    const list = JSON.parse((await cli(['list', '--format', 'json'], { env })).stdout);
    expect(list).toMatchObject([{ id: 'base-kat', headSeq: 2, siteName: 'Main clinic' }]);
  });

  it('exit 1 on a conflict and on nothing to commit; the losing draft is kept', async () => {
    writeFileSync(join(dir, 'a.yaml'), BASE + '# a\n');
    writeFileSync(join(dir, 'b.yaml'), BASE + '# b\n');
    await cli(['--db', db, 'draft', 'base-kat', 'a.yaml', '--author', 'A']);
    await cli(['--db', db, 'draft', 'base-kat', 'b.yaml', '--author', 'B']);
    expect((await cli(['--db', db, 'commit', 'base-kat', '-m', 'a', '--author', 'A'])).code).toBe(0);
    const conflict = await cli(['--db', db, 'commit', 'base-kat', '-m', 'b', '--author', 'B']);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/has moved on.*draft is kept/);
    expect((await cli(['--db', db, 'show', 'base-kat', '--draft', '--author', 'B'])).stdout).toBe(BASE + '# b\n');
    writeFileSync(join(dir, 'same.yaml'), BASE + '# a\n');
    await cli(['--db', db, 'draft', 'base-kat', 'same.yaml']);
    const same = await cli(['--db', db, 'commit', 'base-kat', '-m', 'same']);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/nothing to commit/);
  });

  it('adapts with --base, starts and closes a QI cycle in the draft, restores', async () => {
    const created = await cli(['--db', db, 'new', '--base', 'base-kat@1', '--id', 'island', '--title', 'Island']);
    expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/created island/) });
    expect((await cli(['--db', db, 'show', 'island'])).stdout).toMatch(/\n  id: island\n  basedOn: \{protocol: base-kat, version: 1\.0\.0\}\n/);
    // A cycle lives in the text: `cycle new` and `cycle update` edit the draft; a tag needs the cycle committed.
    expect((await cli(['--db', db, 'cycle', 'new', 'island', '--aim', 'Retention', '--start', '2026-02-01'])).stdout).toMatch(/added QI cycle cycle-1 \(number 1\) to your draft of island/);
    const tag = await cli(['--db', db, 'tag', 'island@1', 'cycle-1']);
    expect(tag.code).toBe(2);
    expect(tag.stderr).toMatch(/commit the cycle first/);
    expect((await cli(['--db', db, 'cycle', 'update', 'island', 'cycle-1', '--decision', 'adopt', '--end', '2026-04-30'])).code).toBe(0);
    const cycles = JSON.parse((await cli(['--db', db, 'cycle', 'list', 'island', '--format', 'json'])).stdout);
    expect(cycles).toMatchObject([{ id: 'cycle-1', decision: 'adopt', end: '2026-04-30', used: false, draftOnly: true }]);
    expect((await cli(['--db', db, 'show', 'island', '--draft'])).stdout).toMatch(/\n {2}id: island\n[\s\S]*\nqi:\n {2}cycles:\n {4}- id: cycle-1\n/);
    expect((await cli(['--db', db, 'restore', 'base-kat@1'])).code).toBe(0);
    const audit = JSON.parse((await cli(['--db', db, 'audit', '--format', 'json', '--limit', '3'])).stdout);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['version.restore', 'draft.save', 'draft.save']);
  });

  it('export, import into a new file, verify', async () => {
    expect((await cli(['--db', db, 'export', 'out'])).code).toBe(0);
    expect(existsSync(join(dir, 'out', 'manifest.json'))).toBe(true);
    const imported = await cli(['--db', 'copy.sqlite', 'import', 'out']);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringMatching(/imported 1 protocols, 1 versions/) });
    expect((await cli(['--db', 'copy.sqlite', 'show', 'base-kat@1'])).stdout).toBe(BASE);
    const verify = await cli(['--db', 'copy.sqlite', 'verify', '--format', 'json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toEqual({ ok: true, problems: [] });
  });

  it('export --audience: refused with exit 1 and the section named when content is beyond the level; nothing written', async () => {
    const secret = 'SONG-WORDS of the healing song';
    const text = `${BASE}cultural:
  blocks:
    - id: healing-song
      type: song
      title: Healing song
      placeholder: Sung by the Elder for those who choose it.
      text: "${secret}"
      governance:
        sharing: community_only
        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]
        permissions: {print: true, export: true}
`;
    writeFileSync(join(dir, 'song.yaml'), text);
    await cli(['--db', db, 'draft', 'base-kat', 'song.yaml']);
    expect((await cli(['--db', db, 'commit', 'base-kat', '-m', 'song'])).code).toBe(0);
    const refused = await cli(['--db', db, 'export', 'out']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Export for program team refused: "Healing song" \(cultural\.blocks\[healing-song\]\) is community only — ask an elder of Snuneymuxw/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const ok = await cli(['--db', db, 'export', 'out', '--audience', 'community']);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/exported 1 protocols, 2 versions, 0 review records \(\d+ files\) for community to out/) });
    expect(await cli(['--db', db, 'export', 'out2', '--audience', 'everyone'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--audience must be one of public, .*workspace/) });
    expect((await cli(['--db', db, 'help', 'export'])).stdout).toMatch(/Default program_team/);
  });

  it('verify exits 1 and names the problem after tampering', async () => {
    const raw = new Database(db);
    raw.exec("DROP TRIGGER versions_no_update; UPDATE versions SET text = 'x: 1\n'");
    raw.close();
    const verify = await cli(['--db', db, 'verify']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/version-hash: version base-kat@1 .*does not match its SHA-256/);
    expect(verify.stdout).toMatch(/trigger-missing/);
  });

  it('anchor writes the audit chain head; verify --anchor passes while it holds and names a chain that lost it', async () => {
    expect(await cli(['--db', db, 'anchor', 'head.json'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/written to head\.json/) });
    expect((await cli(['--db', db, 'verify', '--anchor', 'head.json'])).code).toBe(0);
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)');
    raw.close();
    const after = await cli(['--db', db, 'verify', '--anchor', 'head.json']);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/anchor: the audit log has no entry \d+, which the anchor written at .* records: entries were removed/);
    writeFileSync(join(dir, 'bogus.json'), '{"format": "something else"}');
    expect(await cli(['--db', db, 'verify', '--anchor', 'bogus.json'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/not an audit anchor/) });
  });

  it('usage errors exit 2 with a clear message', async () => {
    expect(await cli(['log', 'base-kat'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--db FILE or set PROTOCOL_STUDIO_DB/) });
    expect(await cli(['--db', db, 'frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown subcommand "frobnicate"/) });
    expect(await cli(['--db', db, 'commit', 'base-kat'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/commit message is required/) });
    expect(await cli(['--db', db, 'log', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no protocol "nope"/) });
    expect(await cli(['--db', db, 'show', 'base-kat@7'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/has no version "7"/) });
    expect(await cli(['--db', db, 'draft', 'base-kat', 'missing.yaml'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read .*missing\.yaml: ENOENT/) });
    expect(await cli(['--db', db, 'log', 'base-kat', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--bogus/) });
    expect(await cli(['--db', db, 'new'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/exactly one of --template/) });
    // Only init, new and import create a workspace: a mistyped --db elsewhere leaves no empty file behind.
    expect(await cli(['--db', 'typo.sqlite', 'list'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no workspace file at .*typo\.sqlite/) });
    expect(existsSync(join(dir, 'typo.sqlite'))).toBe(false);
    expect((await cli(['--db', 'fresh.sqlite', 'init'])).code).toBe(0);
    expect(existsSync(join(dir, 'fresh.sqlite'))).toBe(true);
    writeFileSync(join(dir, 'junk.sqlite'), 'not a database at all'.repeat(50));
    expect(await cli(['--db', 'junk.sqlite', 'list'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot open workspace/) });
  });

  it('has help for every subcommand', async () => {
    const io = { stdout: (t: string) => void (out += t), stderr: () => {}, cwd: dir, env: {} };
    let out = '';
    for (const sub of ['init', 'list', 'new', 'draft', 'commit', 'log', 'show', 'tag', 'cycle', 'restore', 'audit', 'export', 'import', 'verify']) {
      out = '';
      expect(await command.run([sub, '--help'], io)).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: protocol-studio workspace --db FILE ${sub}`));
    }
    const top = await cli(['--help']);
    expect(top.stdout).toMatch(/commit PROTOCOL -m MESSAGE/);
  });

  it('new --template commits a bundled template byte for byte; an unknown template is a usage error', async () => {
    const res = await cli(['--db', db, 'new', '--template', 'rtt-kat-12-week', '--id', 'from-template']);
    expect(res).toMatchObject({ code: 0, stdout: expect.stringMatching(/created from-template/) });
    expect((await cli(['--db', db, 'show', 'from-template@1'])).stdout).toBe(readTemplate('rtt-kat-12-week'));
    const log = JSON.parse((await cli(['--db', db, 'log', 'from-template', '--format', 'json'])).stdout);
    expect(log[0]).toMatchObject({ message: 'Created from template rtt-kat-12-week', author: 'Cli User' });
    expect(await cli(['--db', db, 'new', '--template', 'no-such-template'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/No template "no-such-template"/) });
  });
});
