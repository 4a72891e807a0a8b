/**
 * A director adapts RTT-KaT for a new site through the site-setup form alone — 10 weeks, sublingual
 * only, Japanese beside English — and commits it; the committed YAML keeps the template's comments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { browserSuiteMissing, openStudio, screenshot, waitForValidation, type Studio } from './harness';

const missing = browserSuiteMissing();
/** Form edits go to main and back; a loaded machine may take a few seconds. */
const WAIT = { timeout: 20_000 };

const progress = async (studio: Studio) => (await studio.page.textContent('[data-testid="site-progress"]')) ?? '';
const doneCount = async (studio: Studio) => Number(/(\d+) of/.exec(await progress(studio))?.[1]);

describe.skipIf(!!missing)('site setup in the browser host', () => {
  let studio: Studio | undefined;
  afterEach(async () => {
    await studio?.close();
    studio = undefined;
  });

  it('adapts RTT-KaT through the form and commits it with the YAML comments intact', async () => {
    studio = await openStudio();
    const { page } = studio;
    const svc = studio.host.service;
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'rtt' });
    // The model as an English-only base, committed, then adapted for the new site.
    const base = (await svc.openDraft({ protocolId: 'rtt' })).text.replace('languages: [en, ja]', 'languages: [en]');
    await svc.commit({ protocolId: 'rtt', text: base, message: 'English-only base' });
    await svc.createAdaptation({ baseProtocolId: 'rtt', baseVersion: 2, protocolId: 'harbour', siteName: 'SITE: new site' });

    await page.reload();
    await page.click('.rail-item[data-view="library"]');
    await page.click('.table button:has-text("SITE: new site")');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await waitForValidation(page);

    await page.click('.rail-item[data-view="site"]');
    await page.waitForSelector('[data-testid="site-progress"]');
    const before = await doneCount(studio);
    expect(await progress(studio)).toMatch(/^\d+ of 20 done$/);
    // Each checklist entry links to its field.
    await page.click('[data-decision="weeks"] a');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-programme_weeks');

    const yaml = () => page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue());
    /** Types into a field, presses Enter, and waits until the YAML in the editor holds the value. */
    const setField = async (id: string, value: string, written: RegExp) => {
      await page.fill(`#${id}`, value);
      await page.press(`#${id}`, 'Enter');
      await expect.poll(yaml, WAIT).toMatch(written);
    };
    await setField('field-metadata_site_name', 'Harbour Community Clinic', /name: "?Harbour Community Clinic"?/);
    await setField('field-programme_weeks', '10', /^ {2}weeks: 10 /m);
    await setField('field-metadata_languages', 'en, ja', /^ {2}languages: \[en, ja\]$/m);
    await page.click('button[aria-label="Remove IM · mg/kg"]');
    await page.waitForSelector('[data-key="medicineSessions.routes"] li >> nth=0');
    await expect.poll(() => page.locator('[data-key="medicineSessions.routes"] li').allTextContents(), WAIT).toEqual([expect.stringContaining('SL · mg')]);
    await expect.poll(() => doneCount(studio!), WAIT).toBeGreaterThan(before);
    expect(await page.getAttribute('[data-decision="site-name"]', 'class')).toBe('done');
    await screenshot(page, 'site-setup-director');

    // The YAML view follows the form.
    await page.click('.rail-item[data-view="editor"]');
    const text = await page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue());
    expect(text).toContain('  weeks: 10                 # [V] RTT-2025, RTT-web, Tsang-2023\n');
    expect(text).not.toMatch(/route: IM/);

    await page.click('.editor-view:not([hidden]) .head-actions button:has-text("Commit…")');
    await page.fill('dialog textarea[name="message"]', 'Harbour: 10 weeks, sublingual only, Japanese beside English');
    await page.click('dialog button[type="submit"]');
    const ours = async () => (await svc.history({ protocolId: 'harbour' })).find((v) => v.message.startsWith('Harbour: 10 weeks'));
    await expect.poll(ours, WAIT).toBeTruthy();
    const committed = (await svc.getVersion({ protocolId: 'harbour', version: (await ours())!.version })).text;
    expect(committed).toContain('# How to adapt: search for "SITE:" — those are the values a site usually changes.');
    expect(committed).toContain('  weeks: 10                 # [V] RTT-2025, RTT-web, Tsang-2023\n');
    expect(committed).toContain('    jurisdiction: CA-BC                         # SITE: set your jurisdiction (ISO 3166-2, e.g. CA-ON)\n');
    expect(committed).toContain('  languages: [en, ja]\n');
    expect(committed).toMatch(/name: "?Harbour Community Clinic"?/);
    expect(committed).not.toMatch(/route: IM/);
    expect(committed).toContain('    - id: sl\n      route: SL\n');
  }, 180_000);
});
