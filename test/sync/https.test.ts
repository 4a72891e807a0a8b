/**
 * The https transport against a real git smart-HTTP server: `git http-backend` behind a loopback node
 * server (CGI). Needs the system git only for the server side; skipped, with the reason, where it is absent.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRemote, publish } from '../../main/sync';
import { bareRemote, BASE_TEXT, commitText, edit, remote, site, tempDir } from './fixtures';

const gitMissing = spawnSync('git', ['--version']).status !== 0 ? 'no system git here to run `git http-backend` as the test server' : null;

/** A loopback smart-HTTP git server for the repositories under `root`. */
function gitHttpServer(root: string): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: 'test',
        REMOTE_ADDR: '127.0.0.1',
        PATH: process.env.PATH ?? '/usr/bin:/bin',
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const end = out.indexOf('\r\n\r\n');
      const head = out.subarray(0, end).toString('latin1');
      let status = 200;
      for (const line of head.split('\r\n')) {
        const [k, ...v] = line.split(':');
        if (!k || v.length === 0) continue;
        if (k.toLowerCase() === 'status') status = Number.parseInt(v.join(':').trim(), 10);
        else res.setHeader(k, v.join(':').trim());
      }
      res.statusCode = status;
      res.end(out.subarray(end + 4));
    });
  });
}

describe.skipIf(gitMissing !== null)('https remotes (git smart HTTP)', () => {
  let server: Server;
  let base: string;
  let root: string;
  beforeAll(async () => {
    root = tempDir();
    await bareRemote('models', root);
    spawnSync('git', ['--git-dir', `${root}/models.git`, 'config', 'http.receivepack', 'true']);
    server = gitHttpServer(root);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('publishes, fetches, and re-publishes on top when another site pushed first', async () => {
    const url = `${base}/models.git`;
    const origin = site('origin');
    origin.ws.createProtocol({ template: { id: 'scratch', text: BASE_TEXT }, author: 'Dr Rivera' });
    remote(origin, 'models', url, 'partner');
    expect(await publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror })).toMatchObject({ published: 1 });

    const east = site('east');
    remote(east, 'models', url, 'partner');
    const got = await fetchRemote(east.ws, { remote: 'models', actor: 'east', mirror: east.mirror });
    expect(got.protocols).toMatchObject([{ protocolId: 'coast-kat', created: true }]);

    // East publishes its own protocol, then the origin (whose last look is older) publishes version 2.
    east.ws.createProtocol({ template: { id: 'scratch', text: edit(BASE_TEXT, 'id: coast-kat', 'id: east-kat') }, author: 'East lead' });
    await publish(east.ws, { remote: 'models', protocolId: 'east-kat', actor: 'East lead', mirror: east.mirror });
    commitText(origin.ws, 'coast-kat', edit(BASE_TEXT, 'max: 1.0', 'max: 1.2'), 'Dr Rivera', 'IM maximum 1.2');
    const second = await publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror });
    expect(second.published).toBe(1);

    const again = await fetchRemote(east.ws, { remote: 'models', actor: 'east', mirror: east.mirror });
    expect(again.protocols.find((p) => p.protocolId === 'coast-kat')!.newVersions).toHaveLength(1);
    const log = spawnSync('git', ['--git-dir', `${root}/models.git`, 'log', '--format=%s', 'main'], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(log).toEqual(['IM maximum 1.2', 'Created from template scratch', 'Created from template scratch']);
    expect(spawnSync('git', ['--git-dir', `${root}/models.git`, 'fsck', '--full'], { encoding: 'utf8' }).status).toBe(0);

    // Both build on the same tip before either pushes: the server rejects the second (not a fast-forward),
    // which fetches and re-publishes on top.
    commitText(east.ws, 'east-kat', edit(edit(BASE_TEXT, 'id: coast-kat', 'id: east-kat'), 'weeks: 12 #', 'weeks: 10 #'), 'East lead', 'Ten weeks');
    commitText(origin.ws, 'coast-kat', edit(BASE_TEXT, 'max: 1.0', 'max: 1.1'), 'Dr Rivera', 'IM maximum 1.1');
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((r) => (release = r));
    const barrier = async (): Promise<void> => {
      if (++arrived === 2) release();
      await both;
    };
    const results = await Promise.all([
      publish(east.ws, { remote: 'models', protocolId: 'east-kat', actor: 'East lead', mirror: east.mirror, beforePush: barrier }),
      publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror, beforePush: barrier }),
    ]);
    expect(results.map((r) => r.attempts).sort()).toEqual([1, 2]);
    const after = spawnSync('git', ['--git-dir', `${root}/models.git`, 'log', '--format=%s', 'main'], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(after.slice(0, 2).sort()).toEqual(['IM maximum 1.1', 'Ten weeks']);
    expect(after).toHaveLength(5);
  }, 90_000);
});
