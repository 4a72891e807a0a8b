/**
 * The change-classification table, row by row: one case per row of CATEGORY_RULES and SAFETY_RULES (a final
 * test fails when a row has no case), on a protocol written from scratch (test/fixtures/scratch).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATEGORY_RULES, DEFAULT_CATEGORY, diffProtocols, proposeVersionLabel, SAFETY_RULES, type ProtocolChange } from '../../../main/core/diff/index';
import { changesMarkdown } from '../../../main/core/diff/table-doc';

type Doc = any;
const ROOT = join(import.meta.dirname, '../../..');
const BASE: Doc = parse(readFileSync(join(ROOT, 'test/fixtures/scratch/group-ceremony.protocol.yaml'), 'utf8'));

interface Case {
  name: string;
  /** The `why` of the CATEGORY_RULES row this case exercises, or 'default'. */
  row: string;
  edit: (d: Doc) => void;
  /** Sets the old version up first (both sides start from it). */
  from?: (d: Doc) => void;
  /** idPath of the change to look at. */
  at: string;
  category: ProtocolChange['category'];
  safety?: ProtocolChange['safety'];
}

const why = (i: number) => CATEGORY_RULES[i]!.why;
const week = (d: Doc, id: string) => d.curriculum.weeks.find((w: Doc) => w.id === id);
const consent = (d: Doc, element: string) => d.consent.sections.find((s: Doc) => s.element === element);

const CASES: Case[] = [
  { name: 'a governed week’s theme', row: why(0), edit: (d) => ((week(d, 'week-12').governance = { keepers: [{ name: 'K', role: 'elder' }] }), (week(d, 'week-12').theme = 'Closing circle')), at: 'curriculum.weeks[week-12].governance', category: 'cultural' },
  { name: 'a Japanese translation of a cultural block', row: why(0), edit: (d) => (d.cultural.blocks[0].placeholder = { en: d.cultural.blocks[0].placeholder, ja: '長老によるオープニング' }), at: 'cultural.blocks[opening].placeholder.ja', category: 'cultural' },
  { name: 'the length of a ceremony segment', row: why(1), edit: (d) => (week(d, 'week-1').segments[0].durationMin = 20), at: 'curriculum.weeks[week-1].segments[w1-opening].durationMin', category: 'cultural' },
  { name: 'an Elder’s travel', row: why(2), edit: (d) => (d.team[3].protocol.travel = 'Mileage only.'), at: 'team[elder].protocol.travel', category: 'cultural' },
  { name: 'a smudging policy added', row: why(3), edit: (d) => (d.cultural.facilityPolicies = [{ id: 'smudging', text: 'Smudging outdoors only.' }]), at: 'cultural.facilityPolicies', category: 'cultural' },
  { name: 'a Japanese consent text added', row: why(4), edit: (d) => (consent(d, 'nature_of_treatment').text = { en: consent(d, 'nature_of_treatment').text, ja: 'ケタミンは麻酔薬です。' }), at: 'consent.sections[nature].text.ja', category: 'translation' },
  { name: 'a Japanese consent text updated, with a number', row: why(4), edit: (d) => (consent(d, 'preparation').text = { en: consent(d, 'preparation').text, ja: '6時間' }), at: 'consent.sections[preparation].text.ja', category: 'translation' },
  { name: 'Japanese added to the languages', row: why(4), edit: (d) => d.metadata.languages.push('ja'), at: 'metadata.languages', category: 'translation' },
  { name: 'consent wording, same numbers', row: why(5), edit: (d) => (consent(d, 'preparation').text = 'Do not eat for 4 hours, and no alcohol for a day before and after.'), at: 'consent.sections[preparation].text', category: 'editorial' },
  { name: 'small groups from 6–9 to 5–8: smaller', row: why(6), from: (d) => (d.programme.smallGroupSize.max = 9), edit: (d) => (d.programme.smallGroupSize = { min: 5, max: 8 }), at: 'programme.smallGroupSize.max', category: 'clinical', safety: 'tightened' },
  { name: 'small groups up to 12: larger', row: why(6), edit: (d) => (d.programme.smallGroupSize.max = 12), at: 'programme.smallGroupSize.max', category: 'clinical', safety: 'loosened' },
  { name: 'a 10-week programme', row: why(6), edit: (d) => (d.programme.weeks = 10), at: 'programme.weeks', category: 'clinical' },
  { name: 'week 12 removed', row: why(7), edit: (d) => (d.curriculum.weeks = d.curriculum.weeks.filter((w: Doc) => w.id !== 'week-12')), at: 'curriculum.weeks[week-12]', category: 'clinical' },
  { name: 'a week-8 circle added', row: why(7), edit: (d) => (week(d, 'week-8').segments = [{ id: 'w8-circle', kind: 'small_group', title: 'Integration circle', durationMin: 80 }]), at: 'curriculum.weeks[week-8].segments', category: 'clinical' },
  { name: 'a week made a medicine week', row: why(7), edit: (d) => (week(d, 'week-12').medicineSession = true), at: 'curriculum.weeks[week-12].medicineSession', category: 'clinical' },
  { name: 'the medicine', row: why(8), edit: (d) => (d.metadata.medicine = 'esketamine'), at: 'metadata.medicine', category: 'clinical' },
  { name: 'IM maximum up', row: why(9), edit: (d) => (d.medicineSessions.routes[0].max = 2), at: 'medicineSessions.routes[im].max', category: 'clinical', safety: 'loosened' },
  { name: 'an exclusion removed', row: why(10), edit: (d) => d.screening.exclusions.absolute.pop(), at: 'screening.exclusions.absolute[consent]', category: 'clinical', safety: 'loosened' },
  { name: 'BP limit up', row: why(11), edit: (d) => (d.monitoring.preSessionBpMax.systolic = 160), at: 'monitoring.preSessionBpMax.systolic', category: 'clinical', safety: 'loosened' },
  { name: 'a consent element removed', row: why(12), edit: (d) => (d.consent.sections = d.consent.sections.filter((s: Doc) => s.element !== 'group_confidentiality')), at: 'consent.sections[confidentiality]', category: 'clinical', safety: 'loosened' },
  { name: 'consent text with a changed number', row: why(12), edit: (d) => (consent(d, 'preparation').text = 'No food for 6 hours; no alcohol for a day before and after.'), at: 'consent.sections[preparation].text', category: 'clinical' },
  { name: 'a PHQ-9 cut-off', row: why(13), edit: (d) => (d.measures[0].cutoff = 12), at: 'measures[phq9].cutoff', category: 'clinical' },
  { name: 'a team member added', row: why(14), edit: (d) => d.team.push({ id: 'psychiatrist', role: 'psychiatrist', title: 'Consulting psychiatrist' }), at: 'team[psychiatrist]', category: 'clinical' },
  { name: 'a team title reworded', row: why(5), edit: (d) => (d.team[0].title = 'Programme physician'), at: 'team[prescriber].title', category: 'editorial' },
  { name: 'a week’s theme', row: 'default', edit: (d) => (week(d, 'week-4').theme = 'First medicine day'), at: 'curriculum.weeks[week-4].theme', category: DEFAULT_CATEGORY },
  { name: 'the title', row: 'default', edit: (d) => (d.metadata.title = 'Riverbend Circle'), at: 'metadata.title', category: DEFAULT_CATEGORY },
  { name: 'a QI cycle added', row: 'default', edit: (d) => (d.qi = { cycles: [{ id: 'cycle-1', number: 1, aim: 'Fewer BP excursions', decision: 'pending' }] }), at: 'qi', category: DEFAULT_CATEGORY },
];

