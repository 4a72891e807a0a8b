/** The Sync panel's service methods through the contract (`call` validates like IPC and the host do). */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../main/contract';
import { StudioService } from '../../main/services';
import { BASE_TEXT, edit, tempDir } from './fixtures';

const services: StudioService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.close()));

async function studio(dir: string, name: string, author: string): Promise<StudioService> {
  const svc = await StudioService.open({ workspacePath: join(dir, `${name}.sqlite`), host: 'browser', author });
  services.push(svc);
  return svc;
}

describe('sync in the studio service', () => {
  it('creates a remote, publishes with progress, fetches into another site and shows the base that moved on', async () => {
    const dir = tempDir();
    const origin = await studio(dir, 'origin', 'Dr Rivera');
    await origin.importProtocol({ text: BASE_TEXT, fileName: 'coast.yaml' });
    const url = join(dir, 'shared', 'models.git');
    const status = (await origin.call('syncAddRemote', { name: 'models', url, audience: 'partner', create: true })) as Awaited<ReturnType<StudioService['syncStatus']>>;
    expect(status.remotes).toMatchObject([{ name: 'models', url, audience: 'partner', lastSeenTip: null }]);

    const events: ExportProgress[] = [];
    origin.onExportProgress((p) => events.push(p));
    const pub = await origin.call('syncPublish', { protocolId: 'coast-kat', remote: 'models', jobId: 'job-1' });
    expect(pub).toMatchObject({ published: 1, tags: ['coast-kat/1.0.0'] });
    expect(events.at(-1)).toMatchObject({ jobId: 'job-1', phase: 'Published', fraction: 1, done: true });
    expect(events.some((e) => e.phase === 'Sending versions' && e.fraction === 1)).toBe(true);

    const site = await studio(dir, 'site', 'Nurse Okafor');
    await site.call('syncAddRemote', { name: 'coast', url, audience: 'partner' });
    const got = (await site.call('syncFetch', { remote: 'coast', jobId: 'job-2' })) as Awaited<ReturnType<StudioService['syncFetch']>>;
    expect(got.protocols[0]).toMatchObject({ protocolId: 'coast-kat', created: true });
    await site.createAdaptation({ baseProtocolId: 'coast-kat', baseVersion: 1, protocolId: 'north-kat', siteName: 'North Clinic' });

    const draft = await origin.openDraft({ protocolId: 'coast-kat' });
    await origin.commit({ protocolId: 'coast-kat', text: edit(draft.text, 'minSpacingDays: 7', 'minSpacingDays: 14'), message: 'Two weeks apart', expectedBase: 1 });
    await origin.call('syncPublish', { protocolId: 'coast-kat', remote: 'models', jobId: 'job-3' });
    await site.call('syncFetch', { remote: 'coast', jobId: 'job-4' });
    expect((await site.syncStatus()).basesMovedOn).toMatchObject([{ protocolId: 'north-kat', baseProtocolId: 'coast-kat', onSeq: 1, newestSeq: 2 }]);
  });

  it('checks inputs in main and names a refused publish', async () => {
    const dir = tempDir();
    const svc = await studio(dir, 'w', 'Dr Rivera');
    await expect(svc.call('syncAddRemote', { name: '../etc', url: '/x', audience: 'partner' })).rejects.toMatchObject({ name: 'ContractError' });
    await expect(svc.call('syncAddRemote', { name: 'x', url: '/x', audience: 'everyone' })).rejects.toMatchObject({ name: 'ContractError' });
    await expect(svc.call('syncAddRemote', { name: 'x', url: 'git@host:x.git', audience: 'public', create: true })).rejects.toThrow(/ssh remotes are not supported/);
    expect((await svc.syncStatus()).remotes).toEqual([]);
    await svc.importProtocol({ text: edit(BASE_TEXT, 'placeholder: A teaching on the river, shared by the Knowledge Keeper in person.', 'text: Words of the teaching.'), fileName: 'c.yaml' });
    await svc.call('syncAddRemote', { name: 'web', url: join(dir, 'web.git'), audience: 'public', create: true });
    await expect(svc.call('syncPublish', { protocolId: 'coast-kat', remote: 'web', jobId: 'j' })).rejects.toMatchObject({ name: 'SharingBreachError' });
  });
});
