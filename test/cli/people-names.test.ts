/** The CLI shows people by name where records hold their ids; JSON keeps the ids and adds the names. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/store/workspace';
import { ROOT, runCli } from './run-cli';

let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ps-cli-names-'));
  db = join(dir, 'ws.sqlite');
  Workspace.open(db).close();
  copyFileSync(join(ROOT, 'test', 'fixtures', 'scratch', 'japanese-keeper.protocol.yaml'), join(dir, 'p.yaml'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(argv, { cwd: dir, env: {} });
const CLOSING = 'cultural.blocks[closing-circle]';

describe('names in the CLI', () => {
  it('workspace log, review request/approve/status and audit name people; --format json keeps ids beside names', async () => {
    expect((await run('people', '--db', db, 'add', 'Dr Lee', '--role', 'medical_lead', '--contact', 'lee@clinic.example')).code).toBe(0);
    expect(await run('people', '--db', db, 'add', '佐藤 花子', '--role', 'elder', '--community', 'Cedar Lake', '--contact', 'hanako@example.jp', '--as', 'dr-lee')).toMatchObject({
      code: 0,
      stdout: 'added 佐藤 花子 as person\n',
    });
    expect((await run('workspace', '--db', db, 'new', '--from-file', 'p.yaml', '--id', 'riverbend', '--as', 'dr-lee')).code).toBe(0);

    const log = await run('workspace', '--db', db, 'log', 'riverbend');
    expect(log.stdout).toMatch(/^ {3}1 {2}\S+ {2}Dr Lee {2}/);
    expect(log.stdout).not.toContain('dr-lee');
    expect(JSON.parse((await run('workspace', '--db', db, 'log', 'riverbend', '--format', 'json')).stdout)).toMatchObject([{ author: 'dr-lee', authorName: 'Dr Lee' }]);

    expect((await run('review', '--db', db, 'request', 'riverbend', CLOSING, '--reviewer', '佐藤 花子', '--role', 'elder', '--as', 'dr-lee')).stdout).toBe(
      `requested cultural review of ${CLOSING} from 佐藤 花子\n`,
    );
    const waiting = await run('review', '--db', db, 'status', 'riverbend', '--as', 'dr-lee');
    expect(waiting.stdout).toContain(`${CLOSING} — Closing circle [cultural]: waiting for 佐藤 花子`);
    expect((await run('review', '--db', db, 'approve', 'riverbend', CLOSING, '--role', 'elder', '--as', '佐藤 花子')).stdout).toMatch(/^佐藤 花子 approved cultural\.blocks\[closing-circle\]/);

    const status = await run('review', '--db', db, 'status', 'riverbend', '--as', 'person');
    expect(status.stdout).toMatch(/Closing circle \[cultural\]: approved by 佐藤 花子 on \d{4}-\d\d-\d\d/);
    expect(status.stdout).not.toMatch(/by person\b/);
    const json = JSON.parse((await run('review', '--db', db, 'status', 'riverbend', '--as', 'person', '--format', 'json')).stdout);
    expect(json.sections.find((s: { key: string }) => s.key === CLOSING)).toMatchObject({ approvedBy: 'person', approvedByName: '佐藤 花子' });
    // A keeper who has not agreed to be named: for an audience outside, the JSON names her as the status line does.
    writeFileSync(join(dir, 'q.yaml'), readFileSync(join(dir, 'p.yaml'), 'utf8').replace('permissionToName: true', 'permissionToName: false'));
    expect((await run('workspace', '--db', db, 'new', '--from-file', 'q.yaml', '--id', 'lakeside', '--as', 'dr-lee')).code).toBe(0);
    await run('review', '--db', db, 'request', 'lakeside', CLOSING, '--reviewer', '佐藤 花子', '--role', 'elder', '--as', 'dr-lee');
    expect((await run('review', '--db', db, 'approve', 'lakeside', CLOSING, '--role', 'elder', '--as', '佐藤 花子')).code).toBe(0);
    const outside = ['review', '--db', db, 'status', 'lakeside', '--as', 'dr-lee', '--audience', 'participant'];
    expect((await run(...outside)).stdout).toMatch(/Closing circle \[cultural\]: approved by a keeper of this section/);
    const outsideJson = JSON.parse((await run(...outside, '--format', 'json')).stdout);
    expect(outsideJson.sections.find((s: { key: string; track: string }) => s.key === CLOSING && s.track === 'cultural')).toMatchObject({ approvedByName: 'a keeper of this section' });

    expect((await run('workspace', '--db', db, 'restore', 'riverbend@1', '--as', '佐藤 花子')).stdout).toBe("version 1 of riverbend is now 佐藤 花子's draft; commit it to make it the latest version\n");
    const audit = (await run('workspace', '--db', db, 'audit')).stdout;
    expect(audit).toMatch(/ {2}佐藤 花子 {2}review\.approve/);
    expect(audit).toMatch(/ {2}Dr Lee {2}/);
    for (const out of [log.stdout, waiting.stdout, status.stdout, audit]) expect(out).not.toMatch(/hanako@|lee@clinic/);
  });
});
