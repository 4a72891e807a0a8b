/**
 * In headless Chromium against the browser host: rebasing a site adaptation onto a newer base with
 * conflicts resolved in the Adapt screen, and a draft that survives closing the page and restarting
 * the host on the same SQLite file.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/host';
import { browserSuiteMissing, openStudio, screenshot, waitForValidation, type Studio } from './harness';

const missing = browserSuiteMissing();

async function openProtocol(page: Page, title: string): Promise<void> {
  await page.click('.rail-item[data-view="library"]');
  await page.click(`.table button:has-text("${title}")`);
  await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
  await waitForValidation(page);
}

const editorText = (page: Page) => page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue());

describe.skipIf(!!missing)('adapt and draft recovery in the browser host', () => {
  let studio: Studio | undefined;
  let restarted: BrowserHost | undefined;

  afterEach(async () => {
    await restarted?.close();
    restarted = undefined;
    await studio?.close();
    studio = undefined;
  });

  it('rebases a site onto a newer base, resolving each conflict as site, base or edited', async () => {
    studio = await openStudio();
    const { page } = studio;
    const svc = studio.host.service;
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
    await svc.createAdaptation({ baseProtocolId: 'base', baseVersion: 1, protocolId: 'cedar', siteName: 'Cedar River Clinic', jurisdiction: 'CA-BC' });
    const change = (text: string, max: string, obs: string, spacing: string) =>
      text.replace('max: 1.5', `max: ${max}`).replace('observationMin: 120', `observationMin: ${obs}`).replace('minSpacingDays: 7', `minSpacingDays: ${spacing}`);
    await svc.commit({ protocolId: 'base', text: change((await svc.openDraft({ protocolId: 'base' })).text, '1.4', '150', '14'), message: 'Base: new reference values' });
    await svc.commit({ protocolId: 'cedar', text: change((await svc.openDraft({ protocolId: 'cedar' })).text, '1.3', '90', '10'), message: 'Cedar: our own values' });

    await page.reload();
    await openProtocol(page, 'Cedar River Clinic');
    await page.click('.rail-item[data-view="adapt"]');
    await page.waitForSelector('select[name="baseVersion"] option[value="2"]', { state: 'attached' });
    await page.selectOption('select[name="baseVersion"]', '2');
    await page.click('button:has-text("Preview rebase")');

    const max = '[data-conflict="medicineSessions.routes[im].max"]';
    const obs = '[data-conflict="medicineSessions.observationMin"]';
    const spacing = '[data-conflict="medicineSessions.minSpacingDays"]';
    await page.waitForSelector(max);
    // Both sides of each conflict are shown.
    expect(await page.textContent(`${max} .side-card:has-text("Keep this site's") pre`)).toBe('1.3');
    expect(await page.textContent(`${max} .side-card:has-text("Take the new base") pre`)).toBe('1.4');
    expect(await page.textContent(`${obs} .side-card:has-text("Take the new base") pre`)).toBe('150');

    await page.check(`${obs} .side-card:has-text("Take the new base") input[type="radio"]`);
    await page.check(`${spacing} .side-card:has-text("Keep this site's") input[type="radio"]`);
    await page.fill(`${max} textarea`, '1.35');
    expect(await page.isChecked(`${max} .side-card:has-text("Write my own") input[type="radio"]`)).toBe(true);
    await screenshot(page, '09-adapt');

    const committed = (await svc.history({ protocolId: 'cedar' })).length;
    await page.click('button:has-text("Apply as draft")');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await expect.poll(() => editorText(page)).toContain('max: 1.35');
    const draft = (await svc.openDraft({ protocolId: 'cedar' })).text;
    expect(draft).toMatch(/^\s*max: 1\.35\b/m);
    expect(draft).toMatch(/^\s*observationMin: 150\b/m);
    expect(draft).toMatch(/^\s*minSpacingDays: 10\b/m);
    expect(draft).not.toMatch(/^\s*max: 1\.[34]\b/m);
    // Nothing was committed: the draft waits for review.
    expect((await svc.history({ protocolId: 'cedar' })).length).toBe(committed);
    expect((await svc.listProtocols()).find((p) => p.id === 'cedar')!.hasDraft).toBe(true);
  }, 120_000);

  it('restores an autosaved draft after the page closes and the host restarts on the same file', async () => {
    studio = await openStudio();
    const svc = studio.host.service;
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base', title: 'Recovery check' });
    await studio.page.reload();
    await openProtocol(studio.page, 'Recovery check');
    expect(await studio.page.evaluate(() => window.__studioEditor!.replace('max: 1.5', 'max: 1.25'))).toBe(true);
    await studio.page.waitForSelector('[data-testid="save-state"]:has-text("Saved draft")');

    // A "crash": the page goes away without committing, the host stops, a new one opens the same file.
    await studio.page.close();
    await studio.host.close();
    restarted = await startBrowserHost({ workspacePath: join(studio.dir, 'workspace.sqlite') });
    const page = await studio.browser.newPage();
    await page.goto(restarted.url);
    await openProtocol(page, 'Recovery check');
    expect(await editorText(page)).toContain('max: 1.25');
    await expect.poll(() => page.textContent('[data-testid="save-state"]')).toMatch(/^Saved draft/);
    expect((await restarted.service.history({ protocolId: 'base' })).length).toBe(1);
  }, 120_000);
});
