import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateText } from '../../../main/core/validate';
import { BASE, posOf } from './fixture';

const schemaOnly = (text: string) => validateText(text, { rules: false }).diagnostics;

describe('validateText: schema errors located and worded for people', () => {
  it('accepts the base fixture and the bundled templates without schema errors', () => {
    expect(schemaOnly(BASE)).toEqual([]);
    const dir = new URL('../../../templates/', import.meta.url);
    const templates = readdirSync(dir).filter((f) => f.endsWith('.protocol.yaml'));
    expect(templates.length).toBeGreaterThan(0);
    for (const f of templates) {
      expect(schemaOnly(readFileSync(new URL(f, dir), 'utf8')), f).toEqual([]);
    }
  });

  it('reports an unknown key at the key itself, with the nearest valid key', () => {
    const text = BASE.replace('      max: 1.5\n', '      maxDose: 1.5\n');
    const [d, ...rest] = schemaOnly(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', code: 'SCHEMA-UNKNOWN-KEY', path: ['medicineSessions', 'routes', 0, 'maxDose'] });
    expect(d!.message).toBe('Unknown key "maxDose" in Dose by route (im) — did you mean "max"?');
    expect(d!.help).toMatch(/typo in a dose field cannot pass silently/);
    expect(d!.range.start).toEqual(posOf(text, 'maxDose'));
    expect(d!.range.end).toEqual({ line: d!.range.start.line, column: d!.range.start.column + 'maxDose'.length });
  });

  it('reports a missing required key at its parent, naming the field and its allowed values', () => {
    const text = BASE.replace('      unit: mg\n', '');
    const [d, ...rest] = schemaOnly(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'SCHEMA-REQUIRED', path: ['medicineSessions', 'routes', 1, 'unit'] });
    expect(d!.message).toBe('Dose by route (sl) is missing "unit" (Unit: mg/kg or mg)');
    expect(d!.range.start).toEqual(posOf(text, 'id: sl'));
  });

  it('reports a missing key of a keyed mapping at that mapping\'s key', () => {
    const text = BASE.replace('  status: draft\n', '');
    const d = schemaOnly(text).find((x) => x.code === 'SCHEMA-REQUIRED')!;
    expect(d.message).toMatch(/^Metadata is missing "status" \(Status: draft or clinical_review/);
    expect(d.range.start).toEqual(posOf(text, 'metadata'));
  });

  it('reports a wrong type deep in a list at the value, saying what was expected and found', () => {
    const text = BASE.replace('max: 300', 'max: 300 mg');
    const [d, ...rest] = schemaOnly(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'SCHEMA-TYPE', path: ['medicineSessions', 'routes', 1, 'max'] });
    expect(d!.message).toBe('"max" in Dose by route (sl): expected a number, found text "300 mg"');
    expect(d!.range.start).toEqual(posOf(text, '300 mg'));
  });

  it('suggests quotes when YAML read a text field as a number', () => {
    const text = BASE.replace('versionLabel: 1.0.0', 'versionLabel: 1.0\n  site: {name: 2026}');
    const ds = schemaOnly(text).filter((d) => d.code === 'SCHEMA-TYPE');
    expect(ds.map((d) => d.message)).toEqual([
      '"versionLabel" in Metadata: expected text, found the number 1 — put it in quotes ("1.0") to keep it as text',
      '"name" in Site: expected text, found the number 2026 — put it in quotes ("2026") to keep it as text',
    ]);
  });

  it('explains that YAML merge keys are not supported', () => {
    const text = `defaults: &d {unit: mg}\n${BASE}`.replace('      unit: mg\n', '      <<: *d\n');
    const ds = schemaOnly(text).filter((d) => d.path.includes('<<'));
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('YAML merge keys (<<) are not supported in Dose by route (sl); write the values out');
  });

  it('lists the allowed values of an enum and suggests the closest', () => {
    const text = BASE.replace('route: SL', 'route: sub-lingual').replace('route: IM', 'route: im');
    const ds = schemaOnly(text);
    expect(ds.map((d) => d.code)).toEqual(['SCHEMA-ENUM', 'SCHEMA-ENUM']);
    expect(ds[0]!.message).toBe('"route" in Dose by route (im): text "im" is not one of IM, IV, SL, PO, IN, SC — did you mean "IM"?');
    expect(ds[1]!.message).not.toMatch(/did you mean/);
    expect(ds[1]!.range.start).toEqual(posOf(text, 'sub-lingual'));
  });

  it('collapses the oneOf noise of localized text into one message', () => {
    const asList = schemaOnly(BASE.replace('title: Test protocol', 'title: [a, b]'));
    expect(asList).toHaveLength(1);
    expect(asList[0]).toMatchObject({ code: 'SCHEMA-TYPE', path: ['metadata', 'title'] });
    expect(asList[0]!.message).toBe('"title" in Metadata: expected text or a mapping (key: value lines), found a list');

    const badLanguage = BASE.replace('title: Test protocol', 'title:\n    english: Test protocol');
    const [d, ...rest] = schemaOnly(badLanguage);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'SCHEMA-UNKNOWN-KEY', path: ['metadata', 'title', 'english'] });
    expect(d!.message).toMatch(/"english" .* is not a language code/);
    expect(d!.range.start).toEqual(posOf(badLanguage, 'english'));
  });

  it('words pattern, format, const and range errors', () => {
    const text = BASE.replace('id: test-protocol', 'id: Test Protocol')
      .replace('2026-01-15', '2026-13-45')
      .replace('schemaVersion: 1', 'schemaVersion: 2')
      .replace('versionLabel: 1.0.0', 'versionLabel: 1.0.0\n  languages: []');
    const byCode = Object.fromEntries(schemaOnly(text).map((d) => [d.code, d]));
    expect(Object.keys(byCode).sort()).toEqual(['SCHEMA-CONST', 'SCHEMA-FORMAT', 'SCHEMA-PATTERN', 'SCHEMA-RANGE']);
    expect(byCode['SCHEMA-PATTERN']!.message).toBe('"id" in Metadata: "Test Protocol" is not in the expected form (e.g. rtt-kat-base) — did you mean "test-protocol"?');
    expect(byCode['SCHEMA-FORMAT']!.message).toBe('"lastReviewed" in Review schedule: text "2026-13-45" is not a valid date (YYYY-MM-DD)');
    expect(byCode['SCHEMA-CONST']!.message).toBe('"schemaVersion" must be 1, found the number 2');
    expect(byCode['SCHEMA-RANGE']!.message).toBe('"languages" in Metadata needs at least one item');
    expect(byCode['SCHEMA-FORMAT']!.range.start).toEqual(posOf(text, '2026-13-45'));
  });

  it('runs the rules after the schema on a mapping, and not on other roots', () => {
    const withRules = validateText(BASE).diagnostics;
    expect(withRules.some((d) => !/^(YAML|SCHEMA)-/.test(d.code))).toBe(true);
    const sorted = [...withRules].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
    expect(withRules.map((d) => d.range.start)).toEqual(sorted.map((d) => d.range.start));
    expect(validateText('- a\n- b\n').diagnostics.map((d) => d.code)).toEqual(['YAML-ROOT-NOT-MAPPING']);
  });

  it('caps a flood of schema errors with a summary line', () => {
    const text = `${BASE}${Array.from({ length: 500 }, (_, i) => `extra${i}: 1`).join('\n')}\n`;
    const ds = schemaOnly(text);
    expect(ds.filter((d) => d.code === 'SCHEMA-UNKNOWN-KEY').length).toBeLessThan(500);
    expect(ds.some((d) => /more schema problems not listed/.test(d.message))).toBe(true);
  });
});

