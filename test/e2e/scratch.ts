/** Protocols written from scratch (domain.md) for the browser tests, and steps several journeys share. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, waitForValidation, type Studio } from './harness';

/** A group protocol with a ceremony-only opening (placeholder) and a closing circle whose words an Elder reviews. */
export const CEREMONY_PROTOCOL =
  readFileSync(join(ROOT, 'test', 'fixtures', 'scratch', 'group-ceremony.protocol.yaml'), 'utf8').trimEnd() +
  `
    - id: closing-circle
      type: closing
      title: "Closing circle"
      text: "We close in a circle. Each person may speak or pass. The Elder offers a closing word and thanks the helpers."
      governance:
        sharing: program_team
        keepers: [{name: "Grandmother Rose", nation: "Cree", community: "Cedar Lake", role: elder, permissionToName: true}]
        labels: [{label: tk_attribution, text: "Shared by Grandmother Rose of Cedar Lake for this programme."}]
        origin: {community: "Cedar Lake", nation: "Cree", givenOn: 2026-02-01}
        reviewRequired: true
`;

/**
 * Riverbend (CEREMONY_PROTOCOL) with a second version made in a QI cycle, and an adaptation of its first
 * version for Lakeside: every view then has something to show.
 */
export async function seedRiverbend(studio: Studio): Promise<void> {
  const svc = studio.host.service;
  svc.ws.createProtocol({ template: { id: 'scratch', text: CEREMONY_PROTOCOL }, id: 'riverbend', author: 'Quinn' });
  const cycle = await svc.createQiCycle({ protocolId: 'riverbend', aim: 'Nobody leaves drowsy', start: '2026-03-01' });
  const text = (await svc.openDraft({ protocolId: 'riverbend' })).text;
  await svc.commit({ protocolId: 'riverbend', text: text.replace('observationMin: 120', 'observationMin: 150'), message: 'Observe longer', qiCycleId: cycle.id });
  await svc.createAdaptation({ baseProtocolId: 'riverbend', baseVersion: 1, protocolId: 'lakeside', siteName: 'Lakeside', jurisdiction: 'CA-ON' });
}

/** Opens a protocol from the Library after a reload (so the page sees what the service seeded). */
export async function openFromLibrary(page: Page, title: string): Promise<void> {
  await page.reload();
  await page.click('.rail-item[data-view="library"]');
  await page.click(`.table button:has-text("${title}")`);
  await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
  await waitForValidation(page);
}

/** Presses Tab until the focused element matches `selector` (keyboard-only journeys); fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}
