/**
 * An origin and three sites sharing through local bare repositories: publish, subscribe, fetch a new base
 * version, rebase through the studio's three-way merge, publish an adaptation back to a partner remote,
 * a refused publish of community-only content to a public remote, and two concurrent publishes.
 */
import { existsSync } from 'node:fs';
import git from 'isomorphic-git';
import { describe, expect, it } from 'vitest';
import { gateText } from '../../main/core/gate';
import { rebase } from '../../main/core/merge';
import { SharingBreachError } from '../../main/core/review/redact';
import { approve } from '../../main/store/review-store';
import { basesMovedOn, fetchRemote, publish, syncStatus } from '../../main/sync';
import { gitFs } from '../../main/sync/git-fs';
import { readManifest, readSignoffs } from '../../main/sync/layout';
import { readFileAt } from '../../main/sync/tree';
import { bareRemote, BASE_TEXT, commitText, edit, remote, site } from './fixtures';

async function fileOnRemote(gitdir: string, path: string): Promise<string | null> {
  const tip = await git.resolveRef({ fs: gitFs, gitdir, ref: 'refs/heads/main' });
  const bytes = await readFileAt(gitdir, tip, path);
  return bytes && new TextDecoder().decode(bytes);
}

describe('an origin and three sites on git', () => {
  it('publishes, subscribes, fetches a new base version, rebases and sends an adaptation back', async () => {
    const originUrl = await bareRemote('origin');
    const partnerUrl = await bareRemote('partner');
    const origin = site('origin');
    origin.ws.createProtocol({ template: { id: 'scratch', text: BASE_TEXT }, author: 'Dr Rivera' });
    remote(origin, 'models', originUrl, 'partner');

    // 1. Publish: one commit per version, folder by id, the label as a tag.
    const steps: string[] = [];
    const first = await publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror, onProgress: (p) => steps.push(`${p.phase} ${p.loaded}/${p.total}`) });
    expect(first).toMatchObject({ published: 1, total: 1, attempts: 1, tags: ['coast-kat/1.0.0'] });
    expect(steps).toContain('Sending versions 1/1');
    const published = (await fileOnRemote(originUrl, 'coast-kat/protocol.yaml'))!;
    expect(published).toContain('# Coast Group KaT — written for the sync tests');
    expect(published).toContain('weeks: 12 # twelve weekly sessions');
    const log = await git.log({ fs: gitFs, gitdir: originUrl, ref: 'main' });
    expect(log).toHaveLength(1);
    expect(log[0]!.commit.author.name).toBe('Dr Rivera');
    expect(log[0]!.commit.message).toContain('Version-Label: 1.0.0');
    expect(await git.resolveRef({ fs: gitFs, gitdir: originUrl, ref: 'refs/tags/coast-kat/1.0.0' })).toBe(log[0]!.oid);
    // The partner network may not see community_only content: its block went out as the placeholder.
    const manifest = readManifest(new TextEncoder().encode((await fileOnRemote(originUrl, 'coast-kat/manifest.json'))!), 'manifest');
    expect(manifest.withheld.map((w) => w.key)).toEqual(['cultural.blocks[river-teaching]', 'cultural.blocks[medicine-day-opening]']);
    expect(published).toContain('A teaching on the river, shared by the Knowledge Keeper in person.');
    expect(published).not.toContain('Knowledge Keeper, role');
    expect(gateText(published).ok).toBe(true);

    // 2. Subscribe: three sites fetch the base model.
    const sites = ['north', 'east', 'south'].map((n) => site(n));
    for (const s of sites) {
      remote(s, 'coast', `file://${originUrl}`, 'partner');
      const got = await fetchRemote(s.ws, { remote: 'coast', actor: `${s.name} lead`, mirror: s.mirror });
      expect(got.protocols).toMatchObject([{ protocolId: 'coast-kat', created: true, newVersions: [{ localSeq: 1, label: '1.0.0', author: 'Dr Rivera' }] }]);
      expect(s.ws.head('coast-kat')!.sha256).toBeTruthy();
    }
    // A second fetch with nothing new commits nothing.
    const again = await fetchRemote(sites[0]!.ws, { remote: 'coast', actor: 'north lead', mirror: sites[0]!.mirror });
    expect(again.protocols[0]!.newVersions).toEqual([]);

    // North adapts the base: its own observation time, committed as version 2 of its adaptation.
    const north = sites[0]!;
    const adaptation = north.ws.createProtocol({ base: { protocolId: 'coast-kat', versionId: north.ws.head('coast-kat')!.id }, id: 'north-kat', author: 'Nurse Okafor' });
    const adapted = edit(north.ws.getVersion(adaptation.headVersionId!).text, 'observationMin: 120', 'observationMin: 150');
    commitText(north.ws, 'north-kat', adapted, 'Nurse Okafor', 'Longer observation: rural site, EMS 40 minutes away');

    // 3. The origin publishes a new base version with a sign-off; the sites fetch it with its classified changes.
    const v2 = edit(edit(BASE_TEXT, 'max: 1.0', 'max: 1.2'), 'versionLabel: 1.0.0', 'versionLabel: 1.1.0');
    commitText(origin.ws, 'coast-kat', v2, 'Dr Rivera', 'IM maximum 1.2 mg/kg after QI cycle 1');
    approve(origin.ws, { protocolId: 'coast-kat', sectionKey: 'medicineSessions.routes[im]', track: 'medical' }, { reviewer: 'Dr Chen', role: 'medical_lead' });
    const second = await publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror });
    expect(second).toMatchObject({ published: 1, total: 2, tags: ['coast-kat/1.1.0'] });
    expect(basesMovedOn(north.ws)).toEqual([]);
    const fetched = await fetchRemote(north.ws, { remote: 'coast', actor: 'north lead', mirror: north.mirror });
    const update = fetched.protocols[0]!;
    expect(update.newVersions).toHaveLength(1);
    expect(update.newVersions[0]!.changes.some((c) => c.category === 'clinical' && /1\.2/.test(c.summary))).toBe(true);
    expect(update.signoffs).toMatchObject([{ sectionKey: 'medicineSessions.routes[im]', reviewer: 'Dr Chen', state: 'holds' }]);
    // The Library notice: north's adaptation is on base version 1, the base is at 2.
    expect(basesMovedOn(north.ws)).toMatchObject([{ protocolId: 'north-kat', baseProtocolId: 'coast-kat', onSeq: 1, newestSeq: 2, newestLabel: '1.1.0' }]);

    // 4. Rebase onto the fetched base through the three-way merge: both changes, no conflict markers.
    const oldBase = north.ws.getVersion(north.ws.getProtocol('north-kat').base!.versionId).text;
    const newBase = north.ws.getVersion(north.ws.head('coast-kat')!.id);
    const merged = rebase({ oldBaseText: oldBase, newBaseText: newBase.text, siteText: north.ws.getVersion(north.ws.head('north-kat')!.id).text });
    expect(merged.conflicts).toEqual([]);
    expect(merged.text).toContain('observationMin: 150');
    expect(merged.text).toContain('max: 1.2');
    expect(merged.text).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    const head = north.ws.head('north-kat')!;
    north.ws.saveDraft('north-kat', merged.text, { author: 'Nurse Okafor', parentVersionId: head.id, rebasedOnto: newBase.id });
    north.ws.commit('north-kat', { author: 'Nurse Okafor', message: 'Rebased onto Coast 1.1.0', expectedParentId: head.id });
    expect(basesMovedOn(north.ws)).toEqual([]);

    // 5. North publishes its adaptation to the partner remote; the origin learns from it.
    remote(north, 'partners', partnerUrl, 'partner');
    const back = await publish(north.ws, { remote: 'partners', protocolId: 'north-kat', actor: 'Nurse Okafor', mirror: north.mirror });
    expect(back).toMatchObject({ published: 3, total: 3 });
    remote(origin, 'partners', partnerUrl, 'partner');
    const learned = await fetchRemote(origin.ws, { remote: 'partners', actor: 'Dr Rivera', mirror: origin.mirror });
    expect(learned.protocols).toMatchObject([{ protocolId: 'north-kat', created: true }]);
    expect(learned.protocols[0]!.newVersions.map((v) => v.message)).toEqual([expect.any(String), 'Longer observation: rural site, EMS 40 minutes away', 'Rebased onto Coast 1.1.0']);
    expect(origin.ws.getVersion(origin.ws.head('north-kat')!.id).text).toContain('observationMin: 150');
    // North's adaptation names its base (coast-kat 1.1.0), which the origin holds: it is linked as an
    // adaptation of that version here, so the origin can rebase it when the base moves on.
    expect(origin.ws.getProtocol('north-kat').base).toEqual({ protocolId: 'coast-kat', versionId: origin.ws.head('coast-kat')!.id });
    // It was created on 1.0.0, as north's first version says, and moved with north's rebase onto 1.1.0.
    expect(origin.ws.audit({ subject: 'north-kat' }).filter((a) => a.action === 'protocol.rebase')).toHaveLength(1);
    expect(basesMovedOn(origin.ws)).toEqual([]);
    commitText(origin.ws, 'coast-kat', edit(v2, 'versionLabel: 1.1.0', 'versionLabel: 1.2.0'), 'Dr Rivera', 'Label only');
    expect(basesMovedOn(origin.ws)).toMatchObject([{ protocolId: 'north-kat', baseProtocolId: 'coast-kat', newestLabel: '1.2.0' }]);

    // The base a site fetched keeps the origin's version ids, so re-publishing it elsewhere is no fork.
    const status = await syncStatus(north.ws, north.mirror);
    expect(status.published).toMatchObject([{ protocolId: 'north-kat', remote: 'partners', publishedSeq: 3, unpublished: 0 }]);
    expect(status.subscribed).toEqual([{ protocolId: 'coast-kat', remote: 'coast' }]);
  });

  it('shows a sign-off as lapsed when the fetched text no longer matches what was signed', async () => {
    const url = await bareRemote('origin');
    const origin = site('origin');
    origin.ws.createProtocol({ template: { id: 'scratch', text: BASE_TEXT }, author: 'Dr Rivera' });
    approve(origin.ws, { protocolId: 'coast-kat', sectionKey: 'medicineSessions.routes[im]', track: 'medical' }, { reviewer: 'Dr Chen', role: 'medical_lead' });
    approve(origin.ws, { protocolId: 'coast-kat', sectionKey: 'cultural.blocks[welcome-song]', track: 'cultural' }, { reviewer: 'Auntie May', role: 'elder' });
    commitText(origin.ws, 'coast-kat', edit(BASE_TEXT, 'max: 1.0', 'max: 1.5'), 'Dr Rivera', 'Raise the IM maximum');
    remote(origin, 'models', url, 'partner');
    await publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror });
    const records = readSignoffs(new TextEncoder().encode((await fileOnRemote(url, 'coast-kat/signoffs.json'))!), 'signoffs');
    expect(records.map((r) => r.reviewer).sort()).toEqual(['Auntie May', 'Dr Chen']);
    expect(JSON.stringify(records)).not.toContain('snapshot');

    const s = site('east');
    remote(s, 'coast', url, 'partner');
    const got = await fetchRemote(s.ws, { remote: 'coast', actor: 'east lead', mirror: s.mirror });
    const states = Object.fromEntries(got.protocols[0]!.signoffs.map((c) => [c.reviewer, c.state]));
    expect(states).toEqual({ 'Dr Chen': 'lapsed', 'Auntie May': 'holds' });
  });

  it('refuses community-only content to a public remote before anything is written', async () => {
    const url = await bareRemote('public');
    const origin = site('origin');
    const withContent = edit(
      BASE_TEXT,
      '      placeholder: A teaching on the river, shared by the Knowledge Keeper in person.\n',
      '      text: RIVER-TEACHING-WORDS the Keeper allowed the community to keep in writing.\n',
    );
    origin.ws.createProtocol({ template: { id: 'scratch', text: withContent }, author: 'Dr Rivera' });
    remote(origin, 'web', url, 'public');
    const err = await publish(origin.ws, { remote: 'web', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SharingBreachError);
    const message = (err as Error).message;
    expect(message.length).toBeLessThanOrEqual(200);
    expect(message).toContain('River teaching');
    expect(message).toMatch(/ask/);
    expect(message).not.toContain('RIVER-TEACHING-WORDS');
    // Nothing was written: the public remote has no branch, the local mirror was never created.
    await expect(git.resolveRef({ fs: gitFs, gitdir: url, ref: 'refs/heads/main' })).rejects.toThrow();
    expect(existsSync(origin.mirror)).toBe(false);
    expect(origin.ws.audit({ subject: 'coast-kat' }).some((a) => a.action === 'sync.publish')).toBe(false);

    // The community's own remote takes it; another community's does not.
    const own = await bareRemote('salmon-river');
    remote(origin, 'salmon', own, 'community', 'Salmon River Nation');
    await publish(origin.ws, { remote: 'salmon', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror });
    expect(await fileOnRemote(own, 'coast-kat/protocol.yaml')).toContain('RIVER-TEACHING-WORDS');
    const other = await bareRemote('other');
    remote(origin, 'other', other, 'community', 'Cedar Lake');
    await expect(publish(origin.ws, { remote: 'other', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: origin.mirror })).rejects.toThrow(SharingBreachError);
  });

  it('resolves two sites publishing at once by fetching and re-publishing, never a forced push', async () => {
    const url = await bareRemote('partner');
    const [east, south] = [site('east'), site('south')];
    east.ws.createProtocol({ template: { id: 'scratch', text: edit(BASE_TEXT, 'id: coast-kat', 'id: east-kat') }, author: 'East lead' });
    south.ws.createProtocol({ template: { id: 'scratch', text: edit(BASE_TEXT, 'id: coast-kat', 'id: south-kat') }, author: 'South lead' });
    remote(east, 'partners', url, 'partner');
    remote(south, 'partners', url, 'partner');
    // Both build their commits on the same (empty) remote before either writes: a real race.
    let arrived = 0;
    let release!: () => void;
    const bothBuilt = new Promise<void>((r) => (release = r));
    const barrier = async (): Promise<void> => {
      if (++arrived === 2) release();
      await bothBuilt;
    };
    const [a, b] = await Promise.all([
      publish(east.ws, { remote: 'partners', protocolId: 'east-kat', actor: 'East lead', mirror: east.mirror, beforePush: barrier }),
      publish(south.ws, { remote: 'partners', protocolId: 'south-kat', actor: 'South lead', mirror: south.mirror, beforePush: barrier }),
    ]);
    expect([a.attempts, b.attempts].sort()).toEqual([1, 2]);
    const log = await git.log({ fs: gitFs, gitdir: url, ref: 'main' });
    expect(log).toHaveLength(2);
    // Linear history holding both protocols: the later publish sits on top of the earlier one.
    expect(log[0]!.commit.parent).toEqual([log[1]!.oid]);
    expect(await fileOnRemote(url, 'east-kat/protocol.yaml')).toContain('id: east-kat');
    expect(await fileOnRemote(url, 'south-kat/protocol.yaml')).toContain('id: south-kat');
  });
});
