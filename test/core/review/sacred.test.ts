/**
 * Secret/sacred content is never stored: the schema (and so the input gate) refuses it at every level where
 * governance can sit, and drafts are saved with it left out, every other line kept as typed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gateText } from '../../../main/core/gate';
import { stripSacredContent, strippedNote } from '../../../main/core/review/sacred';

/** One marker per level; each sits in a content field of a secret_sacred section. */
const M = {
  team: 'MARKER-TEAM-4410',
  week: 'MARKER-WEEK-4411',
  segment: 'MARKER-SEG-4412',
  practice: 'MARKER-PRAC-4413',
  consent: 'MARKER-CONS-4414',
  ceremony: 'MARKER-CERE-4415',
  block: 'MARKER-BLOCK-4416',
};
const SACRED = `governance:
        sharing: secret_sacred
        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder, permissionToName: true}]`;

/** Written from domain.md: a small group KaT protocol with something secret/sacred at every level. */
export const SACRED_EVERYWHERE = `schemaVersion: 1
metadata:
  id: sacred-levels
  title: Sacred at every level
  versionLabel: 1.0.0
  status: draft
  medicine: ketamine
# Team: the Elder who opens medicine days
team:
  - id: ceremony-elder
    role: elder
    title: Ceremony Elder
    responsibilities: ${M.team}
    placeholder: The Elder who holds the opening; ask Elder Ann Joe.
    ${SACRED.replace(/\n {6}/g, '\n      ')}
curriculum:
  weeks:
    - id: week-1
      week: 1
      theme: Arriving
      segments:
        - id: w1-circle
          kind: large_group
          title: Circle
          durationMin: 35
    - id: week-5
      week: 5
      theme: ${M.week}
      placeholder: Week five is held by the Elder; ask Elder Ann Joe.
      ${SACRED.replace(/\n {6}/g, '\n        ')}
    - id: week-6
      week: 6
      theme: Medicine session
      segments:
        - id: w6-ceremony
          kind: ceremony
          title: Opening ceremony
          durationMin: 20
          description: |
            ${M.segment} first line
            second line
          placeholder: Opening led by the Elder in their own way.
          ${SACRED.replace(/\n {6}/g, '\n            ')}
      practices:
        - {id: w6-song, kind: land_based, text: ${M.practice}, placeholder: Ask the Elder., governance: {sharing: secret_sacred}}
consent:
  sections:
    - id: nature
      element: nature_of_treatment
      title: Nature of treatment
      text: Group sessions with ketamine, given by injection into a muscle.
    - id: ceremony-consent
      element: ceremony
      title: Ceremony
      text: ${M.consent}
      placeholder: Ask the Elder about the ceremony before you choose.
      ${SACRED.replace(/\n {6}/g, '\n        ')}
  ceremony:
    optInPerElement: true
    elements:
      - id: opening
        blockRef: opening
        text: ${M.ceremony}
        placeholder: You may choose to join the opening.
        governance: {sharing: open, labels: [{label: tk_secret_sacred}]}
cultural:
  blocks:
    - id: opening
      type: opening
      title: Opening
      # the keepers asked that nothing of the opening is written here
      text: ${M.block}
      placeholder: Opening led by an Elder in their own way.
      ${SACRED.replace(/\n {6}/g, '\n        ')}
`;

const LEVEL_PATHS = [
  ['team', 0, 'responsibilities'],
  ['curriculum', 'weeks', 1, 'theme'],
  ['curriculum', 'weeks', 2, 'segments', 0, 'durationMin'],
  ['curriculum', 'weeks', 2, 'segments', 0, 'description'],
  ['curriculum', 'weeks', 2, 'practices', 0, 'text'],
  ['consent', 'sections', 1, 'text'],
  ['consent', 'ceremony', 'elements', 0, 'text'],
  ['cultural', 'blocks', 0, 'text'],
];

