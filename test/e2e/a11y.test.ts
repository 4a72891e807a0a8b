/**
 * Keyboard and accessibility, in headless Chromium: axe finds no violation (of any impact) on any view or
 * dialog; a skip link leads past the navigation and one past the editor's outline; Tab indents in the editor
 * and Escape then Tab (or Ctrl+M) leaves it; every icon is an SVG, never a font glyph.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeAll, browserSuiteMissing, openStudio, screenshot, waitForValidation, type Studio } from './harness';
import { CEREMONY_PROTOCOL, openFromLibrary, seedRiverbend, tabTo } from './scratch';

const missing = browserSuiteMissing();

async function expectClean(page: Page, where: string): Promise<void> {
  const v = await axeAll(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

const view = (page: Page, id: string) => page.click(`.rail-item[data-view="${id}"]`);

describe.skipIf(!!missing)('keyboard and accessibility in the browser host', () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await openStudio();
    await seedRiverbend(studio);
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('has no axe violation on any view or dialog', async () => {
    const { page } = studio;
    await page.waitForSelector('h1:has-text("Library")');
    await expectClean(page, 'library');
    for (const [button, name] of [
      ['New from template…', 'new from template'],
      ['Adapt for a site…', 'adapt for a site'],
    ] as const) {
      await page.click(`.head-actions button:has-text("${button}")`);
      await page.waitForSelector('dialog[open]');
      await expectClean(page, `${name} dialog`);
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog', { state: 'detached' });
    }
    await page.setInputFiles('[data-testid="import-file"]', { name: 'x.yaml', mimeType: 'text/yaml', buffer: Buffer.from(CEREMONY_PROTOCOL) });
    await page.waitForSelector('dialog[open]');
    await expectClean(page, 'import dialog');
    await page.keyboard.press('Escape');

    await openFromLibrary(page, 'Riverbend Circle');
    await expectClean(page, 'editor');
    await page.click('button:has-text("Commit…")');
    await page.waitForSelector('dialog[open]');
    await expectClean(page, 'commit dialog');
    await page.keyboard.press('Escape');
    await page.click('button:has-text("Site rules…")');
    await page.waitForSelector('dialog[open]');
    await expectClean(page, 'site rules dialog');
    await page.keyboard.press('Escape');
    await page.click('#tab-preview');
    await expectClean(page, 'editor preview');

    await view(page, 'site');
    await page.waitForSelector('[data-testid="site-progress"]');
    await expectClean(page, 'site setup');

    await view(page, 'versions');
    await page.click('.timeline li:first-child button:has-text("Open read-only")');
    await page.waitForSelector('.readonly-host .monaco-editor');
    await expectClean(page, 'versions');

    await view(page, 'diff');
    await page.click('form.toolbar button[type="submit"]');
    await page.waitForSelector('.diff-grid .change');
    await expectClean(page, 'compare');
    await screenshot(page, 'a11y-compare');

    await view(page, 'review');
    await page.waitForSelector('.review-card');
    await expectClean(page, 'review (cultural)');
    await page.click('#track-medical');
    await expectClean(page, 'review (medical)');

    await view(page, 'qi');
    await page.waitForSelector('.qi-timeline');
    await expectClean(page, 'QI timeline');
    await page.click('button:has-text("Cycle report")');
    await page.waitForSelector('#qi-report-title');
    await expectClean(page, 'QI report');

    await view(page, 'binder');
    await page.waitForSelector('.binder-preview iframe');
    await expectClean(page, 'binder');

    await openFromLibrary(page, 'Lakeside');
    await view(page, 'adapt');
    await page.waitForSelector('h1:has-text("Adapt")');
    await expectClean(page, 'adapt');

    // Icons are SVG: no private-use or symbol glyph a font may lack in the navigation or buttons.
    const glyphs = await page.evaluate(() => [...document.querySelectorAll('button, .rail, .brand')].map((el) => el.textContent ?? '').join(' ').match(/[\u2300-\u23ff\u2460-\u27bf\u2b00-\u2bff\ue000-\uf8ff]/gu));
    expect(glyphs).toBeNull();
  }, 300_000);

  it('skips past the navigation and the outline, and lets Tab indent in the editor with Escape then Tab to leave', async () => {
    const { page } = studio;
    await openFromLibrary(page, 'Riverbend Circle');
    // A fresh page (it reopens on the same protocol and view): the first Tab reaches the skip link, which moves focus into the main area.
    await page.reload();
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await waitForValidation(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Tab indents inside the editor…
    await page.evaluate(() => {
      const ed = window.__studioEditor!.editor;
      ed.setPosition({ lineNumber: 4, column: 1 });
      ed.focus();
    });
    const before = await page.evaluate(() => window.__studioEditor!.editor.getModel()!.getLineContent(4));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => window.__studioEditor!.editor.getModel()!.getLineContent(4))).toBe(`  ${before}`);
    expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
    // …and Escape then Tab leaves it, to the link that skips the outline; it leads to the problems.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip the outline, go to the problems');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('problems'))).toBe(true);

    // Ctrl+M: Tab moves focus instead of indenting, until pressed again.
    await page.evaluate(() => window.__studioEditor!.editor.focus());
    await page.keyboard.press('Control+m');
    const text = await page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue());
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(false);
    expect(await page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue())).toBe(text);
    await page.evaluate(() => window.__studioEditor!.editor.focus());
    await page.keyboard.press('Control+m');

    // The Compare view's list of changes is a named, focusable scroll region.
    await view(page, 'diff');
    await page.click('form.toolbar button[type="submit"]');
    await page.waitForSelector('.diff-grid .change');
    await tabTo(page, '.changes[role="region"]');
    expect(await page.getAttribute('.changes', 'aria-label')).toBe('Changes by category');
  }, 120_000);
});