describe('validateText: messages inside list items', () => {
  const CULTURAL = `schemaVersion: 1
metadata: {id: t, title: T, versionLabel: 1.0.0, status: draft, medicine: ketamine}
cultural:
  blocks:
    - id: opening
      type: opening
      title:
        en: Opening
        english: Opening
      text: The words of the opening.
      governance:
        sharing: secret_sacred
`;

  it('names the list item a field belongs to, and refuses content a sharing level rules out', () => {
    const ds = Object.fromEntries(schemaOnly(CULTURAL).map((d) => [d.code, d]));
    expect(Object.keys(ds).sort()).toEqual(['SCHEMA-REQUIRED', 'SCHEMA-SACRED', 'SCHEMA-UNKNOWN-KEY']);
    expect(ds['SCHEMA-UNKNOWN-KEY']!.message).toBe('"english" in Title of Cultural block (opening) is not a language code; translations are keyed by codes such as en, fr or ja');
    expect(ds['SCHEMA-SACRED']!.message).toBe('Cultural block (opening) is secret sacred: remove "text" and keep only a placeholder saying whom to ask (the programme lead).');
    expect(ds['SCHEMA-SACRED']!.help).toMatch(/TK Secret\/Sacred/);
    expect(ds['SCHEMA-SACRED']!.range.start).toEqual(posOf(CULTURAL, 'The words'));
    expect(ds['SCHEMA-REQUIRED']!.message).toMatch(/^Cultural block \(opening\) is missing "placeholder"/);
  });

  it('suggests the id form of a reference written as words', () => {
    const text = `${BASE}curriculum:\n  weeks:\n    - id: Week One\n      week: 1\n`;
    const d = schemaOnly(text).find((x) => x.code === 'SCHEMA-PATTERN')!;
    expect(d.message).toBe('"id" in Week (Week One): "Week One" is not in the expected form (e.g. week-5, opening-circle) — did you mean "week-one"?');
  });
});
