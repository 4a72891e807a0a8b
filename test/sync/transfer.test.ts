/**
 * The git layer on its own: a transfer cut short resumes where it stopped, bad remotes get one clear
 * message (ssh, a missing repository, a damaged manifest, hostile YAML), never a crash or a partial commit.
 */
import git from 'isomorphic-git';
import { describe, expect, it } from 'vitest';
import { addRemote, fetchRemote, locateRemote, publish, SSH_UNSUPPORTED, SyncError } from '../../main/sync';
import { gitFs } from '../../main/sync/git-fs';
import { commitMessage, jsonBytes, MANIFEST_FORMAT } from '../../main/sync/layout';
import { sha256 } from '../../main/store/hash';
import { withFolder } from '../../main/sync/tree';
import { bareRemote, BASE_TEXT, commitText, edit, remote, site, tempDir } from './fixtures';

/** An origin with `n` versions of the base protocol. */
function originWith(n: number) {
  const origin = site('origin');
  origin.ws.createProtocol({ template: { id: 'scratch', text: BASE_TEXT }, author: 'Dr Rivera' });
  for (let i = 2; i <= n; i++) commitText(origin.ws, 'coast-kat', edit(BASE_TEXT, 'observationMin: 120', `observationMin: ${120 + i}`), 'Dr Rivera', `Observation ${120 + i} minutes`);
  return origin;
}

const interruptAt = (phase: string, at: number) => (p: { phase: string; loaded: number }) => {
  if (p.phase === phase && p.loaded === at) throw new Error('connection lost');
};

describe('interrupted transfers resume', () => {
  it('a publish cut short after two of five versions sends only the rest next time', async () => {
    const url = await bareRemote('models');
    const origin = originWith(5);
    remote(origin, 'models', url, 'partner');
    await expect(publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror, onProgress: interruptAt('Sending versions', 2) })).rejects.toThrow('connection lost');
    // The branch never moved: readers see the old state, not half a publish.
    await expect(git.resolveRef({ fs: gitFs, gitdir: url, ref: 'refs/heads/main' })).rejects.toThrow();
    const totals: number[] = [];
    const done = await publish(origin.ws, {
      remote: 'models',
      protocolId: 'coast-kat',
      actor: 'Dr Rivera',
      mirror: origin.mirror,
      onProgress: (p) => (p.phase === 'Sending versions' && p.loaded === 0 ? totals.push(p.total) : undefined),
    });
    expect(done.published).toBe(5);
    expect(totals).toEqual([3]);
    expect(await git.log({ fs: gitFs, gitdir: url, ref: 'main' })).toHaveLength(5);
  });

  it('a fetch cut short commits nothing and picks up where the copy stopped', async () => {
    const url = await bareRemote('models');
    const origin = originWith(4);
    remote(origin, 'models', url, 'partner');
    await publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror });
    const s = site('east');
    remote(s, 'coast', url, 'partner');
    await expect(fetchRemote(s.ws, { remote: 'coast', actor: 'east', mirror: s.mirror, onProgress: interruptAt('Receiving versions', 3) })).rejects.toThrow('connection lost');
    expect(s.ws.listProtocols()).toEqual([]);
    const totals: number[] = [];
    const got = await fetchRemote(s.ws, { remote: 'coast', actor: 'east', mirror: s.mirror, onProgress: (p) => (p.loaded === 0 ? totals.push(p.total) : undefined) });
    expect(totals).toEqual([1]);
    expect(got.protocols[0]!.newVersions.map((v) => v.localSeq)).toEqual([1, 2, 3, 4]);
    expect(s.ws.getVersion(s.ws.head('coast-kat')!.id).text).toContain('observationMin: 124');
  });
});

