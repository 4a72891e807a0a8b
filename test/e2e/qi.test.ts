/**
 * A QI lead's journey in headless Chromium: the QI view shows each cycle with its commits, classified
 * changes and rationale; one step opens the cycle's report (printable on one sheet of paper per cycle),
 * and one step opens the comparison of the cycle's versions. A commit that starts a new cycle is refused
 * without leaving a version, a cycle or an altered draft behind; the next one adds the cycle to the text
 * and takes the proposed version label, and the cycle's report reads "from 2.0.0 to 2.1.0". A QI lead
 * starts, closes and deletes cycles from the QI view alone; each edits only the cycle's lines of the draft.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeAll, axeSerious, browserSuiteMissing, openStudio, screenshot, SCREENSHOTS, waitForValidation, type Studio } from './harness';
import { CEREMONY_PROTOCOL, openFromLibrary, tabTo } from './scratch';

const missing = browserSuiteMissing();

/** Opens the commit dialog with Ctrl+S and fills it to start a new cycle. */
async function fillCommitWithNewCycle(page: Page, message: string, aim: string): Promise<void> {
  await page.keyboard.press('Control+s');
  await page.waitForSelector('dialog[open] h2:has-text("Commit a version")');
  await page.fill('dialog[open] textarea[name="message"]', message);
  await page.selectOption('dialog[open] select[name="qiCycle"]', '__new');
  await page.fill('dialog[open] input[name="aim"]', aim);
}

