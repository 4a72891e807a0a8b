/** `protocol-studio sync` in-process: remote add/list, publish, fetch, status, and a refused publish (exit 1). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli/index';
import type { CliIO } from '../../main/cli/io';
import { Workspace } from '../../main/store/workspace';
import { bareRemote, BASE_TEXT, commitText, edit, tempDir } from './fixtures';

async function cli(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: { PROTOCOL_STUDIO_AUTHOR: 'Dr Rivera' } };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('protocol-studio sync', () => {
  it('adds remotes, publishes, fetches with classified changes and reports status', async () => {
    const dir = tempDir();
    const url = await bareRemote('models', dir);
    const ws = Workspace.open(join(dir, 'origin.sqlite'));
    ws.createProtocol({ template: { id: 'scratch', text: BASE_TEXT }, author: 'Dr Rivera' });
    ws.close();
    Workspace.open(join(dir, 'site.sqlite')).close();
    const db = (name: string) => ['--db', `${name}.sqlite`];

    expect((await cli(['sync', 'remote', 'add', 'models', 'models.git', '--audience', 'partner', ...db('origin')], dir)).code).toBe(0);
    const listed = await cli(['sync', 'remote', 'list', '--format', 'json', ...db('origin')], dir);
    expect(JSON.parse(listed.out)).toMatchObject([{ name: 'models', url, branch: 'main', audience: 'partner' }]);

    const pub = await cli(['sync', 'publish', 'coast-kat', '--remote', 'models', ...db('origin')], dir);
    expect(pub).toMatchObject({ code: 0 });
    expect(pub.out).toContain('Published 1 version(s) of coast-kat to models');
    expect(pub.out).toContain('Withheld as a placeholder: River teaching');
    expect(pub.err).toContain('Sending versions: 1/1');

    expect((await cli(['sync', 'remote', 'add', 'coast', `file://${url}`, '--audience', 'partner', ...db('site')], dir)).code).toBe(0);
    const first = await cli(['sync', 'fetch', '--remote', 'coast', ...db('site')], dir);
    expect(first.code).toBe(0);
    expect(first.out).toContain('coast-kat: 1 new version(s) (new here)');

    const origin = Workspace.open(join(dir, 'origin.sqlite'));
    commitText(origin, 'coast-kat', edit(BASE_TEXT, 'minSpacingDays: 7', 'minSpacingDays: 14'), 'Dr Rivera', 'Two weeks between medicine sessions');
    origin.close();
    expect((await cli(['sync', 'publish', 'coast-kat', '--remote', 'models', ...db('origin')], dir)).code).toBe(0);
    const second = await cli(['sync', 'fetch', '--remote', 'coast', ...db('site')], dir);
    expect(second.out).toMatch(/version 2 \(1\.0\.0\) by Dr Rivera: Two weeks between medicine sessions\n {4}\[clinical\] .*7 days → 14 days/);

    const status = await cli(['sync', 'status', ...db('origin')], dir);
    expect(status.out).toContain('published coast-kat to models: version 2 of 2, up to date');
  });

  it('exits 1 with one plain line when the sharing policy refuses a publish, 2 on usage errors', async () => {
    const dir = tempDir();
    await bareRemote('public', dir);
    const ws = Workspace.open(join(dir, 'w.sqlite'));
    ws.createProtocol({
      template: { id: 'scratch', text: edit(BASE_TEXT, 'placeholder: A teaching on the river, shared by the Knowledge Keeper in person.', 'text: The words of the river teaching.') },
      author: 'Dr Rivera',
    });
    ws.close();
    await cli(['sync', 'remote', 'add', 'web', 'public.git', '--audience', 'public', '--db', 'w.sqlite'], dir);
    const refused = await cli(['sync', 'publish', 'coast-kat', '--remote', 'web', '--db', 'w.sqlite'], dir);
    expect(refused.code).toBe(1);
    const line = refused.err.split('\n')[0]!;
    expect(line).toContain('River teaching');
    expect(line.length).toBeLessThanOrEqual(200 + 'protocol-studio sync publish: '.length);
    expect(refused.err).not.toContain('The words of the river teaching');

    expect((await cli(['sync', 'publish', 'coast-kat', '--db', 'w.sqlite'], dir)).code).toBe(2);
    expect((await cli(['sync', 'remote', 'add', 'x', 'git@host:x.git', '--audience', 'public', '--db', 'w.sqlite'], dir)).code).toBe(1);
    expect((await cli(['sync', 'frobnicate', '--db', 'w.sqlite'], dir)).code).toBe(2);
  });
});
