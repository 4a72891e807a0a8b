/** The whole studio chrome in Japanese, chosen in the rail, independent of the protocol's languages; dates follow it. */
import { afterEach, describe, expect, it } from 'vitest';
import { browserSuiteMissing, openStudio, screenshot, waitForValidation, type Studio } from './harness';

const missing = browserSuiteMissing();
/** Form edits go to main and back; a loaded machine may take a few seconds. */
const WAIT = { timeout: 20_000 };

describe.skipIf(!!missing)('the studio in Japanese', () => {
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close();
    studio = undefined;
  });

  it('renders the library, editor, problems and site setup in Japanese and keeps the choice', async () => {
    studio = await openStudio();
    const { page } = studio;
    await studio.host.service.createFromTemplate({ templateId: 'first-responder-6-week', protocolId: 'fr', title: 'First responders' });
    await page.reload();
    await page.waitForSelector('#library-title');
    expect(await page.textContent('#library-title')).toBe('Library');

    await page.selectOption('select[name="uiLanguage"]', 'ja');
    await expect.poll(() => page.textContent('#library-title'), WAIT).toBe('ライブラリ');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.locator('.rail-item').allTextContents()).toEqual(expect.arrayContaining(['ライブラリ', 'エディター', '施設の設定', 'バインダー']));
    // Dates in the library are written the Japanese way (年/月/日).
    expect(await page.textContent('.table tbody')).toMatch(/\d{1,2}:\d{2}|\d+年\d+月\d+日/);
    await screenshot(page, 'i18n-library-ja');

    await page.click('.table button:has-text("First responders")');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await waitForValidation(page);
    expect(await page.textContent('#problems-title')).toMatch(/^問題/);
    expect(await page.textContent('.problems .counts')).toMatch(/エラー \d+ 件/);
    expect(await page.textContent('.editor-view .head-actions')).toContain('コミット…');
    await screenshot(page, 'i18n-editor-ja');

    await page.click('.rail-item[data-view="site"]');
    await page.waitForSelector('[data-testid="site-progress"]');
    expect(await page.textContent('[data-testid="site-progress"]')).toMatch(/^\d+ 件中 \d+ 件完了$/);
    expect(await page.textContent('#site-title')).toBe('施設の設定');
    expect(await page.textContent('label[for="field-programme_weeks"]')).toBe('期間（週）');
    await screenshot(page, 'i18n-site-setup-ja');

    // The choice is kept for the next visit; English comes back just as easily.
    await page.reload();
    await expect.poll(() => page.textContent('.rail-item[data-view="library"]'), WAIT).toBe('ライブラリ');
    await page.selectOption('select[name="uiLanguage"]', 'en');
    await expect.poll(() => page.textContent('.rail-item[data-view="library"]'), WAIT).toBe('Library');
  }, 120_000);
});
