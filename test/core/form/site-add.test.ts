/**
 * Adding list items through the site form: each new item is spliced into the text in its siblings' style
 * (flow or block, same indentation), gets a fresh id where the schema requires one, and every byte around it
 * stays as written — including for protocols written from scratch that lack the list, or keep it in flow style.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFormEdits, buildSiteForm, FormEditError, newListItem } from '../../../main/core/form';
import { parseProtocol } from '../../../main/core/parse';
import { validateText } from '../../../main/core/validate';
import { editSite } from '../../../main/services/site-edit';

const RTT = readFileSync(join(__dirname, '..', '..', '..', 'templates', 'rtt-kat-12-week.protocol.yaml'), 'utf8');

/** A small site protocol written by hand from domain.md: block-style routes with comments, no screening at all. */
const SMALL = `# Bayview pilot — written by hand
schemaVersion: 1
metadata:
  id: bayview-pilot
  title: Bayview pilot group
  versionLabel: "0.1.0"
  status: draft
  medicine: ketamine
  languages: [en]
programme:
  format: group
  weeks: 12
medicineSessions:
  count: 3
  routes:
    # IM first: weight-based, best bioavailability
    - id: im
      route: IM
      unit: mg/kg
      min: 0.5
      max: 1.5   # RTT-2025 ceiling
monitoring:
  vitals:
    fields: [bp, hr]
`;

/** Written by hand in flow style throughout: a ceremony block whose keepers are a flow list. */
const FLOW = `schemaVersion: 1
metadata: {id: river-circle, title: River circle, versionLabel: "1.0.0", status: draft, medicine: ketamine, languages: [en]}
monitoring:
  emergencyContacts: []
cultural:
  blocks:
    - id: opening
      type: opening
      title: Opening
      text: The circle opens together.
      governance: {sharing: program_team, keepers: [{name: "Elder Mae", role: elder}]}
`;

const value = (text: string): any => parseProtocol(text).value;
const form = (text: string) => {
  const { diagnostics, parsed } = validateText(text);
  return buildSiteForm(parsed, diagnostics);
};
/** The text with `added` taken out again: what must be the original, byte for byte. */
const without = (text: string, added: string) => {
  expect(text).toContain(added);
  return text.replace(added, '');
};

