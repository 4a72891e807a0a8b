/**
 * Sacred content is never stored, proved on the bytes: a user types a prayer into the secret/sacred opening
 * block of the RTT-KaT template in the browser editor; the banner says why it is not kept, the draft is
 * saved without it (the rest of the edit kept), a commit and the review view do not carry it, and the
 * SQLite file and its WAL do not hold the typed marker anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteMissing, openStudio, screenshot, newFromTemplateInUi, waitForValidation, type Studio } from './harness';

const missing = browserSuiteMissing();
if (missing) console.warn(`[e2e] skipping the sacred-content journey: ${missing}`);

const MARKER = 'SACRED-MARKER-e2e-8842';
const KEPT = 'KEPT-EDIT-e2e-3317';

/** Every byte of the workspace file and its -wal / -shm companions, read straight from disk. */
function workspaceBytes(dir: string): { files: string[]; bytes: Buffer } {
  const files = readdirSync(dir).filter((f) => f.startsWith('workspace.sqlite'));
  return { files, bytes: Buffer.concat(files.map((f) => readFileSync(join(dir, f)))) };
}

async function lineOf(page: Page, text: string, after = 1): Promise<number> {
  return page.evaluate(
    ([t, a]) => {
      const model = window.__studioEditor!.editor.getModel()!;
      for (let n = Number(a); n <= model.getLineCount(); n++) if (model.getLineContent(n).includes(String(t))) return n;
      return -1;
    },
    [text, after] as const,
  );
}

describe.skipIf(!!missing)('secret/sacred content typed in the browser editor', () => {
  let studio: Studio;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudio();
    page = studio.page;
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('is flagged at once, left out of the saved draft, the commit and the review view, and is not in the SQLite bytes or the WAL', async () => {
    await page.waitForSelector('h1:has-text("Library")');
    await newFromTemplateInUi(page, 'rtt-kat-12-week', 'rtt-kat-base');
    await waitForValidation(page);

    // An ordinary edit elsewhere, which must be kept.
    expect(await page.evaluate((k) => window.__studioEditor!.replace('Opening on medicine-session days', `Opening on medicine-session days ${k}`), KEPT)).toBe(true);

    // Type the prayer into the secret/sacred block, as a person would: cursor before `placeholder:`, keys.
    const block = await lineOf(page, '- id: medicine-day-opening');
    const placeholder = await lineOf(page, 'placeholder:', block);
    expect(block).toBeGreaterThan(0);
    await page.evaluate((line) => {
      const e = window.__studioEditor!.editor;
      e.setPosition({ lineNumber: line, column: 7 });
      e.focus();
    }, placeholder);
    await page.keyboard.type(`text: ${MARKER} the words of the opening prayer`);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue())).toContain(`      text: ${MARKER}`);

    // The banner says why, at once (validation), and after the autosave names what was left out.
    await waitForValidation(page);
    const banner = page.locator('[data-testid="sacred-banner"]');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Secret or sacred content is not kept/);
    await page.waitForSelector('[data-testid="save-state"]:has-text("Saved draft")');
    await expect.poll(() => banner.textContent()).toMatch(/"Opening on medicine-session days KEPT-EDIT-e2e-3317" is secret\/sacred: its text was left out/);
    await screenshot(page, 'sacred-banner');
    const problems = await page.textContent('.problems');
    expect(problems).toContain('is secret sacred: remove "text"');

    // Commit: the version holds the rest of the edit, not the prayer.
    await page.click('button:has-text("Commit…")');
    await page.fill('dialog textarea[name="message"]', 'Rename the opening');
    await page.click('dialog button[type="submit"]');
    await page.waitForSelector('dialog', { state: 'detached' });

    // The review view (its cards) does not carry it either.
    await page.click('.rail-item[data-view="review"]');
    await page.waitForSelector('section.view.review');
    await expect.poll(async () => (await page.textContent('body')) ?? '').toContain('Opening on medicine-session days');
    expect(await page.textContent('body')).not.toContain(MARKER);

    // The bytes on disk: the marker is nowhere in the database file or its WAL; the kept edit is.
    const { files, bytes } = workspaceBytes(studio.dir);
    expect(files).toContain('workspace.sqlite');
    expect(files).toContain('workspace.sqlite-wal');
    expect(bytes.includes(Buffer.from(KEPT, 'utf8'))).toBe(true);
    expect(bytes.includes(Buffer.from(MARKER, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(MARKER, 'utf16le'))).toBe(false);
  }, 120_000);
});
