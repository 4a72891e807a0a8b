/**
 * A new user's journey through the studio in headless Chromium against the loopback browser host and a
 * real SQLite workspace: adapt a template for a site, see and fix a dose warning, commit, diff, Elder
 * sign-off and its lapse, binder PDF. Also: monaco-yaml's own schema markers, axe on every main view.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, browserSuiteMissing, openStudio, screenshot, newFromTemplateInUi, waitForValidation, type Studio } from './harness';

const missing = browserSuiteMissing();
if (missing) console.warn(`[e2e] skipping the browser journey: ${missing}`);

async function nav(page: Page, view: string): Promise<void> {
  await page.click(`.rail-item[data-view="${view}"]`);
}

async function replaceInEditor(page: Page, find: string, replacement: string): Promise<void> {
  const ok = await page.evaluate(([f, r]) => window.__studioEditor!.replace(f!, r!), [find, replacement]);
  expect(ok, `"${find}" not found in the editor`).toBe(true);
}

async function commit(page: Page, message: string): Promise<void> {
  await page.click('button:has-text("Commit…")');
  await page.fill('dialog textarea[name="message"]', message);
  await page.click('dialog button[type="submit"]');
  await page.waitForSelector('dialog', { state: 'detached' });
}

async function expectAccessible(page: Page, view: string): Promise<void> {
  const violations = await axeSerious(page);
  expect(violations, `${view}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe.skipIf(!!missing)('studio journey in the browser host', () => {
  let studio: Studio;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudio();
    page = studio.page;
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('adapts a template, checks doses, commits, diffs, signs off, lapses and prints', async () => {
    // Library, empty.
    await page.waitForSelector('h1:has-text("Library")');
    await expect.poll(() => page.textContent('.workspace-path')).toContain('workspace.sqlite');
    await expectAccessible(page, 'library (empty)');

    // The base protocol from the bundled RTT-KaT template.
    await newFromTemplateInUi(page, 'rtt-kat-12-week', 'rtt-kat-base');

    // Adapt it for a new site.
    await nav(page, 'library');
    await page.click('button:has-text("Adapt for a site…")');
    await page.fill('dialog input[name="siteName"]', 'Cedar River Clinic');
    await page.fill('dialog input[name="jurisdiction"]', 'CA-BC');
    await page.fill('dialog input[name="protocolId"]', 'cedar-river');
    await page.click('dialog button[type="submit"]');
    await page.waitForSelector('.editor-view:not([hidden]) h1:has-text("Cedar River Clinic")');
    await waitForValidation(page);
    await screenshot(page, '02-editor');
    // The outline lists the sections people think in, not scalar keys.
    const outlineText = await page.textContent('.outline');
    expect(outlineText).not.toContain('schemaVersion');
    expect(outlineText).toMatch(/About — RTT-KaT-style/);
    expect(outlineText).toMatch(/Medicine sessions.*Route IM · up to 1\.5 mg\/kg/);
    await expectAccessible(page, 'editor');

    // An IM dose above the reference range: Monaco marker and Problems entry.
    await replaceInEditor(page, 'max: 1.5', 'max: 2.5');
    await waitForValidation(page);
    await page.waitForSelector('.problem[data-code="DOSE-01"]');
    const doseMarkers = await page.evaluate(() =>
      window.__studioEditor!.monaco.editor.getModelMarkers({ owner: 'protocol-studio' }).filter((m) => m.code === 'DOSE-01').map((m) => m.startLineNumber),
    );
    expect(doseMarkers.length).toBe(1);
    // The Problems entry jumps to the dose, where the squiggle is drawn.
    await page.click('.problem[data-code="DOSE-01"] .loc');
    const cursorLine = await page.evaluate(() => window.__studioEditor!.editor.getPosition()!.lineNumber);
    expect(cursorLine).toBe(doseMarkers[0]);
    await page.waitForSelector('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error');
    await screenshot(page, '03-editor-dose-warning');
    // Prose characters such as × and – (visible here, "10× errors") are not boxed as ambiguous.
    expect(await page.textContent('.editor-host')).toContain('10×');
    expect(await page.locator('.editor-host .unicode-highlight').count()).toBe(0);

    // Fix it (a narrower maximum) and commit.
    await replaceInEditor(page, 'max: 2.5', 'max: 1.2');
    await waitForValidation(page);
    await expect.poll(() => page.locator('.problem[data-code="DOSE-01"]').count()).toBe(0);
    await page.waitForSelector('[data-testid="save-state"]:has-text("Saved draft")');
    await commit(page, 'Lower the IM maximum to 1.2 mg/kg for our site');

    // Edit consent, commit again.
    await replaceInEditor(page, 'We ask you to attend every', 'We warmly ask you to attend every');
    await commit(page, 'Warmer wording in the consent form');

    // Diff the two commits: both changes, grouped by category.
    await nav(page, 'versions');
    await page.waitForSelector('.timeline li:has-text("Warmer wording")');
    await screenshot(page, '04-versions');
    await expectAccessible(page, 'versions');
    await nav(page, 'diff');
    await page.waitForSelector('select[name="from"] option[value="2"]', { state: 'attached' });
    await page.selectOption('select[name="from"]', '2');
    await page.selectOption('select[name="to"]', '4');
    await page.click('.toolbar button[type="submit"]');
    await page.waitForSelector('.change-group.clinical .change');
    const clinical = await page.textContent('.change-group.clinical');
    expect(clinical).toMatch(/IM/);
    expect(clinical).toMatch(/1\.5.*1\.2/);
    const all = await page.textContent('.changes');
    expect(all).toMatch(/consent/i);
    await page.waitForSelector('.diff-host .monaco-diff-editor');
    await screenshot(page, '05-diff');
    await expectAccessible(page, 'diff');

    // Elder review: a ceremony segment shows the governance of the block it refers to, grouped by where it sits.
    const section = 'cultural.blocks[medicine-day-opening]';
    const card = `.review-card[data-section="${section}"]`;
    await nav(page, 'review');
    await page.waitForSelector(card);
    const segment = '.review-card[data-section="curriculum.weeks[week-5].segments[w5-opening]"]';
    expect(await page.textContent(`${segment} [data-testid="sharing"]`)).toMatch(/^Secret \/ sacred/);
    expect(await page.textContent(segment)).toContain('Governed bythe cultural block “Opening on medicine-session days”');
    expect(await page.textContent(`.review-group:has(${segment}) .group-title`)).toBe('Curriculum › Week 5');
    expect(await page.textContent(`.review-card[data-section="cultural.blocks[smudging]"] [data-testid="sharing"]`)).toContain('Community only — shared only with members of the source community');
    // Approve is offered only once a review is requested, and never to the section's author (four eyes).
    expect(await page.locator(`${card} button:has-text("Approve")`).count()).toBe(0);
    const author = (await studio.host.service.reviewStatus({ protocolId: 'cedar-river' })).user;
    await page.fill('input[name="reviewer"]', 'Elder Mary');
    await page.click(`${card} button:has-text("Request review")`);
    await page.waitForSelector(`${card} .state-badge:has-text("Waiting for review")`);
    await page.fill('input[name="reviewer"]', author);
    expect(await page.locator(`${card} button:has-text("Approve")`).isDisabled()).toBe(true);
    await expect.poll(() => page.textContent(`${card} .hint`)).toContain('someone else must approve it (four eyes)');
    await page.fill('input[name="reviewer"]', 'Elder Mary');
    await page.fill(`${card} textarea`, 'Thank you for keeping the words short.');
    await page.click(`${card} button:has-text("Approve")`);
    await page.waitForSelector(`${card} .state-badge:has-text("Approved")`);
    await expect.poll(() => page.textContent(`${card} .approved-line`)).toContain('Approved by Elder Mary');
    const history = await page.textContent(`${card} .history`);
    expect(history).toContain(`${author} asked Elder Mary to review`);
    expect(history).toContain('Elder Mary (Elder) approved');
    expect(history).toContain('Thank you for keeping the words short.');
    await page.locator(card).scrollIntoViewIfNeeded();
    await screenshot(page, '06-review');
    await expectAccessible(page, 'review');

    // The medical track: dose routes with their facts, signed off by a clinical role.
    await page.click('.track-tabs [role="tab"]:has-text("Medical review")');
    const route = '.review-card[data-section="medicineSessions.routes[im]"]';
    await page.waitForSelector(route);
    expect(await page.textContent(`${route} .facts`)).toContain('Maximum dose1.2 mg/kg');
    expect(await page.inputValue('select[name="role"]')).toBe('medical_lead');
    await screenshot(page, '06b-review-medical');
    await expectAccessible(page, 'medical review');
    await page.click('.track-tabs [role="tab"]:has-text("Cultural review")');

    // Editing the ceremonial section lapses the sign-off, with what changed word by word.
    await nav(page, 'editor');
    await replaceInEditor(page, 'Opening led by an Elder in their own way, for participants who choose it.', 'Opening led by an Elder in their own way, outdoors, for participants who choose it.');
    await nav(page, 'review');
    await page.waitForSelector(`${card} .state-badge:has-text("Sign-off lapsed")`);
    const lapsed = await page.textContent(`${card} .lapsed-note`);
    expect(lapsed).toMatch(/Changed since approved by Elder Mary on /);
    expect(await page.textContent(`${card} .word-diff ins`)).toContain('outdoors');
    await page.locator(card).scrollIntoViewIfNeeded();
    await screenshot(page, '07-review-lapsed');

    // Binder: preview, then a PDF whose text holds the site and the changed dose.
    await nav(page, 'binder');
    await page.waitForSelector('iframe[title="Binder preview"]');
    await expect.poll(() => page.frameLocator('iframe[title="Binder preview"]').locator('body').innerText(), { timeout: 20_000 }).toContain('Cedar River Clinic');
    await screenshot(page, '08-binder');
    await expectAccessible(page, 'binder');
    await page.click('button:has-text("Export PDF")');
    await page.waitForSelector('[data-testid="export-result"]', { timeout: 60_000 });
    const saved = (await page.textContent('[data-testid="export-result"] .mono'))!.trim();
    expect(existsSync(saved)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
    expect(text).toContain('Cedar River Clinic');
    expect(text).toMatch(/Contents/);
    expect(text).toMatch(/1\.2 mg\/kg/);

    // Library now lists both, with the adaptation's base.
    await nav(page, 'library');
    await page.waitForSelector('td:has-text("rtt-kat-base v1")');
    await screenshot(page, '01-library');
    await expectAccessible(page, 'library');

    expect(studio.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  }, 180_000);

  it('shows monaco-yaml schema markers from its own worker', async () => {
    await nav(page, 'library');
    await page.click('.table button:has-text("Cedar River")');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await replaceInEditor(page, 'schemaVersion: 1', 'schemaVersion: 1\nnotAProtocolKey: true');
    await expect
      .poll(() => page.evaluate(() => window.__studioEditor!.monaco.editor.getModelMarkers({ owner: 'yaml' }).map((m) => m.message).join('\n')), { timeout: 20_000 })
      .toMatch(/notAProtocolKey/);
  }, 60_000);
});