describe('remotes the studio cannot use', () => {
  it('refuses ssh plainly and reads file URLs and paths', () => {
    expect(() => locateRemote('git@example.org:clinic/models.git')).toThrow(SSH_UNSUPPORTED);
    expect(() => locateRemote('ssh://git@example.org/models.git')).toThrow(SyncError);
    expect(() => locateRemote('ftp://example.org/models.git')).toThrow(/only https, file:\/\/ and folder paths/);
    expect(locateRemote('file:///srv/share/models.git')).toEqual({ kind: 'path', gitdir: '/srv/share/models.git' });
    expect(locateRemote('models.git', '/srv/share')).toEqual({ kind: 'path', gitdir: '/srv/share/models.git' });
    expect(locateRemote('https://git.example.org/models.git')).toEqual({ kind: 'https', url: 'https://git.example.org/models.git' });
  });

  it('checks a remote before storing it', () => {
    const s = site('east');
    expect(() => addRemote(s.ws, { name: 'Bad Name', url: '/tmp/x.git', audience: 'public' }, 'a')).toThrow(/remote name/);
    expect(() => addRemote(s.ws, { name: 'own', url: '/tmp/x.git', audience: 'community' }, 'a')).toThrow(/needs --community/);
    expect(() => addRemote(s.ws, { name: 'x', url: '/tmp/x.git', audience: 'everyone' }, 'a')).toThrow(/choose public, partner, program_team, community/);
    expect(() => addRemote(s.ws, { name: 'x', url: '/tmp/x.git', branch: 'a..b', audience: 'public' }, 'a')).toThrow(/branch/);
    addRemote(s.ws, { name: 'x', url: '/tmp/x.git', audience: 'public' }, 'a');
    expect(() => addRemote(s.ws, { name: 'x', url: '/tmp/y.git', audience: 'public' }, 'a')).toThrow(/already exists/);
  });

  it('says so when the folder holds no repository', async () => {
    const s = site('east');
    remote(s, 'gone', `${tempDir()}/missing.git`, 'partner');
    await expect(fetchRemote(s.ws, { remote: 'gone', actor: 'east', mirror: s.mirror })).rejects.toThrow(/no git repository at/);
  });

  it('leaves a damaged manifest or hostile YAML out with a located message and commits nothing', async () => {
    const url = await bareRemote('models');
    const when = { name: 'Mallory', email: '', timestamp: 1767000000, timezoneOffset: 0 };
    const hostile = `${BASE_TEXT}metadata:\n  id: again\n`;
    let root = await withFolder(url, null, 'broken-kat', { 'manifest.json': new TextEncoder().encode('{not json') });
    const trailers = { protocol: 'hostile-kat', versionId: 'v-1', seq: 1, label: null, qiCycles: [], sha256: sha256(hostile) };
    const manifest = {
      format: MANIFEST_FORMAT,
      protocol: { id: 'hostile-kat', title: 'Hostile', basedOn: null },
      audience: 'partner',
      versions: [{ id: 'v-1', seq: 1, label: null, author: 'Mallory', message: 'x', createdAt: '2026-01-01T00:00:00Z', qiCycles: [], sha256: sha256(hostile) }],
      qiCycles: [],
      withheld: [],
    };
    root = await withFolder(url, root, 'hostile-kat', { 'protocol.yaml': new TextEncoder().encode(hostile), 'manifest.json': jsonBytes(manifest) });
    const commit = await git.writeCommit({ fs: gitFs, gitdir: url, commit: { tree: root, parent: [], author: when, committer: when, message: commitMessage('x', trailers) } });
    await git.writeRef({ fs: gitFs, gitdir: url, ref: 'refs/heads/main', value: commit });

    const s = site('east');
    remote(s, 'evil', url, 'partner');
    const got = await fetchRemote(s.ws, { remote: 'evil', actor: 'east', mirror: s.mirror });
    const byId = Object.fromEntries(got.protocols.map((p) => [p.protocolId, p.skipped]));
    expect(byId['broken-kat']).toMatch(/not valid UTF-8 JSON/);
    expect(byId['hostile-kat']).toMatch(/hostile-kat\/protocol\.yaml:\d+:\d+: .*metadata/i);
    expect(s.ws.listProtocols()).toEqual([]);
  });
});
