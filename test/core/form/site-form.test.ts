import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFormEdits, buildSiteForm, FormEditError } from '../../../main/core/form';
import { parseProtocol } from '../../../main/core/parse';
import { validateText } from '../../../main/core/validate';

const RTT = readFileSync(join(__dirname, '..', '..', '..', 'templates', 'rtt-kat-12-week.protocol.yaml'), 'utf8');

/** A small site protocol written from domain.md (RTT-2025 figures), not taken from a template. */
const SMALL = `# Harbour Clinic pilot — written by hand
schemaVersion: 1
metadata:
  id: harbour-pilot
  title: Harbour pilot group   # working title
  versionLabel: "0.1.0"
  status: draft
  medicine: ketamine
  site:
    name: 'SITE: clinic name'
  languages: [en]
programme:
  format: group
  weeks: 12        # RTT-2025: 12-week community of practice
  cohortSize: {min: 20, max: 40}
medicineSessions:
  count: 3
  weeks:
    - 5
    - 7
    - 9
  routes:
    # IM first: RTT prefers it for dose accuracy
    - id: im
      route: IM
      unit: mg/kg
      min: 0.5
      max: 1.5
    # SL as the alternative
    - id: sl
      route: SL
      unit: mg
      min: 100
      max: 300
monitoring:
  vitals:
    fields: [bp, hr]
`;

function form(text: string) {
  const { diagnostics, parsed } = validateText(text);
  return buildSiteForm(parsed, diagnostics);
}

describe('site form model', () => {
  it('lists the site decisions of RTT-KaT with schema titles, values and what is still open', () => {
    const f = form(RTT);
    expect(f.total).toBe(f.decisions.length);
    expect(f.total).toBeGreaterThanOrEqual(19);
    const weeks = f.decisions.find((d) => d.id === 'weeks')!.fields[0]!;
    expect(weeks).toMatchObject({ label: 'Length (weeks)', kind: 'integer', value: 12, min: 1, max: 104, key: 'programme.weeks' });
    expect(weeks.help).toMatch(/\S/);
    const name = f.decisions.find((d) => d.id === 'site-name')!;
    expect(name.done).toBe(false);
    expect(name.open).toContain('placeholder');
    const doses = f.decisions.find((d) => d.id === 'doses')!.fields;
    expect(doses.map((d) => d.key)).toContain('medicineSessions.routes[sl].max');
    expect(doses.find((d) => d.key === 'medicineSessions.routes[im].max')).toMatchObject({ kind: 'number', value: 1.5, item: 'IM · mg/kg' });
    const vitals = f.decisions.find((d) => d.id === 'vitals')!.fields[0]!;
    expect(vitals.kind).toBe('choices');
    expect(vitals.options).toContain('spo2');
    expect(f.decisions.find((d) => d.id === 'routes')!.lists[0]!.items.map((i) => i.label)).toEqual(['IM · mg/kg', 'SL · mg']);
    // Every "SITE:" value is a placeholder with its line; those inside a form field point at their decision.
    const site = f.placeholders.find((p) => p.key === 'metadata.site.name')!;
    expect(site).toMatchObject({ decision: 'site-name', line: 31 });
    expect(f.placeholders.some((p) => p.decision === null)).toBe(true);
    expect(f.done).toBe(f.decisions.filter((d) => d.done).length);
  });

  it('counts a decision done once its placeholder is replaced, and open again on an error there', () => {
    const before = form(SMALL);
    const named = applyFormEdits(SMALL, [{ op: 'set', path: ['metadata', 'site', 'name'], value: 'Harbour Clinic' }]);
    const after = form(named);
    expect(before.decisions.find((d) => d.id === 'site-name')!.done).toBe(false);
    expect(after.decisions.find((d) => d.id === 'site-name')!.done).toBe(true);
    expect(after.done).toBe(before.done + 1);
    expect(after.placeholders).toHaveLength(before.placeholders.length - 1);
    const bad = form(applyFormEdits(named, [{ op: 'set', path: ['programme', 'weeks'], value: 0 }]));
    const weeks = bad.decisions.find((d) => d.id === 'weeks')!;
    expect(weeks.open).toContain('error');
    expect(weeks.fields[0]!.problems.map((p) => p.code)).toContain('SCHEMA-RANGE');
  });

  it('shows localized text as one field per language', () => {
    const text = RTT.replace(/territory: "SITE: [^"]*"/, 'territory: {en: Coast Salish territory, ja: コースト・セイリッシュの地}');
    const fields = form(text).decisions.find((d) => d.id === 'territory')!.fields;
    expect(fields.map((f) => [f.lang, f.value])).toEqual([
      ['en', 'Coast Salish territory'],
      ['ja', 'コースト・セイリッシュの地'],
    ]);
  });
});

