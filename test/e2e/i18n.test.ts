/**
 * The whole studio chrome in Japanese, chosen in the rail, independent of the protocol's languages; dates follow it.
 * Every view and the main dialogs are visited with Japanese chosen, and no text, label or title of the chrome
 * may be an English UI string (from en.json, or a sentence the code still hard-codes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chromeTexts, englishLooking, untranslated } from './chrome-text';
import { axeSerious, browserSuiteMissing, openStudio, screenshot, waitForValidation, type Studio } from './harness';
import { CEREMONY_PROTOCOL, openFromLibrary, seedRiverbend } from './scratch';

const missing = browserSuiteMissing();
/** Form edits go to main and back; a loaded machine may take a few seconds. */
const WAIT = { timeout: 20_000 };

/** What the test itself wrote (titles, names, messages, ids) and what is not language: these may read as English. */
const DATA: (string | RegExp)[] = [
  'Riverbend',
  'Lakeside',
  'Quinn',
  'Observe longer',
  'Nobody leaves drowsy',
  'Protocol Studio',
  'riverbend',
  'lakeside',
  'English',
  // Names and block titles the protocol holds.
  'Grandmother Rose',
  'Opening',
  'Closing circle',
  'x.yaml',
  // Main's name for whoever works when nobody is chosen, and the examples in the Sync form.
  'Studio user',
  'models',
  '/mnt/share/models.git',
  // The message main writes for a protocol's first version.
  /^Created from template /,
  // Ids, file names and units.
  /^[a-z0-9]+(-[a-z0-9]+)+$/,
  /^(PDF|YAML|JSON|QI|TK|CA-[A-Z]{2}|mmHg|mg\/kg|https?:.*|v\d+.*)$/,
];

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
    expect(await page.textContent('[data-testid="language-names"]')).toMatch(/^en: 英語/);
    await screenshot(page, 'i18n-site-setup-ja');

    // The choice is kept for the next visit; English comes back just as easily.
    await page.reload();
    await expect.poll(() => page.textContent('.rail-item[data-view="library"]'), WAIT).toBe('ライブラリ');
    // Monaco's own words follow the language the studio started in: its find box reads Japanese.
    await page.click('.rail-item[data-view="library"]');
    await page.click('.table button:has-text("First responders")');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await page.click('.editor-view:not([hidden]) .monaco-editor .view-lines');
    await page.keyboard.press('Control+f');
    await page.waitForSelector('.editor-view:not([hidden]) .find-widget .input');
    expect(await page.getAttribute('.editor-view:not([hidden]) .find-widget .input', 'aria-label')).toBe('検索');
    await page.waitForTimeout(400); // the find box slides in
    await screenshot(page, 'i18n-editor-find-ja');
    await page.selectOption('select[name="uiLanguage"]', 'en');
    await expect.poll(() => page.textContent('.rail-item[data-view="library"]'), WAIT).toBe('Library');
  }, 120_000);

  it('shows no English UI string on any view or main dialog', async () => {
    studio = await openStudio();
    const { page } = studio;
    await seedRiverbend(studio);
    // A saved draft, so that restoring a version asks first.
    const text = (await studio.host.service.openDraft({ protocolId: 'riverbend' })).text;
    await studio.host.service.saveDraft({ protocolId: 'riverbend', text: text.replace('observationMin: 150', 'observationMin: 140') });

    await page.reload();
    await page.selectOption('select[name="uiLanguage"]', 'ja');
    await expect.poll(() => page.textContent('#library-title'), WAIT).toBe('ライブラリ');

    const found: string[] = [];
    const check = async (where: string) => {
      const texts = await chromeTexts(page);
      found.push(...[...untranslated(texts), ...englishLooking(texts, DATA)].map((s) => `${where} — ${s}`));
    };
    const dialog = async (open: () => Promise<void>, where: string) => {
      await open();
      await page.waitForSelector('dialog[open]');
      await check(where);
      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog[open]', { state: 'detached' });
    };
    const view = async (id: string, ready: string) => {
      await page.click(`.rail-item[data-view="${id}"]`);
      await page.waitForSelector(ready);
    };

    await check('library');
    await dialog(() => page.click('.head-actions button.primary'), 'new protocol dialog');
    await dialog(() => page.click('.head-actions button.secondary:not(.with-icon)'), 'adapt dialog');
    await dialog(() => page.setInputFiles('[data-testid="import-file"]', { name: 'x.yaml', mimeType: 'text/yaml', buffer: Buffer.from(CEREMONY_PROTOCOL) }), 'import dialog');
    await dialog(() => page.click('.working button'), 'who-is-working dialog');

    await openFromLibrary(page, 'Riverbend Circle');
    await check('editor');
    await screenshot(page, 'i18n-all-editor-ja');
    await dialog(() => page.click('.editor-view .head-actions button.primary'), 'commit dialog');
    await dialog(() => page.click('.editor-view .head-actions button.secondary >> nth=1'), 'site rules dialog');
    await page.click('#tab-preview');
    await check('editor preview');

    await view('site', '[data-testid="site-progress"]');
    await check('site setup');

    await view('versions', '.timeline li');
    await page.click('.timeline li:first-child .row button >> nth=0');
    await page.waitForSelector('.readonly-host .monaco-editor');
    await check('versions');
    await screenshot(page, 'i18n-all-versions-ja');
    await dialog(() => page.click('.timeline li:first-child .row button >> nth=1'), 'restore confirm dialog');

    await view('diff', 'form.toolbar');
    await page.click('form.toolbar button[type="submit"]');
    await page.waitForSelector('.diff-grid .change');
    await check('compare');
    await screenshot(page, 'i18n-all-compare-ja');

    await view('review', '.review-card');
    await check('review (cultural)');
    await screenshot(page, 'i18n-all-review-ja');
    await page.click('#track-medical');
    await check('review (medical)');

    await view('qi', '.qi-timeline');
    await check('QI timeline');
    await screenshot(page, 'i18n-all-qi-ja');
    await page.click('.qi-timeline button[id^="report-"]');
    await page.waitForSelector('#qi-report-title');
    await check('QI report');

    await view('binder', '.binder-preview iframe');
    await check('binder');
    await screenshot(page, 'i18n-all-binder-ja');

    await view('sync', '#sync-title');
    await check('sync');
    await screenshot(page, 'i18n-all-sync-ja');

    await openFromLibrary(page, 'Lakeside');
    await view('adapt', '#adapt-title');
    await page.click('.adapt .toolbar button.primary');
    await page.waitForSelector('.rebase');
    await check('adapt');
    await screenshot(page, 'i18n-all-adapt-ja');

    expect(found).toEqual([]);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await axeSerious(page)).toEqual([]);
    expect(studio.consoleErrors).toEqual([]);
  }, 300_000);
});