describe('adding list items through the form', () => {
  it('appends a route in block style at its siblings’ indentation, with a fresh id and the unit for its route', () => {
    const out = editSite(SMALL, [{ op: 'add', path: ['medicineSessions', 'routes'], value: 'IN' }]).text;
    expect(without(out, '    - id: in\n      route: IN\n      unit: mg\n')).toBe(SMALL);
    expect(out).toContain('      max: 1.5   # RTT-2025 ceiling\n    - id: in\n');
    const twice = editSite(out, [{ op: 'add', path: ['medicineSessions', 'routes'], value: 'IN' }]).text;
    expect(value(twice).medicineSessions.routes.map((r: { id: string }) => r.id)).toEqual(['im', 'in', 'in-2']);
    expect(value(editSite(SMALL, [{ op: 'add', path: ['medicineSessions', 'routes'], value: 'IV' }]).text).medicineSessions.routes[1]).toEqual({ id: 'iv', route: 'IV', unit: 'mg/kg' });
  });

  it('creates a list the protocol lacks entirely, nested under the keys still missing, in block style', () => {
    const out = editSite(SMALL, [{ op: 'add', path: ['screening', 'exclusions', 'absolute'], value: 'pregnancy' }]).text;
    expect(without(out, 'screening:\n  exclusions:\n    absolute:\n      - id: pregnancy\n        code: pregnancy\n        text: ""\n')).toBe(SMALL);
    expect(value(out).screening).toEqual({ exclusions: { absolute: [{ id: 'pregnancy', code: 'pregnancy', text: '' }] } });
  });

  it('adds to flow-style lists in flow style, empty or not', () => {
    const keeper = applyFormEdits(FLOW, [{ op: 'add', path: ['cultural', 'blocks', 0, 'governance', 'keepers'], value: { name: 'Jo Whitehorse', role: 'knowledge_keeper' } }]);
    expect(without(keeper, ', {name: Jo Whitehorse, role: knowledge_keeper}')).toBe(FLOW);
    const contact = editSite(FLOW, [{ op: 'add', path: ['monitoring', 'emergencyContacts'], value: 'Poison Control: 24 h' }]).text;
    expect(without(contact, '{id: poison-control-24-h, name: "Poison Control: 24 h"}')).toBe(FLOW);
    expect(value(contact).monitoring.emergencyContacts).toEqual([{ id: 'poison-control-24-h', name: 'Poison Control: 24 h' }]);
  });

  it('follows the last sibling in a list that mixes block and flow items (RTT-KaT exclusions)', () => {
    const out = editSite(RTT, [{ op: 'add', path: ['screening', 'exclusions', 'absolute'], value: 'renal' }]).text;
    const line = '      - {id: renal, code: renal, text: ""}\n';
    expect(without(out, line)).toBe(RTT);
    expect(out).toContain(`Known hypersensitivity to ketamine.}\n${line}    relative:`);
    // The relative list already has an item `renal`: its new one gets a fresh id.
    const rel = editSite(RTT, [{ op: 'add', path: ['screening', 'exclusions', 'relative'], value: 'renal' }]).text;
    expect(value(rel).screening.exclusions.relative.at(-1)).toEqual({ id: 'renal-2', code: 'renal', text: '' });
  });

  it('names a person-chosen id from words, and falls back to the item’s kind where the words give none', () => {
    const team = editSite(SMALL, [{ op: 'add', path: ['team'], value: 'registered_nurse' }]).text;
    expect(value(team).team).toEqual([{ id: 'registered-nurse', role: 'registered_nurse', name: '' }]);
    const ja = editSite(FLOW, [{ op: 'add', path: ['monitoring', 'emergencyContacts'], value: '救急センター' }]).text;
    expect(value(ja).monitoring.emergencyContacts[0]).toEqual({ id: 'emergency-contact', name: '救急センター' });
    // Keepers' ids are optional in the schema: none is made up.
    const keeper = editSite(FLOW, [{ op: 'add', path: ['cultural', 'blocks', 0, 'governance', 'keepers'], value: 'Jo Whitehorse' }]).text;
    expect(value(keeper).cultural.blocks[0].governance.keepers[1]).toEqual({ name: 'Jo Whitehorse', role: 'elder' });
    // The name field knows its keeper's role, to register them with it.
    const fields = form(keeper).decisions.find((d) => d.id === 'keepers')!.fields;
    expect(fields.filter((f) => f.label === 'Name').map((f) => [f.value, f.role])).toEqual([
      ['Elder Mae', 'elder'],
      ['Jo Whitehorse', 'elder'],
    ]);
    // Each keeper's role is the site's to choose too, beside their name, from the schema's roles.
    expect(fields.map((f) => f.label)).toEqual(['Name', 'Role', 'Name', 'Role']);
    const role = fields.filter((f) => f.label === 'Role').at(-1)!;
    expect(role).toMatchObject({ kind: 'choice', value: 'elder', options: ['elder', 'knowledge_keeper', 'cultural_advisor'] });
    const advisor = editSite(keeper, [{ op: 'set', path: role.path, value: 'cultural_advisor' }]).text;
    expect(value(advisor).cultural.blocks[0].governance.keepers[1]).toEqual({ name: 'Jo Whitehorse', role: 'cultural_advisor' });
    expect(form(advisor).decisions.find((d) => d.id === 'keepers')!.fields.filter((f) => f.label === 'Name')[1]!.role).toBe('cultural_advisor');
  });

  it('refuses a list the form does not add to, and a choice outside the schema’s', () => {
    expect(() => newListItem(value(SMALL), ['medicineSessions', 'weeks'], '5')).toThrow(FormEditError);
    expect(() => newListItem(value(SMALL), ['medicineSessions', 'routes'], 'XX')).toThrow(/Choose/);
    expect(() => newListItem(value(SMALL), ['medicineSessions', 'routes'], ' ')).toThrow(/Choose/);
    expect(() => applyFormEdits(SMALL, [{ op: 'add', path: ['programme'], value: { id: 'x' } }])).toThrow(/not a list/);
  });
});