function changeAt(edit: (d: Doc) => void, at: string, before: Doc = BASE): ProtocolChange {
  const after = structuredClone(before);
  edit(after);
  const changes = diffProtocols(before, after);
  const hit = changes.find((c) => c.idPath === at);
  expect(hit, `no change at ${at}; got ${changes.map((c) => c.idPath).join(', ')}`).toBeDefined();
  return hit!;
}

describe('change classification table', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.category}${c.safety ? `, safety ${c.safety}` : ''}`, () => {
      const before = structuredClone(BASE);
      c.from?.(before);
      const change = changeAt(c.edit, c.at, before);
      expect(change.category).toBe(c.category);
      expect(change.safety).toBe(c.safety);
      if (c.safety) expect(change.summary).toMatch(new RegExp(`; safety ${c.safety}$`));
    });
  }

  it('has a case for every row', () => {
    const covered = new Set(CASES.map((c) => c.row));
    expect(CATEGORY_RULES.map((r) => r.why).filter((w) => !covered.has(w))).toEqual([]);
    expect(covered.has('default')).toBe(true);
  });
});

/** A document with the field or list of a safety row, at `value`. */
function docWith(at: readonly string[], value: unknown): Doc {
  const lists = new Set(['routes', 'dischargeCriteria', 'timepoints', 'prn', 'absolute', 'relative', 'assessments', 'sections']);
  const build = (i: number): unknown => {
    if (i === at.length) return value;
    const key = at[i]!;
    // A field inside list items (a route's max) sits in one item with an id.
    if (lists.has(key) && i < at.length - 1) return { [key]: [{ id: 'one', ...(build(i + 1) as object) }] };
    return { [key]: build(i + 1) };
  };
  return build(0);
}

describe('safety direction table', () => {
  const scalarLists = new Set(['fields', 'equipment', 'staffCertification']);
  for (const rule of SAFETY_RULES) {
    const key = rule.at[rule.at.length - 1]!;
    if (rule.higher) {
      it(`${rule.at.join('.')}: a higher number is ${rule.higher}, a lower one the other way, a removed limit loosened`, () => {
        const path = (c: ProtocolChange) => c.path.filter((s) => typeof s === 'string').join('.');
        const [up] = diffProtocols(docWith(rule.at, 10), docWith(rule.at, 20)).filter((c) => path(c) === rule.at.join('.'));
        const [down] = diffProtocols(docWith(rule.at, 20), docWith(rule.at, 10)).filter((c) => path(c) === rule.at.join('.'));
        expect([up?.category, up?.safety, down?.safety]).toEqual(['clinical', rule.higher, rule.higher === 'loosened' ? 'tightened' : 'loosened']);
        const without = docWith(rule.at, 10);
        let parent: Doc = without;
        for (const k of rule.at.slice(0, -1)) parent = Array.isArray(parent[k]) ? parent[k][0] : parent[k];
        delete parent[key];
        expect(diffProtocols(docWith(rule.at, 10), without).map((c) => c.safety)).toEqual(['loosened']);
      });
    } else {
      it(`${rule.at.join('.')}: an item added is ${rule.itemAdded}, removed the other way`, () => {
        const item = scalarLists.has(key) ? 'x' : { id: 'x', text: 'X' };
        const other = scalarLists.has(key) ? 'y' : { id: 'y', text: 'Y' };
        const [added] = diffProtocols(docWith(rule.at, [other]), docWith(rule.at, [other, item]));
        const [removed] = diffProtocols(docWith(rule.at, [other, item]), docWith(rule.at, [other]));
        expect([added?.category, added?.safety, removed?.safety]).toEqual(['clinical', rule.itemAdded, rule.itemAdded === 'loosened' ? 'tightened' : 'loosened']);
      });
    }
  }

  it('a plain list that both gains and loses has no direction', () => {
    const [c] = diffProtocols(docWith(['monitoring', 'vitals', 'fields'], ['bp', 'hr']), docWith(['monitoring', 'vitals', 'fields'], ['bp', 'spo2']));
    expect(c).toMatchObject({ category: 'clinical' });
    expect(c!.safety).toBeUndefined();
  });
});

describe('docs/CHANGES.md', () => {
  it('matches the tables (run `npx tsx scripts/changes-doc.ts` after changing one)', () => {
    expect(readFileSync(join(ROOT, 'docs/CHANGES.md'), 'utf8')).toBe(changesMarkdown());
  });
});

describe('proposed version label', () => {
  const proposal = (edit: (d: Doc) => void) => {
    const after = structuredClone(BASE);
    edit(after);
    return proposeVersionLabel('1.1.0', diffProtocols(BASE, after));
  };

  it('editorial and translation changes propose a patch', () => {
    expect(proposal((d) => (d.metadata.title = 'Riverbend Circle'))).toMatchObject({ bump: 'patch', label: '1.1.1' });
    expect(proposal((d) => d.metadata.languages.push('ja'))).toMatchObject({ bump: 'patch', label: '1.1.1' });
  });

  it('clinical or cultural content proposes a minor version', () => {
    expect(proposal((d) => (d.programme.weeks = 10))).toMatchObject({ bump: 'minor', label: '1.2.0', reason: 'clinical content changed (Programme › Length (weeks))' });
    expect(proposal((d) => (d.cultural.facilityPolicies = [{ id: 'smudging', text: 'Outdoors only.' }]))).toMatchObject({ bump: 'minor', label: '1.2.0' });
    expect(proposal((d) => (d.monitoring.preSessionBpMax.systolic = 140))).toMatchObject({ bump: 'minor', label: '1.2.0' });
  });

  it('a loosened safety limit suggests a major version, whatever else changed', () => {
    const p = proposal((d) => ((d.metadata.title = 'X'), (d.monitoring.preSessionBpMax.systolic = 160)));
    expect(p).toMatchObject({ bump: 'major', label: '2.0.0' });
    expect(p.reason).toMatch(/^a safety limit loosened \(.*[Ss]ystolic/);
  });

  it('keeps a label that is not semver, and nothing changed proposes nothing', () => {
    expect(proposeVersionLabel('spring-2026', [])).toEqual({ bump: 'none', label: 'spring-2026', reason: 'no change to the content' });
    expect(proposeVersionLabel('1.1.0', [])).toMatchObject({ bump: 'none', label: '1.1.0' });
  });
});
