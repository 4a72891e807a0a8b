/**
 * An Elder's journey in headless Chromium, by keyboard only: the closing circle she approved has changed;
 * the review view shows its words in large type, its keepers and labels, and what changed since her
 * approval in words; she approves it again with a note. Also: withholding the section by keyboard (the
 * binder then leaves it out), and the one-page printed review sheet.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, browserSuiteMissing, openStudio, screenshot, SCREENSHOTS, type Studio } from './harness';
import { CEREMONY_PROTOCOL, openFromLibrary, tabTo } from './scratch';

const missing = browserSuiteMissing();
const CARD = '.review-card[data-section="cultural.blocks[closing-circle]"]';

describe.skipIf(!!missing)('Elder review in the browser host', () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await openStudio();
    const svc = studio.host.service;
    svc.ws.createProtocol({ template: { id: 'scratch', text: CEREMONY_PROTOCOL }, id: 'riverbend', author: 'Quinn' });
    const target = { protocolId: 'riverbend', sectionPath: 'cultural.blocks[closing-circle]', track: 'cultural' as const };
    await svc.approve({ ...target, reviewer: 'Grandmother Rose', role: 'elder', note: 'As given.' });
    const text = (await svc.openDraft({ protocolId: 'riverbend' })).text;
    await svc.commit({ protocolId: 'riverbend', text: text.replace('Each person may speak or pass.', 'Each person may speak, sing or pass in silence.'), message: 'Name singing in the closing' });
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('an Elder approves a changed ceremony section again, by keyboard only', async () => {
    const { page } = studio;
    await openFromLibrary(page, 'Riverbend Circle');
    await page.click('.rail-item[data-view="editor"]');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // From the top of the page: to the Review view, then who is reviewing.
    await tabTo(page, '.rail-item[data-view="review"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector(CARD);
    await tabTo(page, 'input[name="reviewer"]');
    await page.keyboard.type('Grandmother Rose');
    expect(await page.inputValue('select[name="role"]')).toBe('elder');

    const card = page.locator(CARD);
    expect(await card.locator('.state-badge').textContent()).toBe('Sign-off lapsed');
    expect(await card.locator('.lapsed-title').textContent()).toContain('Changed since approved by Grandmother Rose');
    expect(await card.locator('.changed-words').textContent()).toBe('4 words added.');
    expect(await card.locator('.word-diff ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('sing')]));
    expect(await card.locator('.governance').textContent()).toContain('Grandmother Rose — Elder, Cree, Cedar Lake');
    expect(await card.locator('.governance').textContent()).toContain('TK Attribution');
    // Large, readable type for the words themselves.
    expect(await card.locator('.document p').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
    await screenshot(page, 'elder-01-changed-section');
    expect(await axeSerious(page), 'review view').toEqual([]);

    // The link to the first section waiting moves focus into its card; the note, then Approve.
    await tabTo(page, 'a.attention-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Closing circle');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Singing is right; thank you for naming it.');
    await tabTo(page, `${CARD} button.approve`, 3);
    await page.keyboard.press('Enter');

    await expect.poll(() => card.locator('.state-badge').textContent()).toBe('Approved');
    expect(await card.locator('[role="status"]').textContent()).toBe('Approved. Thank you.');
    // Focus stays on the section, not lost to the page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Closing circle');
    expect(await card.locator('.history').textContent()).toContain('Singing is right');
    await screenshot(page, 'elder-02-approved');

    const st = await studio.host.service.reviewStatus({ protocolId: 'riverbend' });
    const s = st.sections.find((x) => x.path === 'cultural.blocks[closing-circle]' && x.track === 'cultural')!;
    expect([s.state, s.approvedBy]).toEqual(['approved', 'Grandmother Rose']);
    expect(studio.consoleErrors).toEqual([]);
  }, 120_000);

  it('prints a one-page review sheet; the Elder withholds the section by keyboard, and the binder leaves it out', async () => {
    const { page } = studio;
    const svc = studio.host.service;
    const text = (await svc.openDraft({ protocolId: 'riverbend' })).text;
    // The keepers now allow the closing to be printed, so the Elder's binder carries its words.
    const allowed = text.replace('thanks the helpers.', 'thanks the helpers and the land.').replace('givenOn: 2026-02-01}\n        reviewRequired: true', 'givenOn: 2026-02-01}\n        reviewRequired: true\n        permissions: {print: true, export: true}');
    await svc.commit({ protocolId: 'riverbend', text: allowed, message: 'Thank the land; the keepers allow printing' });
    const elderBinder = async () => (await svc.binderPreview({ protocolId: 'riverbend', profile: 'elder-review', language: 'en' })).html;
    expect(await elderBinder()).toContain('thanks the helpers and the land');
    await page.click('.rail-item[data-view="library"]');
    await page.click('.rail-item[data-view="review"]');
    const card = page.locator(CARD);
    await expect.poll(() => card.locator('.state-badge').textContent()).toBe('Sign-off lapsed');

    // Printing the sheet: the print dialog is the browser's; here the page is printed to PDF instead.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await card.locator('button:has-text("Print review sheet")').click();
    await page.waitForSelector('.print-sheet.review-sheet', { state: 'attached' });
    const pdf = join(SCREENSHOTS, 'elder-review-sheet.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(printed).toContain('Closing circle');
    expect(printed).toMatch(/Changed since approved by Grandmother Rose on .*: 3 words added/);
    expect(printed).toContain('Grandmother Rose, Elder, Cedar Lake, Cree');
    expect(printed).toMatch(/Approve\s+Ask for changes\s+Withhold approval/);
    expect(printed).not.toContain('Your decision');
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SCREENSHOTS, 'elder-03-review-sheet')]);

    await page.fill('input[name="reviewer"]', 'Grandmother Rose');
    // By keyboard: into the note, then on to "Withhold approval".
    await page.focus(`${CARD} h3`);
    await tabTo(page, `${CARD} textarea`, 10);
    await page.keyboard.type('The land is thanked in ceremony, not in this text.');
    await tabTo(page, `${CARD} button.withhold`, 5);
    await page.keyboard.press('Enter');
    await expect.poll(() => card.locator('.state-badge').textContent()).toBe('Withheld');
    expect(await card.locator('.state-line').textContent()).toMatch(
      /^Withheld by Grandmother Rose on .+: The land is thanked in ceremony, not in this text\. Not printed or shared until a keeper of this section approves it\.$/,
    );
    expect(await card.locator('[role="status"]').textContent()).toBe('Approval withheld; your note is recorded.');
    expect(await card.locator('.event.withheld').textContent()).toContain('Grandmother Rose (Elder) withheld approval');
    // The binder prints the section's place, not its words, until a keeper approves it.
    const held = await elderBinder();
    expect(held).not.toContain('thanks the helpers and the land');
    expect(held).toContain('Closing circle');
    await screenshot(page, 'elder-04-withheld');
    expect(await axeSerious(page), 'review view after withholding').toEqual([]);
  }, 120_000);
});

describe.skipIf(!!missing)('who is working, and sign-offs refused for the wrong role, in the browser host', () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await openStudio();
    const svc = studio.host.service;
    // The first person added sets the workspace up and is who is working; the protocol is theirs.
    await svc.addPerson({ name: 'Quinn Lee', roles: ['qi_lead', 'program_director'] });
    await svc.importProtocol({ text: CEREMONY_PROTOCOL, fileName: 'riverbend.protocol.yaml', protocolId: 'riverbend' });
    await svc.addPerson({ name: 'Grandmother Rose', roles: ['elder'], community: 'Cedar Lake', nation: 'Cree' });
    await svc.addPerson({ name: 'Dr Ana Silva', roles: ['medical_lead'] });
    await svc.requestReview({ protocolId: 'riverbend', sectionPath: 'cultural.blocks[closing-circle]', track: 'cultural', reviewer: 'grandmother-rose', role: 'elder' });
    // A name without Latin letters gets a fallback id ("person"): the studio shows her name, never the id.
    const hanako = await svc.addPerson({ name: '佐藤 花子', roles: ['facilitator'] });
    await svc.setWorkingPerson({ personId: hanako.id });
    const text = (await svc.openDraft({ protocolId: 'riverbend' })).text;
    await svc.commit({ protocolId: 'riverbend', text: text.replace('observationMin: 120', 'observationMin: 150'), message: 'Observe longer' });
    await svc.setWorkingPerson({ personId: 'quinn-lee' });
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
  });

  it('switches who is working from the rail, refuses a medical lead’s cultural sign-off, and takes the Elder’s', async () => {
    const { page } = studio;
    await openFromLibrary(page, 'Riverbend Circle');
    expect(await page.textContent('[data-testid="working"] .working-name')).toBe('Quinn Lee');

    const switchTo = async (name: string) => {
      await page.click('[data-testid="working"] button');
      await page.waitForSelector('dialog[open] h2:has-text("Who is working?")');
      await page.check(`dialog[open] label.person-option:has-text("${name}") input`);
      await page.click('dialog[open] button[type="submit"]');
      await page.waitForSelector('dialog', { state: 'detached' });
      await expect.poll(() => page.textContent('[data-testid="working"] .working-name')).toBe(name);
    };

    await switchTo('Dr Ana Silva');
    await page.click('.rail-item[data-view="review"]');
    await expect.poll(() => page.textContent('[data-testid="reviewing-as"]')).toContain('Reviewing as Dr Ana Silva');
    const card = page.locator(CARD);
    await card.locator('button.approve').click();
    await expect.poll(() => card.locator('.refusal').textContent()).toMatch(
      /^Not done: Dr Ana Silva cannot sign off the cultural track of cultural\.blocks\[closing-circle\]: it needs a keeper named in its governance, or an Elder or knowledge keeper of Cedar Lake/,
    );
    expect(await card.locator('.state-badge').textContent()).toBe('Waiting for review');
    expect(await card.locator('.state-line').textContent()).toBe('Waiting for Grandmother Rose.');
    await screenshot(page, 'elder-05-wrong-role-refused');

    await switchTo('Grandmother Rose');
    await expect.poll(() => page.textContent('[data-testid="reviewing-as"]')).toContain('Reviewing as Grandmother Rose');
    await card.locator('textarea').fill('These are the words as I gave them.');
    await card.locator('button.approve').click();
    await expect.poll(() => card.locator('.state-badge').textContent()).toBe('Approved');
    const history = await card.locator('.history').textContent();
    expect(history).toContain('Grandmother Rose (Elder) approved');
    expect(history).toContain('Quinn Lee');
    expect(history).not.toMatch(/quinn-lee|grandmother-rose/);
    await screenshot(page, 'elder-06-approved-as-person');
    expect(await axeSerious(page), 'review view with the register').toEqual([]);

    // The Versions view names who committed each version.
    await page.click('.rail-item[data-view="versions"]');
    const heads = page.locator('.view.versions .timeline .tl-head');
    await expect.poll(() => heads.allTextContents()).toEqual([expect.stringMatching(/^v2.*by 佐藤 花子$/), expect.stringMatching(/^v1.*by Quinn Lee$/)]);
    await screenshot(page, 'elder-07-versions-by-name');
  }, 120_000);
});
