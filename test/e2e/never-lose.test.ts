/**
 * Never lose work, in headless Chromium against the browser host: keystrokes survive a reload 50 ms after
 * typing, the studio reopens on the same protocol, view and cursor; Ctrl+S opens the commit dialog and
 * focus returns to the editor after it; restoring a version over a draft asks first, and the replaced draft can
 * be brought back; File › Import… brings a YAML file in as a new protocol, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteMissing, openStudio, ROOT, screenshot, waitForValidation, type Studio } from './harness';
import { CEREMONY_PROTOCOL, openFromLibrary } from './scratch';

const missing = browserSuiteMissing();
const editorText = (s: Studio) => s.page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue());
const cursor = (s: Studio) => s.page.evaluate(() => window.__studioEditor!.editor.getPosition()!.toJSON());

describe.skipIf(!!missing)('never lose work in the browser host', () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await openStudio();
    studio.host.service.ws.createProtocol({ template: { id: 'scratch', text: CEREMONY_PROTOCOL }, id: 'riverbend', author: 'Quinn' });
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('keeps keystrokes typed 50 ms before a reload, and reopens on the same protocol, view and cursor', async () => {
    const { page } = studio;
    await openFromLibrary(page, 'Riverbend Circle');
    await page.evaluate(() => {
      const ed = window.__studioEditor!.editor;
      ed.setPosition({ lineNumber: 3, column: 1 });
      ed.focus();
    });
    await page.keyboard.type('# typed just before the reload\n');
    await page.waitForTimeout(50);
    await page.reload();

    // Back on the editor of the same protocol, with the text and the cursor where they were.
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await waitForValidation(page);
    expect(await page.textContent('.editor-view h1')).toContain('Riverbend Circle');
    expect(await editorText(studio)).toContain('# typed just before the reload\nschemaVersion: 1');
    expect(await cursor(studio)).toEqual({ lineNumber: 4, column: 1 });
    // And it reached the workspace, not only the browser.
    await expect.poll(async () => (await studio.host.service.openDraft({ protocolId: 'riverbend' })).text).toContain('# typed just before the reload');
    await screenshot(page, 'never-lose-01-after-reload');
  }, 120_000);

  it('opens the commit dialog with Ctrl+S and gives focus back to the editor when it closes', async () => {
    const { page } = studio;
    await page.evaluate(() => window.__studioEditor!.editor.focus());
    await page.keyboard.press('Control+s');
    await page.waitForSelector('dialog[open] h2:has-text("Commit a version")');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('message');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
  }, 60_000);

  it('asks before a restore replaces the draft, and keeps the draft when the answer is no', async () => {
    const { page } = studio;
    await page.click('.rail-item[data-view="versions"]');
    await page.click('button[aria-label="Restore as draft: version 1"]');
    await page.waitForSelector('dialog[open] h2:has-text("Replace your draft?")');
    await screenshot(page, 'never-lose-02-confirm-restore');
    // Cancel has focus: Enter or Escape keeps the draft.
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog', { state: 'detached' });
    expect((await studio.host.service.openDraft({ protocolId: 'riverbend' })).text).toContain('# typed just before the reload');

    await page.click('button[aria-label="Restore as draft: version 1"]');
    await page.click('dialog[open] button:has-text("Replace it with version 1")');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await expect.poll(() => editorText(studio)).not.toContain('# typed just before the reload');

    // The replaced draft stays recoverable from the Versions view.
    await page.click('.rail-item[data-view="versions"]');
    await page.waitForSelector('.replaced-drafts li');
    await page.click('.replaced-drafts li:first-child button:has-text("Bring back")');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await expect.poll(() => editorText(studio)).toContain('# typed just before the reload');
  }, 60_000);

  it('imports a YAML file as a new protocol from the Library', async () => {
    const { page } = studio;
    const file = join(ROOT, 'test', 'fixtures', 'scratch', 'individual-esketamine.protocol.yaml');
    const text = readFileSync(file, 'utf8');
    await page.click('.rail-item[data-view="library"]');
    await page.setInputFiles('[data-testid="import-file"]', file);
    await page.waitForSelector('dialog[open] h2:has-text("Import a protocol from a file")');
    await screenshot(page, 'never-lose-03-import');
    await page.click('dialog[open] button[type="submit"]');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    const summary = (await studio.host.service.listProtocols()).find((p) => p.id !== 'riverbend')!;
    expect(summary.latestVersion).toBe(1);
    expect((await studio.host.service.getVersion({ protocolId: summary.id, version: 1 })).text).toBe(text);
    await expect.poll(() => editorText(studio)).toBe(text);

    // A file that is not a protocol is refused in words, with its line, and nothing is created.
    await page.click('.rail-item[data-view="library"]');
    await page.setInputFiles('[data-testid="import-file"]', { name: 'notes.yaml', mimeType: 'text/yaml', buffer: Buffer.from('shopping: [milk, eggs\n') });
    await page.click('dialog[open] button[type="submit"]');
    await expect.poll(() => page.textContent('dialog[open] [role="alert"]')).toMatch(/^notes\.yaml:\d+:\d+: .*Nothing was imported\./);
    expect((await studio.host.service.listProtocols()).length).toBe(2);
    expect(studio.consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  }, 60_000);
});
