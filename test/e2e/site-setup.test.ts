/**
 * A director adapts RTT-KaT for a new site through the site-setup form alone — 10 weeks, sublingual
 * only, Japanese beside English — and commits it; the committed YAML keeps the template's comments.
 * On a protocol written from scratch, the form adds a route and an exclusion (by keyboard) and warns about
 * a keeper the people register lacks, with "Add to people…".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { axeAll, browserSuiteMissing, openStudio, screenshot, waitForValidation, type Studio } from './harness';
import { CEREMONY_PROTOCOL, openFromLibrary } from './scratch';

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
    // The codes typed are named, so the director sees what they mean.
    await expect.poll(() => page.textContent('[data-testid="language-names"]'), WAIT).toBe('en: English · ja: Japanese');
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

  it('adds a route and an exclusion through the form, and offers to register an unknown keeper', async () => {
    studio = await openStudio();
    const { page } = studio;
    const svc = studio.host.service;
    svc.ws.createProtocol({ template: { id: 'scratch', text: CEREMONY_PROTOCOL }, id: 'riverbend', author: 'Quinn' });
    const rose = await svc.addPerson({ name: 'Grandmother Rose', roles: ['elder'], community: 'Cedar Lake', nation: 'Cree' });
    await svc.setWorkingPerson({ personId: rose.id });
    await openFromLibrary(page, 'Riverbend Circle');
    await page.click('.rail-item[data-view="site"]');
    await page.waitForSelector('[data-testid="site-progress"]');
    const yaml = () => page.evaluate(() => window.__studioEditor!.editor.getModel()!.getValue());
    const focused = () => page.evaluate(() => document.activeElement?.id);

    // A route: chosen from the schema's routes, written as its flow-style sibling is; focus goes to its first field.
    await page.selectOption('#field-add-medicineSessions_routes', 'IN');
    await page.click('[data-add="medicineSessions.routes"] button');
    await expect.poll(yaml, WAIT).toContain('    - {id: im, route: IM, unit: mg/kg, min: 0.5, max: 1.5, start: 0.5, weightRequired: true}\n    - {id: in, route: IN, unit: mg}\n  titration:');
    await expect.poll(focused, WAIT).toBe('field-medicineSessions_routes_in__unit');
    await page.fill('#field-medicineSessions_routes_in__max', '84');
    await page.press('#field-medicineSessions_routes_in__max', 'Enter');
    await expect.poll(yaml, WAIT).toContain('{id: in, route: IN, unit: mg, max: 84}');

    // An exclusion by keyboard alone: choose its kind, Tab to "Add", Enter, then type its wording where the focus lands.
    await page.focus('#field-add-screening_exclusions_absolute');
    await page.selectOption('#field-add-screening_exclusions_absolute', 'pregnancy');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Add an exclusion');
    await page.keyboard.press('Enter');
    await expect.poll(focused, WAIT).toBe('field-screening_exclusions_absolute_pregnancy__text');
    await page.keyboard.type('Pregnancy or planning a pregnancy during the programme');
    await page.keyboard.press('Enter');
    await expect.poll(yaml, WAIT).toContain(
      '      - {id: consent, code: inability_to_consent, text: "Unable to consent"}\n      - {id: pregnancy, code: pregnancy, text: "Pregnancy or planning a pregnancy during the programme"}\n    relative:',
    );
    // The item stays unfolded while the user works in it: the focus is still in its wording.
    expect(await focused()).toBe('field-screening_exclusions_absolute_pregnancy__text');
    await page.locator('[data-item="screening.exclusions.absolute[pregnancy]"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'site-setup-add-exclusion');
    // The rest of the file is as written: only the two new items differ.
    const now = await yaml();
    expect(now.replace(', max: 84}', '}').replace('    - {id: in, route: IN, unit: mg}\n', '').replace(/ {6}- \{id: pregnancy, code: pregnancy, text: [^}]*\}\n/, '')).toBe(CEREMONY_PROTOCOL);
    await page.click('[data-decision="routes"] a');
    await screenshot(page, 'site-setup-add-items');

    // The keeper the register lacks: the validator's warning beside their name, and "Add to people…" prefilled.
    const riverbend = '[data-key="cultural.blocks[opening].governance.keepers[0].name"]';
    await expect.poll(() => page.textContent(riverbend), WAIT).toContain('is not in the workspace');
    expect(await page.textContent('[data-key="cultural.blocks[closing-circle].governance.keepers[0].name"]')).not.toContain('is not in the workspace');
    await page.locator(riverbend).scrollIntoViewIfNeeded();
    await screenshot(page, 'site-setup-keeper-warning');
    // The form with its add controls, an opened exclusion and the warning is axe-clean, and so is the dialog.
    expect(await axeAll(page), 'site setup form').toEqual([]);
    await page.click(`${riverbend} .field-problems button`);
    await page.waitForSelector('dialog[open]');
    expect(await page.inputValue('dialog input[name="personName"]')).toBe('Elder of the Riverbend community');
    await screenshot(page, 'site-setup-add-person');
    expect(await axeAll(page), 'add person dialog').toEqual([]);
    // Prefilled with the keeper's role as the protocol names it.
    expect(await page.isChecked('dialog input[name="roles"][value="elder"]')).toBe(true);
    await page.fill('dialog input[name="community"]', 'Riverbend');
    await page.click('dialog button[type="submit"]');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    await expect.poll(() => page.textContent(riverbend), WAIT).not.toContain('is not in the workspace');
    expect((await svc.whoIsWorking()).people.map((p) => p.name).sort()).toEqual(['Elder of the Riverbend community', 'Grandmother Rose']);
    // Who is working is unchanged by adding someone else.
    expect((await svc.whoIsWorking()).person?.id).toBe(rose.id);

    // The add controls in Japanese: the routes by their Japanese names, the button in words.
    await page.selectOption('select[name="uiLanguage"]', 'ja');
    await expect.poll(() => page.textContent('[data-add="medicineSessions.routes"] button'), WAIT).toContain('投与経路を追加');
    expect(await page.textContent('label[for="field-add-medicineSessions_routes"]')).toBe('投与経路');
    await page.click('[data-decision="routes"] a');
    await screenshot(page, 'site-setup-add-items-ja');
  }, 180_000);
});