describe('the form offers each add and shows the new item’s fields', () => {
  it('lists where items can be added, with what is asked first', () => {
    const adds = form(RTT).decisions.flatMap((d) => d.adds.map((a) => [d.id, a.key, a.choose.kind] as const));
    expect(adds).toEqual(
      expect.arrayContaining([
        ['routes', 'medicineSessions.routes', 'choice'],
        ['exclusions', 'screening.exclusions.absolute', 'choice'],
        ['exclusions', 'screening.exclusions.relative', 'choice'],
        ['team', 'team', 'choice'],
        ['contacts', 'monitoring.emergencyContacts', 'text'],
        ['keepers', 'cultural.blocks[smudging].governance.keepers', 'text'],
      ]),
    );
    const routes = form(SMALL).decisions.find((d) => d.id === 'routes')!.adds[0]!;
    expect(routes).toMatchObject({ label: 'Dose by route', next: ['medicineSessions', 'routes', 1], choose: { label: 'Route', options: ['IM', 'IV', 'SL', 'PO', 'IN', 'SC'] } });
    // A keepers list per block, named by the block; the screening lists even where the protocol has none yet.
    expect(form(FLOW).decisions.find((d) => d.id === 'keepers')!.adds.map((a) => a.owner)).toEqual(['Opening']);
    expect(form(SMALL).decisions.find((d) => d.id === 'exclusions')!.adds.map((a) => a.next)).toEqual([
      ['screening', 'exclusions', 'absolute', 0],
      ['screening', 'exclusions', 'relative', 0],
    ]);
  });

  it('shows a new route’s unit and dose fields, open until filled, with the validator’s problems beside them', () => {
    const added = editSite(SMALL, [{ op: 'add', path: ['medicineSessions', 'routes'], value: 'IN' }]).text;
    const doses = form(added).decisions.find((d) => d.id === 'doses')!;
    const mine = doses.fields.filter((f) => f.path[2] === 1);
    expect(mine.map((f) => [f.key, f.kind, f.value])).toEqual([
      ['medicineSessions.routes[in].unit', 'choice', 'mg'],
      ['medicineSessions.routes[in].min', 'number', null],
      ['medicineSessions.routes[in].max', 'number', null],
      ['medicineSessions.routes[in].start', 'number', null],
    ]);
    expect(doses.open).toContain('missing');
    const bad = form(applyFormEdits(added, [{ op: 'set', path: ['medicineSessions', 'routes', 1, 'max'], value: -5 }]));
    const max = bad.decisions.find((d) => d.id === 'doses')!.fields.find((f) => f.key === 'medicineSessions.routes[in].max')!;
    expect(max.problems.map((p) => p.severity)).toContain('error');
  });

  it('shows a new exclusion by its kind with its wording to write', () => {
    const added = editSite(SMALL, [{ op: 'add', path: ['screening', 'exclusions', 'absolute'], value: 'uncontrolled_hypertension' }]).text;
    const d = form(added).decisions.find((x) => x.id === 'exclusions')!;
    const item = d.lists[0]!.items[0]!;
    expect(item.label).toBe('Uncontrolled hypertension');
    expect(item.fields.map((f) => [f.key, f.label, f.value])).toEqual([['screening.exclusions.absolute[uncontrolled-hypertension].text', 'Text', '']]);
    expect(d.open).toContain('missing');
    // Shown under the item's label, the field does not repeat it.
    expect(item.fields[0]!.item).toBeUndefined();
    const written = form(applyFormEdits(added, [{ op: 'set', path: item.fields[0]!.path, value: 'Blood pressure above 150/90 despite treatment.' }]));
    expect(written.decisions.find((x) => x.id === 'exclusions')!.lists[0]!.items[0]!.label).toBe('Blood pressure above 150/90 despite treatment.');
  });
});
