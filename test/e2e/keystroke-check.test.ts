/**
 * The keystroke path in the browser: after the first check the editor sends each keystroke as a change
 * to the text main last checked, not the whole protocol; when main answers that it no longer holds that
 * text, the editor sends the whole text and the problems still follow the typing.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteMissing, newFromTemplateInUi, openStudio, waitForValidation, type Studio } from './harness';

const missing = browserSuiteMissing();
if (missing) console.warn(`[e2e] skipping the keystroke check test: ${missing}`);

const doseProblems = (page: Page) =>
  page.evaluate(() => window.__studioEditor!.monaco.editor.getModelMarkers({ owner: 'protocol-studio' }).filter((m) => m.code === 'DOSE-01').length);

describe.skipIf(!!missing)('checking as the user types', () => {
  let studio: Studio;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudio();
    page = studio.page;
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('sends changes, not the whole text, and falls back to the whole text when main has lost it', async () => {
    await page.waitForSelector('h1:has-text("Library")');
    await newFromTemplateInUi(page, 'rtt-kat-12-week', 'keystrokes');
    await waitForValidation(page);
    expect(await doseProblems(page)).toBe(0);

    const bodies: Array<{ text?: string; edit?: { insert: string } }> = [];
    const onRequest = (r: Request) => {
      if (r.url().endsWith('/api/validate')) bodies.push((JSON.parse(r.postData()!) as { args: [typeof bodies[number]] }).args[0]);
    };
    page.on('request', onRequest);

    // An IM maximum of 9 mg/kg, typed: each check goes as a small change, and the dose problem appears.
    const placed = await page.evaluate(() => {
      const { editor } = window.__studioEditor!;
      const match = editor.getModel()!.findMatches('max: 1.5', false, false, true, null, false)[0];
      if (!match) return false;
      editor.executeEdits('test', [{ range: match.range, text: 'max: 1.' }]);
      editor.setPosition({ lineNumber: match.range.startLineNumber, column: match.range.startColumn + 'max: 1.'.length });
      editor.focus();
      return true;
    });
    expect(placed).toBe(true);
    await waitForValidation(page);
    await page.keyboard.type('9');
    await waitForValidation(page);
    await expect.poll(() => doseProblems(page)).toBe(1);
    expect(bodies.length).toBeGreaterThan(0);
    for (const b of bodies) {
      expect(b.text).toBeUndefined();
      expect(b.edit!.insert.length).toBeLessThan(20);
    }

    // Main answers the next change as stale once (as after a restart): the editor sends the whole text.
    bodies.length = 0;
    let refused = 0;
    await page.route('**/api/validate', async (route) => {
      const arg = (JSON.parse(route.request().postData()!) as { args: [{ edit?: unknown }] }).args[0];
      if (arg.edit && refused === 0) {
        refused++;
        return route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { name: 'StaleTextError', message: 'no longer held' } }) });
      }
      return route.continue();
    });
    await page.keyboard.press('Backspace');
    await waitForValidation(page);
    await expect.poll(() => doseProblems(page)).toBe(0);
    expect(refused).toBe(1);
    expect(bodies.some((b) => b.edit) && bodies.some((b) => typeof b.text === 'string' && /max: 1\. +#/.test(b.text))).toBe(true);
    page.off('request', onRequest);
    await page.unroute('**/api/validate');
  });
});