describe('schema: secret/sacred sections hold only identity, governance and a placeholder', () => {
  it('refuses content at every level with a short plain message naming the section and whom to ask', () => {
    const gate = gateText(SACRED_EVERYWHERE);
    expect(gate.ok).toBe(false);
    const sacred = gate.refusals.filter((d) => d.code === 'SCHEMA-SACRED');
    expect(sacred.map((d) => d.path)).toEqual(expect.arrayContaining(LEVEL_PATHS));
    expect(sacred).toHaveLength(LEVEL_PATHS.length);
    for (const d of sacred) {
      expect(d.message.length).toBeLessThanOrEqual(200);
      expect(d.message).toMatch(/is secret sacred: remove ".+" and keep only a placeholder saying whom to ask/);
      expect(d.help).toMatch(/OCAP/);
    }
    expect(sacred.find((d) => d.path.join('.') === 'cultural.blocks.0.text')!.message).toContain('Elder Ann Joe (Snuneymuxw)');
    // Every other problem is the gate's own business; nothing else about these sections is refused.
    expect(gate.refusals.filter((d) => d.code !== 'SCHEMA-SACRED')).toEqual([]);
  });

  it('requires a placeholder and still requires text where the section is not secret/sacred', () => {
    const noPlaceholder = gateText(SACRED_EVERYWHERE.replace('      placeholder: Ask the Elder about the ceremony before you choose.\n', ''));
    expect(noPlaceholder.refusals.some((d) => d.code === 'SCHEMA-REQUIRED' && d.path.join('.') === 'consent.sections.1.placeholder')).toBe(true);
    const open = gateText(SACRED_EVERYWHERE.replace('      text: Group sessions with ketamine, given by injection into a muscle.\n', ''));
    expect(open.refusals.some((d) => d.code === 'SCHEMA-REQUIRED' && d.path.join('.') === 'consent.sections.0.text')).toBe(true);
  });

  it('passes every bundled template (their ceremonies keep placeholders only)', () => {
    const dir = join(__dirname, '../../../templates');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.protocol.yaml'))) {
      const g = gateText(readFileSync(join(dir, f), 'utf8'));
      expect(g.refusals.map((d) => `${f}: ${d.message}`)).toEqual([]);
    }
  });
});

describe('stripSacredContent: the draft keeps everything but the secret/sacred content', () => {
  it('leaves out every marker, keeps every other line byte for byte, and then passes the gate', () => {
    const r = stripSacredContent(SACRED_EVERYWHERE);
    expect(r.text).not.toBeNull();
    for (const m of Object.values(M)) expect(r.text).not.toContain(m);
    expect(r.stripped.map((s) => s.key)).toEqual([
      'team[ceremony-elder]',
      'curriculum.weeks[week-5]',
      'curriculum.weeks[week-6].segments[w6-ceremony]',
      'curriculum.weeks[week-6].practices[w6-song]',
      'consent.sections[ceremony-consent]',
      'consent.ceremony.elements[opening]',
      'cultural.blocks[opening]',
    ]);
    expect(r.stripped.find((s) => s.key.endsWith('[w6-ceremony]'))!.fields).toEqual(['durationMin', 'description']);
    // Only removed lines differ: every kept line is as typed, in order (comments included); the flow map
    // loses just its pair.
    const kept = r.text!.split('\n').filter((l) => !l.includes('w6-song'));
    const original = SACRED_EVERYWHERE.split('\n');
    let i = 0;
    for (const line of kept) {
      while (i < original.length && original[i] !== line) i++;
      expect(i).toBeLessThan(original.length);
      i++;
    }
    expect(r.text).toContain('      # the keepers asked that nothing of the opening is written here\n');
    expect(r.text).toContain('        - {id: w6-song, kind: land_based, placeholder: Ask the Elder., governance: {sharing: secret_sacred}}\n');
    expect(gateText(r.text!).refusals).toEqual([]);
    // The open parts are untouched.
    const value = parse(r.text!) as { consent: { sections: Array<{ text?: string }> } };
    expect(value.consent.sections[0]!.text).toBe('Group sessions with ketamine, given by injection into a muscle.');
  });

  it('changes nothing in a text without secret/sacred content, and notes stay short', () => {
    const plain = SACRED_EVERYWHERE.replace(/secret_sacred|tk_secret_sacred/g, 'program_team').replace('{label: program_team}', '{label: tk_attribution}');
    expect(stripSacredContent(plain)).toEqual({ text: plain, stripped: [] });
    for (const s of stripSacredContent(SACRED_EVERYWHERE).stripped) {
      const note = strippedNote({ ...s, title: s.title.repeat(20) });
      expect(note.length).toBeLessThanOrEqual(200);
    }
    expect(strippedNote(stripSacredContent(SACRED_EVERYWHERE).stripped.at(-1)!)).toBe(
      '"Opening" is secret/sacred: its text was left out of the saved draft — only a placeholder is kept; ask Elder Ann Joe (Snuneymuxw).',
    );
  });

  it('stores nothing when the text cannot be read but mentions secret/sacred content', () => {
    const broken = `${SACRED_EVERYWHERE}  bad: [unclosed\n`;
    const r = stripSacredContent(broken);
    expect(r.text).toBeNull();
    expect(r.refused).toMatch(/cannot be read/);
    // It names where the YAML breaks, so the author knows what to fix.
    const lastLine = broken.split('\n').length - 1;
    expect(r.refused).toMatch(new RegExp(`line (${lastLine}|${lastLine + 1}), column \\d+`));
  });
});