describe.skipIf(!!missing)('QI timeline in the browser host', () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await openStudio();
    const svc = studio.host.service;
    svc.ws.createProtocol({ template: { id: 'scratch', text: CEREMONY_PROTOCOL }, id: 'riverbend', author: 'Quinn' });
    const c1 = await svc.createQiCycle({ protocolId: 'riverbend', aim: 'Nobody leaves drowsy', start: '2026-03-01', end: '2026-05-31' });
    const c2 = await svc.createQiCycle({ protocolId: 'riverbend', aim: 'Shorter wait after dosing', start: '2026-06-01' });
    const edit = async (find: string, replace: string, message: string, qiCycleId?: string) => {
      const text = (await svc.openDraft({ protocolId: 'riverbend' })).text;
      await svc.commit({ protocolId: 'riverbend', text: text.replace(find, replace), message, ...(qiCycleId ? { qiCycleId } : {}) });
    };
    await edit('observationMin: 120', 'observationMin: 150', 'Two people were drowsy at two hours: observe for 150 minutes', c1.id);
    await edit('Each person may speak or pass.', 'Each person may speak, sing or pass.', 'The Elder asked that singing be named', c1.id);
    await edit('observationMin: 150', 'observationMin: 135', 'Audit of 40 sessions: nobody drowsy after 135 minutes', c2.id);
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('opens a cycle’s report from the timeline, prints it, and compares its versions', async () => {
    const { page } = studio;
    await openFromLibrary(page, 'Riverbend Circle');
    await page.click('.rail-item[data-view="qi"]');
    await page.waitForSelector('.qi-timeline');

    const cycle1 = page.locator('.qi-cycle[data-cycle="1"]');
    await expect.poll(() => cycle1.locator('h2').textContent()).toBe('Cycle 1: Nobody leaves drowsy');
    expect(await cycle1.locator('.qi-commit').count()).toBe(2);
    const first = cycle1.locator('.qi-commit[data-version="2"]');
    expect(await first.locator('.qi-why').textContent()).toContain('observe for 150 minutes');
    expect(await first.locator('.qi-counts').textContent()).toBe('1 change: 1 clinical');
    expect(await first.locator('.qi-change').first().textContent()).toContain('120 min → 150 min');
    expect(await cycle1.locator('.qi-commit[data-version="3"] .qi-counts').textContent()).toMatch(/1 cultural/);
    expect(await page.locator('.qi-outside summary').textContent()).toContain('1 version committed outside any QI cycle');
    await screenshot(page, 'qi-01-timeline');
    expect(await axeSerious(page), 'QI timeline').toEqual([]);

    // One step to the report, by keyboard: the button takes focus and Enter opens it.
    await page.focus('.qi-cycle[data-cycle="2"] button:has-text("Cycle report")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#qi-report-title');
    expect(await page.textContent('#qi-report-title')).toBe('QI cycle 2 report: Shorter wait after dosing');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('qi-report-title');
    expect(await page.textContent('.qi-rationale')).toContain('Audit of 40 sessions');
    expect(await page.textContent('.qi-report-group.clinical')).toContain('150 min → 135 min, lowered');
    await screenshot(page, 'qi-02-report');
    expect(await axeSerious(page), 'QI report').toEqual([]);

    // Printed: only the report, without the navigation, on its own pages.
    const pdf = join(SCREENSHOTS, 'qi-report.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(printed).toContain('QI cycle 2 report: Shorter wait after dosing');
    expect(printed).toContain('Audit of 40 sessions');
    expect(printed).not.toContain('Print report');
    expect(printed).not.toMatch(/Library\s+Editor/);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, join(SCREENSHOTS, 'qi-03-report-printed')]);

    // Back to the timeline: focus returns to the button that opened the report.
    await page.click('button:has-text("Back to the timeline")');
    await page.waitForSelector('.qi-timeline');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Cycle report');

    // One step to the comparison of a commit.
    await page.click('.qi-commit[data-version="2"] button:has-text("Compare v1 with v2")');
    await page.waitForSelector('.diff-grid .change');
    expect(await page.inputValue('select[name="from"]')).toBe('1');
    expect(await page.inputValue('select[name="to"]')).toBe('2');
    expect(await page.textContent('.change-group.clinical')).toContain('120 min → 150 min');
    await screenshot(page, 'qi-04-compare');
    expect(studio.consoleErrors).toEqual([]);
  }, 120_000);

  it('a refused commit with a new cycle leaves no version, no cycle and the draft as it was; the next adds the cycle and the proposed label', async () => {
    const { page } = studio;
    const svc = studio.host.service;
    const cyclesBefore = (await svc.listQiCycles({ protocolId: 'riverbend' })).map((c) => c.id);
    const versionsBefore = (await svc.history({ protocolId: 'riverbend' })).length;
    await openFromLibrary(page, 'Riverbend Circle');
    await page.evaluate(() => {
      const ed = window.__studioEditor!.editor;
      ed.setPosition({ lineNumber: 3, column: 1 });
      ed.focus();
    });
    const draftBefore = (await svc.openDraft({ protocolId: 'riverbend' })).text;
    // YAML that does not parse: the draft store keeps the last text it could check, and the commit is refused.
    await page.keyboard.type('oops: [unclosed\n');
    await waitForValidation(page);

    await fillCommitWithNewCycle(page, 'Try a longer rest', 'A calmer discharge');
    await page.click('dialog[open] button[type="submit"]');
    await page.waitForSelector('dialog[open] [role="alert"]');
    expect(await page.textContent('dialog[open] [role="alert"]')).toMatch(/YAML/);
    await screenshot(page, 'qi-05-commit-refused');
    expect((await svc.history({ protocolId: 'riverbend' })).length).toBe(versionsBefore);
    expect((await svc.listQiCycles({ protocolId: 'riverbend' })).map((c) => c.id)).toEqual(cyclesBefore);
    expect((await svc.openDraft({ protocolId: 'riverbend' })).text).toBe(draftBefore);
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    await page.click('.rail-item[data-view="qi"]');
    await page.waitForSelector('.qi-timeline');
    expect(await page.locator('.qi-cycle h2').allTextContents()).toEqual(['Cycle 1: Nobody leaves drowsy', 'Cycle 2: Shorter wait after dosing']);

    // Fixed and changed: the commit dialog proposes 2.1.0 for a clinical change, the commit writes it and the cycle.
    await page.click('.rail-item[data-view="editor"]');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await page.evaluate(() => {
      const model = window.__studioEditor!.editor.getModel()!;
      model.setValue(model.getValue().replace('oops: [unclosed\n', '').replace('observationMin: 135', 'observationMin: 140'));
    });
    await waitForValidation(page);
    await fillCommitWithNewCycle(page, 'Rest ten minutes longer before standing', 'A calmer discharge');
    await page.waitForSelector('[data-testid="proposed-label"]');
    expect(await page.textContent('[data-testid="proposed-label"] legend')).toBe('Proposed label: 2.1.0 (1 clinical; now 2.0.0)');
    await screenshot(page, 'qi-06-commit-dialog-label');
    expect(await axeSerious(page), 'commit dialog').toEqual([]);
    await page.click('dialog[open] button[type="submit"]');
    await page.waitForSelector('dialog', { state: 'detached' });
    const head = (await svc.history({ protocolId: 'riverbend' }))[0]!;
    expect(head).toMatchObject({ version: versionsBefore + 1, versionLabel: '2.1.0', tags: ['cycle-3'] });
    await expect.poll(() => page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue())).toContain('aim: A calmer discharge');

    await page.click('.rail-item[data-view="qi"]');
    await page.waitForSelector('.qi-cycle[data-cycle="3"]');
    expect(await page.textContent('.qi-cycle[data-cycle="3"] h2')).toBe('Cycle 3: A calmer discharge');
    await page.click('.qi-cycle[data-cycle="3"] button:has-text("Cycle report")');
    await page.waitForSelector('#qi-report-title');
    expect(await page.textContent('[data-testid="qi-report-labels"]')).toBe('from 2.0.0 to 2.1.0');
    expect(await page.textContent('.qi-report-group.clinical')).toContain('135 min → 140 min');
    await screenshot(page, 'qi-07-new-cycle-report');
    // The refused requests (the unparseable draft, the commit) answer 400, which Chromium logs; nothing else may.
    expect(studio.consoleErrors.filter((e) => !e.includes('status of 400 (Bad Request)'))).toEqual([]);
  }, 180_000);

  it('a QI lead starts, closes and deletes cycles from the QI view, by keyboard; the draft changes only in the cycle’s lines', async () => {
    const { page } = studio;
    const svc = studio.host.service;
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'kat', title: 'Roots cohort' });
    // The template's own cycle 1 is cited by a committed version: it can be closed and corrected, not deleted.
    const start = (await svc.openDraft({ protocolId: 'kat' })).text;
    const v2 = await svc.commit({ protocolId: 'kat', text: start.replace('observationMin: 120', 'observationMin: 150'), message: 'Observe longer', qiCycleId: 'cycle-1' });
    const committed = v2.text;
    const draftText = () => page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue());
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });

    await openFromLibrary(page, 'Roots cohort');
    await page.click('.rail-item[data-view="qi"]');
    await page.waitForSelector('.qi-cycle[data-cycle="1"]');
    const cycle1 = page.locator('.qi-cycle[data-cycle="1"]');
    expect(await cycle1.locator('.qi-cycle-head button').allTextContents()).toEqual(['Close cycle…', 'Edit…', expect.stringContaining('Cycle report')]);

    // New cycle, keyboard only: the aim has focus, the start is today, Tab reaches the submit button.
    await page.focus('#qi-new-cycle');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog[open] h2:has-text("Start a new QI cycle")');
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement).name)).toBe('aim');
    expect(await page.inputValue('dialog[open] input[name="start"]')).toBe(today);
    await page.keyboard.type('Fewer blood pressure excursions after sessions');
    await screenshot(page, 'qi-08-new-cycle-dialog');
    expect(await axeAll(page), 'new cycle dialog').toEqual([]);
    await tabTo(page, 'dialog[open] button[type="submit"]', 15);
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog', { state: 'detached' });
    const cycle2 = page.locator('.qi-cycle[data-cycle="2"]');
    await cycle2.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('qi-new-cycle');
    expect(await page.textContent('.qi-notice')).toContain('Cycle 2 was added to the draft. The change is in the draft only: it becomes part of the next commit.');
    expect(await cycle2.getAttribute('class')).toContain('draft-only');
    expect(await cycle2.textContent()).toContain('in the draft, not committed yet');
    expect(await cycle1.getAttribute('class')).not.toContain('draft-only');
    // The editor holds the draft with the new cycle, so its own saves do not drop it.
    await expect.poll(draftText).toContain('aim: Fewer blood pressure excursions after sessions');
    await screenshot(page, 'qi-09-draft-cycle');
    expect(await axeAll(page), 'QI view with a draft cycle').toEqual([]);

    // Close it: end today, decision "adopt", findings.
    await page.focus('.qi-cycle[data-cycle="2"] button:has-text("Close cycle…")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog[open] h2:has-text("Close cycle 2")');
    expect(await page.inputValue('dialog[open] input[name="end"]')).toBe(today);
    await page.selectOption('dialog[open] select[name="decision"]', 'adopt');
    await page.fill('dialog[open] textarea[name="findings"]', 'Excursions fell from 12 to 4 in 40 sessions: keep the seated rest.');
    await screenshot(page, 'qi-10-close-cycle-dialog');
    expect(await axeAll(page), 'close cycle dialog').toEqual([]);
    await page.click('dialog[open] button[type="submit"]');
    await page.waitForSelector('dialog', { state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Edit…');
    expect(await cycle2.textContent()).toContain('Excursions fell from 12 to 4');
    expect(await cycle2.locator('.badge').first().textContent()).toBe('Adopted');
    const closed = await svc.openDraft({ protocolId: 'kat' });
    expect(await draftText()).toBe(closed.text);
    const block = /\n {4}- id: cycle-2\n( {6}[^\n]*\n)+/.exec(closed.text)![0];
    expect(block).toContain(`end: ${today}`);
    expect(block).toContain('decision: adopt');
    expect(block).toContain('findings: "Excursions fell from 12 to 4 in 40 sessions: keep the seated rest."');
    // Every other byte, the template's comments among them, is the committed text's.
    expect(closed.text.replace(block, '\n')).toBe(committed);

    // A cited cycle: the aim and start are locked, and the dialog says why.
    await page.click('.qi-cycle[data-cycle="1"] button:has-text("Edit…")');
    await page.waitForSelector('dialog[open] h2:has-text("Edit cycle 1")');
    expect(await page.textContent('#qi-locked-why')).toBe('The aim and start are fixed: 1 committed version cites this cycle as it is.');
    expect(await page.getAttribute('dialog[open] textarea[name="aim"]', 'readonly')).not.toBeNull();
    await screenshot(page, 'qi-11-edit-used-cycle');
    expect(await axeAll(page), 'edit dialog of a cited cycle').toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('edit-cycle-1');

    // A cycle made by mistake: deleted after a confirmation; the draft is as it was before it.
    await page.click('#qi-new-cycle');
    await page.fill('dialog[open] textarea[name="aim"]', 'Made by mistake');
    await page.click('dialog[open] button[type="submit"]');
    await page.waitForSelector('.qi-cycle[data-cycle="3"]');
    await page.focus('.qi-cycle[data-cycle="3"] button:has-text("Delete…")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog[open] h2:has-text("Delete cycle 3?")');
    expect(await page.textContent('dialog[open] p')).toContain('“Made by mistake” is removed from the draft.');
    await screenshot(page, 'qi-12-delete-confirm');
    expect(await axeAll(page), 'delete confirmation').toEqual([]);
    await page.click('dialog[open] button:has-text("Delete the cycle")');
    await page.waitForSelector('dialog', { state: 'detached' });
    await page.locator('.qi-cycle[data-cycle="3"]').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toContain('qi-notice');
    expect(await page.textContent('.qi-notice')).toContain('Cycle 3 (“Made by mistake”) was removed from the draft.');
    expect((await svc.openDraft({ protocolId: 'kat' })).text).toBe(closed.text);
    await expect.poll(draftText).toBe(closed.text);
    // Only the unused cycle offers Delete.
    expect(await page.locator('.qi-cycle button:has-text("Delete…")').count()).toBe(1);
    expect(await cycle1.locator('button:has-text("Delete…")').count()).toBe(0);

    // The notice's link opens the commit dialog.
    await page.click('.qi-notice button:has-text("Commit a version now…")');
    await page.waitForSelector('dialog[open] h2:has-text("Commit a version")');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });

    // A closed cycle reopened from its Edit dialog: its end date leaves the draft, the decision is pending again,
    // and the findings stay.
    await page.click('.rail-item[data-view="qi"]');
    await page.click('.qi-cycle[data-cycle="2"] button:has-text("Edit…")');
    await page.waitForSelector('dialog[open] h2:has-text("Edit cycle 2")');
    await page.check('dialog[open] input[name="reopen"]');
    expect(await page.isDisabled('dialog[open] input[name="end"]')).toBe(true);
    expect(await page.inputValue('dialog[open] select[name="decision"]')).toBe('pending');
    await screenshot(page, 'qi-12b-reopen-cycle');
    expect(await axeAll(page), 'edit dialog, reopening a cycle').toEqual([]);
    await page.click('dialog[open] button[type="submit"]');
    await page.waitForSelector('dialog', { state: 'detached' });
    await expect.poll(() => cycle2.locator('button:has-text("Close cycle…")').count()).toBe(1);
    const reopened = /\n {4}- id: cycle-2\n( {6}[^\n]*\n)+/.exec((await svc.openDraft({ protocolId: 'kat' })).text)![0];
    expect(reopened).not.toContain('end:');
    expect(reopened).toContain('decision: pending');
    expect(reopened).toContain('findings: "Excursions fell from 12 to 4');

    // In Japanese: the view, the dialogs, and why a major version is proposed.
    await page.selectOption('select[name="uiLanguage"]', 'ja');
    await page.click('.rail-item[data-view="qi"]');
    await page.waitForSelector('.qi-cycle[data-cycle="2"]');
    expect(await page.textContent('#qi-new-cycle')).toContain('新しいサイクル');
    await screenshot(page, 'qi-13-timeline-ja');
    await page.click('.qi-cycle[data-cycle="1"] button:has-text("編集…")');
    await page.waitForSelector('dialog[open] #qi-locked-why');
    expect(await page.textContent('#qi-locked-why')).toContain('目的と開始日は変更できません');
    await screenshot(page, 'qi-14-edit-dialog-ja');
    expect(await axeAll(page), 'edit dialog in Japanese').toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    await page.click('.rail-item[data-view="editor"]');
    await page.evaluate(() => {
      const model = window.__studioEditor!.editor.getModel()!;
      model.setValue(model.getValue().replace('observationMin: 150', 'observationMin: 60'));
    });
    await waitForValidation(page);
    await page.keyboard.press('Control+s');
    await page.waitForSelector('[data-testid="proposed-label"] p');
    const why = await page.textContent('[data-testid="proposed-label"] p');
    expect(why).toContain('メジャーバージョンを提案しています');
    expect(why).not.toMatch(/because|loosened/);
    await screenshot(page, 'qi-15-commit-major-ja');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog', { state: 'detached' });
    await page.selectOption('select[name="uiLanguage"]', 'en');
    expect(studio.consoleErrors.filter((e) => !e.includes('status of 400 (Bad Request)'))).toEqual([]);
  }, 180_000);
});
