/**
 * Site rules in the browser host: a site's reference override (IM max 1.2 mg/kg) makes the RTT template's
 * 1.5 a DOSE-01 problem, and switching READ-01 off removes its entries; the dialog is labelled and accessible.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, browserSuiteMissing, openStudio, screenshot, newFromTemplateInUi, waitForValidation, type Studio } from './harness';

const missing = browserSuiteMissing();
if (missing) console.warn(`[e2e] skipping the site rules test: ${missing}`);

const count = (page: Page, code: string) => page.locator(`.problem[data-code="${code}"]`).count();
const markers = (page: Page, code: string) =>
  page.evaluate((c) => window.__studioEditor!.monaco.editor.getModelMarkers({ owner: 'protocol-studio' }).filter((m) => m.code === c).length, code);

describe.skipIf(!!missing)('site rules in the browser host', () => {
  let studio: Studio;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudio();
    page = studio.page;
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('applies reference overrides and switched-off rules to the markers', async () => {
    await page.waitForSelector('h1:has-text("Library")');
    await newFromTemplateInUi(page, 'rtt-kat-12-week', 'rtt-site-rules');
    await waitForValidation(page);
    await expect.poll(() => count(page, 'READ-01')).toBeGreaterThan(0);
    expect(await count(page, 'DOSE-01')).toBe(0);

    // Open the panel from the keyboard-reachable button; every rule has a labelled checkbox.
    await page.click('.editor-view:not([hidden]) button:has-text("Site rules…")');
    await page.waitForSelector('dialog tr[data-rule="READ-01"] input[type="checkbox"]');
    expect(await page.isChecked('dialog #rule-READ-01')).toBe(true);
    expect(await page.textContent('dialog')).toContain("signed off by the programme's medical lead");
    expect(await page.textContent('dialog .rule-settings-bundled')).toContain('"max": 1.5');
    const violations = await axeSerious(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // Invalid JSON is refused inline and nothing changes.
    await page.fill('dialog textarea[name="reference"]', '{"dose": ');
    await page.click('dialog button[type="submit"]');
    await page.waitForSelector('dialog [role="alert"]:has-text("not valid JSON")');
    // A key that is not a reference value is refused by main, with its path.
    await page.fill('dialog textarea[name="reference"]', '{"dose": {"ketamine": {"IM": {"maximum": 1.2}}}}');
    await page.click('dialog button[type="submit"]');
    await page.waitForSelector('dialog [role="alert"]:has-text("dose.ketamine.IM.maximum is not a reference value")');

    await page.fill('dialog textarea[name="reference"]', '{"dose": {"ketamine": {"IM": {"max": 1.2}}}}');
    await page.uncheck('dialog #rule-READ-01');
    await screenshot(page, 'site-rules-dialog');
    await page.click('dialog button[type="submit"]');
    await page.waitForSelector('dialog', { state: 'detached' });

    await expect.poll(() => count(page, 'DOSE-01')).toBe(1);
    await expect.poll(() => markers(page, 'DOSE-01')).toBe(1);
    await expect.poll(() => count(page, 'READ-01')).toBe(0);
    expect(await markers(page, 'READ-01')).toBe(0);

    // Reopening shows what was saved; the settings stay with the protocol for the next edit.
    await page.click('.editor-view:not([hidden]) button:has-text("Site rules…")');
    await page.waitForSelector('dialog #rule-READ-01');
    expect(await page.isChecked('dialog #rule-READ-01')).toBe(false);
    expect(JSON.parse(await page.inputValue('dialog textarea[name="reference"]'))).toEqual({ dose: { ketamine: { IM: { max: 1.2 } } } });
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
  });
});
