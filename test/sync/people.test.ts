/** People travel by name with their register id: commits and sign-offs name them, a site's register stays its own. */
import git from 'isomorphic-git';
import { describe, expect, it } from 'vitest';
import { approve } from '../../main/store/review-store';
import { fetchRemote, publish } from '../../main/sync';
import { gitFs } from '../../main/sync/git-fs';
import { bareRemote, BASE_TEXT, commitText, edit, remote, site } from './fixtures';

describe('people across sites', () => {
  it('publishes names with person ids and commits fetched versions under a registered person', async () => {
    const url = await bareRemote('models');
    const origin = site('origin');
    const rivera = origin.ws.addPerson({ name: 'Dr Ana Rivera', roles: ['medical_lead'], id: 'ana-rivera' });
    const chen = origin.ws.addPerson({ name: 'Dr Li Chen', roles: ['medical_lead', 'prescriber'], id: 'li-chen' }, { by: rivera.id });
    origin.ws.createProtocol({ template: { id: 'scratch', text: BASE_TEXT }, author: rivera.id });
    approve(origin.ws, { protocolId: 'coast-kat', sectionKey: 'medicineSessions.routes[im]', track: 'medical' }, { reviewer: chen.id, role: 'medical_lead' });
    remote(origin, 'models', url, 'partner');
    const first = await publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: rivera.id, mirror: origin.mirror });
    const [commit] = await git.log({ fs: gitFs, gitdir: url, ref: 'main' });
    expect(commit!.commit.author.name).toBe('Dr Ana Rivera');
    expect(first.published).toBe(1);

    // The site has its own register: Dr Rivera is not in it, its coordinator fetches.
    const north = site('north');
    const sam = north.ws.addPerson({ name: 'Sam Okafor', roles: ['program_director'], id: 'sam-okafor' });
    remote(north, 'coast', url, 'partner');
    const got = await fetchRemote(north.ws, { remote: 'coast', actor: sam.id, mirror: north.mirror });
    expect(got.protocols[0]).toMatchObject({ created: true, signoffs: [{ reviewer: 'Dr Li Chen', personId: 'li-chen', state: 'holds' }] });
    expect(north.ws.head('coast-kat')!.author).toBe('sam-okafor');

    // Once Dr Rivera is registered at the site too, her next version is committed under her own id.
    north.ws.addPerson({ name: 'Dr Ana Rivera', roles: ['medical_lead'], id: 'ana-rivera' }, { by: sam.id });
    commitText(origin.ws, 'coast-kat', edit(BASE_TEXT, 'observationMin: 120', 'observationMin: 150'), rivera.id, 'Longer observation');
    await publish(origin.ws, { remote: 'models', protocolId: 'coast-kat', actor: rivera.id, mirror: origin.mirror });
    await fetchRemote(north.ws, { remote: 'coast', actor: sam.id, mirror: north.mirror });
    const head = north.ws.head('coast-kat')!;
    expect(head).toMatchObject({ seq: 2, author: 'ana-rivera', message: 'Longer observation' });
  });
});
