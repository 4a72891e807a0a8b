/**
 * The Sync panel in the browser (loopback host + built renderer): add a remote, fetch a base model, see a
 * new base version with its classified changes, the Library's "base has moved on" notice, and publish an
 * adaptation to a partner remote the panel creates.
 */
import { join } from 'node:path';
import git from 'isomorphic-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRemote, publish } from '../../main/sync';
import { gitFs } from '../../main/sync/git-fs';
import { Workspace } from '../../main/store/workspace';
import { axeSerious, browserSuiteMissing, openStudio, screenshot, type Studio } from '../e2e/harness';
import { bareRemote, BASE_TEXT, commitText, edit } from './fixtures';

const missing = browserSuiteMissing();

describe.skipIf(missing !== null)('Sync panel', () => {
  let studio: Studio;
  let origin: Workspace;
  let modelsUrl: string;
  beforeAll(async () => {
    studio = await openStudio();
    modelsUrl = await bareRemote('models', studio.dir);
    origin = Workspace.open(join(studio.dir, 'origin.sqlite'));
    origin.createProtocol({ template: { id: 'scratch', text: BASE_TEXT }, author: 'Dr Rivera' });
    addRemote(origin, { name: 'models', url: modelsUrl, audience: 'partner' }, 'Dr Rivera');
    await publish(origin, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: join(studio.dir, 'origin.sync.git') });
  }, 120_000);
  afterAll(async () => {
    origin?.close();
    await studio?.close();
  });

  it('fetches a base, shows its new version and the moved-on notice, publishes an adaptation', async () => {
    const { page } = studio;
    await page.click('[data-view="sync"]');
    await page.fill('input[name="remote-name"]', 'coast');
    await page.fill('input[name="remote-url"]', modelsUrl);
    await page.click('button:has-text("Add remote")');
    await page.getByTestId('sync-remotes').getByText('coast').waitFor();
    await page.click('[data-testid="sync-remotes"] button:has-text("Fetch")');
    await page.getByTestId('sync-fetched').getByText('Version 1 (1.0.0) by Dr Rivera').waitFor();

    await studio.host.service.createAdaptation({ baseProtocolId: 'coast-kat', baseVersion: 1, protocolId: 'north-kat', siteName: 'North Clinic' });
    commitText(origin, 'coast-kat', edit(edit(BASE_TEXT, 'max: 1.0', 'max: 1.2'), 'versionLabel: 1.0.0', 'versionLabel: 1.1.0'), 'Dr Rivera', 'IM maximum 1.2 mg/kg');
    await publish(origin, { remote: 'models', protocolId: 'coast-kat', actor: 'Dr Rivera', mirror: join(studio.dir, 'origin.sync.git') });

    await page.click('[data-testid="sync-remotes"] button:has-text("Fetch")');
    const fetched = page.getByTestId('sync-fetched');
    await fetched.getByText('Version 2 (1.1.0) by Dr Rivera: IM maximum 1.2 mg/kg').waitFor();
    expect(await fetched.textContent()).toMatch(/Clinical.*1 mg\/kg → 1\.2 mg\/kg/);
    await page.getByTestId('sync-bases-moved').waitFor();
    await screenshot(page, 'sync-panel-fetched');
    expect(await axeSerious(page)).toEqual([]);

    // A partner remote made from the panel, and the adaptation published to it.
    const partnerUrl = join(studio.dir, 'partner.git');
    await page.fill('input[name="remote-name"]', 'partners');
    await page.fill('input[name="remote-url"]', partnerUrl);
    await page.check('input[name="remote-create"]');
    await page.click('button:has-text("Add remote")');
    await page.getByTestId('sync-remotes').getByText('partners').waitFor();
    await page.selectOption('select[name="publish-protocol"]', 'north-kat');
    await page.selectOption('select[name="publish-remote"]', 'partners');
    await page.click('button.primary:has-text("Publish")');
    await page.waitForSelector('[data-testid="sync-published"], [role="alert"]');
    expect(await page.locator('[role="alert"]').count(), (await page.locator('[role="alert"]').allTextContents()).join()).toBe(0);
    const versions = (await studio.host.service.history({ protocolId: 'north-kat' })).length;
    const banner = await page.getByTestId('sync-published').textContent();
    expect(banner).toContain(`Published ${versions} version${versions === 1 ? '' : 's'} of north-kat to partners`);
    expect(banner).toContain('Written as a placeholder: River teaching');
    expect(await git.log({ fs: gitFs, gitdir: partnerUrl, ref: 'main' })).toHaveLength(versions);
    await screenshot(page, 'sync-panel-published');

    await page.click('[data-view="library"]');
    const notice = page.getByTestId('base-moved-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('has moved on to version 2 (1.1.0); this adaptation is on version 1');
    await screenshot(page, 'library-base-moved');
    expect(studio.consoleErrors).toEqual([]);
  }, 120_000);
});