describe('form edits keep the YAML as written', () => {
  it('replaces a value in place: comments, quotes and every other byte stay', () => {
    const out = applyFormEdits(SMALL, [
      { op: 'set', path: ['programme', 'weeks'], value: 10 },
      { op: 'set', path: ['metadata', 'site', 'name'], value: "Harbour's Clinic" },
    ]);
    expect(out).toContain('  weeks: 10        # RTT-2025: 12-week community of practice\n');
    expect(out).toContain("    name: 'Harbour''s Clinic'\n");
    expect(out.replace('weeks: 10 ', 'weeks: 12 ').replace("'Harbour''s Clinic'", "'SITE: clinic name'")).toBe(SMALL);
  });

  it('writes lists in the style they had: flow stays flow, block stays block', () => {
    const out = applyFormEdits(SMALL, [
      { op: 'set', path: ['metadata', 'languages'], value: ['en', 'ja'] },
      { op: 'set', path: ['medicineSessions', 'weeks'], value: [4, 6, 8, 10] },
    ]);
    expect(out).toContain('  languages: [en, ja]\n');
    expect(out).toContain('  weeks:\n    - 4\n    - 6\n    - 8\n    - 10\n  routes:\n');
    expect(parseProtocol(out).value).toMatchObject({ metadata: { languages: ['en', 'ja'] }, medicineSessions: { weeks: [4, 6, 8, 10] } });
  });

  it('removes a list item with its lines only, keeping the comments of the others', () => {
    const out = applyFormEdits(SMALL, [{ op: 'remove', path: ['medicineSessions', 'routes', 0] }]);
    expect(out).not.toMatch(/route: IM/);
    expect(out).toContain('    # SL as the alternative\n    - id: sl\n');
    expect(out).toContain('# Harbour Clinic pilot — written by hand');
    expect((parseProtocol(out).value as { medicineSessions: { routes: { id: string }[] } }).medicineSessions.routes.map((r) => r.id)).toEqual(['sl']);
  });

  it('removes an item that ends in a folded block of prose without touching the next item', () => {
    const out = applyFormEdits(RTT, [{ op: 'remove', path: ['medicineSessions', 'routes', 0] }]);
    expect(out).toContain('  routes:\n    - id: sl\n      route: SL\n');
    expect((parseProtocol(out).value as { medicineSessions: { routes: { id: string }[] } }).medicineSessions.routes.map((r) => r.id)).toEqual(['sl']);
    expect(validateText(out).diagnostics.filter((d) => d.code.startsWith('SCHEMA-') || d.code.startsWith('YAML-'))).toEqual([]);
  });

  it('inserts missing keys under their mapping, nested as needed, in block and flow style', () => {
    const out = applyFormEdits(SMALL, [
      { op: 'set', path: ['metadata', 'site', 'jurisdiction'], value: 'CA-NS' },
      { op: 'set', path: ['monitoring', 'preSessionBpMax', 'systolic'], value: 150 },
    ]);
    expect(out).toContain("    name: 'SITE: clinic name'\n    jurisdiction: CA-NS\n  languages: [en]\n");
    expect(out).toContain('    fields: [bp, hr]\n  preSessionBpMax:\n    systolic: 150\n');
    const flow = applyFormEdits(SMALL, [{ op: 'set', path: ['programme', 'smallGroupSize'], value: 'x' }, { op: 'remove', path: ['programme', 'smallGroupSize'] }]);
    expect(flow).toBe(SMALL);
    const intoFlow = applyFormEdits(SMALL.replace('cohortSize: {min: 20, max: 40}', 'cohortSize: {min: 20}'), [{ op: 'set', path: ['programme', 'cohortSize', 'max'], value: 36 }]);
    expect(intoFlow).toContain('cohortSize: {min: 20, max: 36}');
  });

  it('quotes text that would otherwise read as a number, a date or YAML syntax', () => {
    const out = applyFormEdits(SMALL, [
      { op: 'set', path: ['metadata', 'title'], value: '2026' },
      { op: 'set', path: ['metadata', 'site', 'name'], value: 'Clinic: north # wing' },
    ]);
    expect(parseProtocol(out).value).toMatchObject({ metadata: { title: '2026', site: { name: 'Clinic: north # wing' } } });
    expect(out).toContain('title: "2026"   # working title');
  });

  it('refuses, with a clear message, to edit a document that does not parse', () => {
    expect(() => applyFormEdits('metadata: [unclosed\n', [{ op: 'set', path: ['metadata'], value: 'x' }])).toThrow(FormEditError);
    expect(() => applyFormEdits('a: {b: 1}\n', [{ op: 'set', path: ['a'], value: 'x' }])).toThrow(/holds a section/);
  });
});
