/**
 * Protocols written from scratch from the shared domain reference (test/fixtures/scratch), one per programme
 * shape: no false positive on each sound protocol, and the right diagnostic on each unsound variant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Diagnostic } from '../../../main/core/diagnostics/diagnostic';
import { validateText } from '../../../main/core/validate/index';
import type { Doc } from './fixture';

const DIR = join(import.meta.dirname, '../../fixtures/scratch');
const read = (name: string) => readFileSync(join(DIR, `${name}.protocol.yaml`), 'utf8');
const check = (text: string): Diagnostic[] => validateText(text, { rules: { includeOptIn: true } }).diagnostics;
const line = (d: Diagnostic) => `${d.severity} ${d.code} ${d.path.join('.')}: ${d.message}`;

interface Variant {
  name: string;
  edit: (d: Doc) => void;
  /** The diagnostic the change must raise. */
  expect: { code: string; severity: Diagnostic['severity']; message: RegExp };
}

interface Scratch {
  file: string;
  /** Notes that are right for this protocol (e.g. a medicine with no bundled dose reference). */
  notes?: { code: string; message: RegExp }[];
  variants: Variant[];
}

const route = (d: Doc) => d.medicineSessions.routes[0];
const dropConsent = (element: string) => (d: Doc) => (d.consent.sections = d.consent.sections.filter((s: Doc) => s.element !== element));

const SCRATCH: Scratch[] = [
  {
    file: 'individual-esketamine',
    variants: [
      { name: 'a 100 mg dose', edit: (d) => (route(d).max = 100), expect: { code: 'DOSE-05', severity: 'error', message: /max dose 100 mg is above the 84 mg label maximum/ } },
      { name: 'a 42 mg start', edit: (d) => (route(d).start = 42), expect: { code: 'DOSE-05', severity: 'error', message: /not a multiple of 28 mg/ } },
      { name: 'doses 2 days apart', edit: (d) => (d.medicineSessions.minSpacingDays = 2), expect: { code: 'SESS-03', severity: 'error', message: /^Minimum spacing is 2 days, under the 3-day floor/ } },
      { name: 'a pre-session limit of 190/100', edit: (d) => (d.monitoring.preSessionBpMax = { systolic: 190, diastolic: 100 }), expect: { code: 'MON-02', severity: 'error', message: /systolic maximum 190 mmHg is above 180/ } },
      { name: 'no mid-session BP', edit: (d) => (d.monitoring.vitals.timepoints = d.monitoring.vitals.timepoints.filter((t: Doc) => t.at !== 'mid_session')), expect: { code: 'MON-04', severity: 'warning', message: /no mid-session check/ } },
    ],
  },
  {
    file: 'group-first-responders',
    variants: [
      { name: 'small groups of up to 12', edit: (d) => (d.programme.smallGroupSize.max = 12), expect: { code: 'GRP-01', severity: 'warning', message: /up to 12 are larger than the published maximum of 9/ } },
      { name: 'no group-confidentiality consent', edit: dropConsent('group_confidentiality'), expect: { code: 'CONS-01', severity: 'error', message: /no "group confidentiality" section/ } },
      { name: 'SL up to 400 mg', edit: (d) => (route(d).max = 400), expect: { code: 'DOSE-03', severity: 'warning', message: /SL maximum dose 400 mg/ } },
      { name: 'two sessions in week 2', edit: (d) => (d.medicineSessions.weeks = [2, 2, 4]), expect: { code: 'SESS-03', severity: 'error', message: /^Medicine sessions 1 and 2 are both in week 2, which contradicts/ } },
      { name: 'one facilitator per group', edit: (d) => (d.programme.facilitatorsPerSmallGroup = { count: 1, roles: ['therapist'] }), expect: { code: 'GRP-02', severity: 'warning', message: /1 facilitator/ } },
    ],
  },
  {
    file: 'group-ceremony',
    variants: [
      { name: 'ceremony not opt-in per element', edit: (d) => (d.consent.ceremony.optInPerElement = false), expect: { code: 'CULT-05', severity: 'error', message: /opt-in for each element/ } },
      { name: 'no ceremony consent section', edit: dropConsent('ceremony'), expect: { code: 'CONS-01', severity: 'error', message: /no "ceremony" section/ } },
      { name: 'a block without provenance', edit: (d) => (delete d.cultural.blocks[0].governance.origin, delete d.cultural.blocks[0].governance.keepers), expect: { code: 'CULT-02', severity: 'error', message: /does not name the Nation or community/ } },
      { name: 'IM up to 4 mg/kg', edit: (d) => (route(d).max = 4), expect: { code: 'DOSE-02', severity: 'error', message: /4 mg\/kg is at or above the 4 mg\/kg anaesthetic dose/ } },
      { name: 'an Elder without an agreed protocol', edit: (d) => delete d.team[3].protocol, expect: { code: 'CULT-04', severity: 'warning', message: /\(elder\) has no protocol/ } },
    ],
  },
  {
    file: 'group-psilocybin',
    notes: [{ code: 'DOSE-11', message: /^No bundled dose reference for psilocybin by the PO route/ }],
    variants: [
      { name: 'no pregnancy exclusion', edit: (d) => (d.screening.exclusions.absolute = d.screening.exclusions.absolute.filter((e: Doc) => e.code !== 'pregnancy')), expect: { code: 'SCR-02', severity: 'error', message: /do not include pregnancy/ } },
      { name: 'a PHQ-9 cut-off of 12', edit: (d) => (d.measures[0].cutoff = 12), expect: { code: 'MEAS-01', severity: 'error', message: /PHQ-9 cut-off 12 should be 10/ } },
    ],
  },
  {
    file: 'home-oral-ketamine',
    variants: [
      { name: 'an oral maximum of 450 mg', edit: (d) => (route(d).max = 450), expect: { code: 'DOSE-10', severity: 'warning', message: /^PO maximum dose 450 mg is above the 25-300 mg reference range/ } },
      { name: 'oral dose in mg/kg', edit: (d) => (route(d).unit = 'mg/kg'), expect: { code: 'DOSE-04', severity: 'error', message: /PO dose is in mg\/kg; PO doses are fixed mg/ } },
      { name: 'no escort', edit: (d) => (d.medicineSessions.dischargeCriteria = d.medicineSessions.dischargeCriteria.filter((c: Doc) => c.kind !== 'escort')), expect: { code: 'MON-07', severity: 'error', message: /no escort criterion/ } },
      { name: 'no pulse oximeter at home', edit: (d) => (d.monitoring.emergencyReadiness.equipment = ['bp_cuff']), expect: { code: 'MON-10', severity: 'error', message: /lacks pulse oximeter$/ } },
      { name: 'one hour of observation', edit: (d) => (d.medicineSessions.observationMin = 60), expect: { code: 'MON-06', severity: 'warning', message: /60 minutes is under the 120 minutes/ } },
    ],
  },
];

describe('protocols written from scratch', () => {
  for (const s of SCRATCH) {
    describe(s.file, () => {
      const text = read(s.file);

      it('sound: no error, no warning, and only the notes that are right for it (opt-in rules included)', () => {
        const found = check(text);
        const expectedNotes = s.notes ?? [];
        const unexpected = found.filter((d) => !expectedNotes.some((n) => n.code === d.code && n.message.test(d.message)));
        expect(unexpected.map(line)).toEqual([]);
        for (const n of expectedNotes) expect(found.filter((d) => d.code === n.code && d.severity === 'info').map(line)).toHaveLength(1);
      });

      for (const v of s.variants) {
        it(`unsound — ${v.name}: ${v.expect.code}`, () => {
          const doc = parse(text);
          v.edit(doc);
          const found = check(stringify(doc));
          const hit = found.filter((d) => d.code === v.expect.code && v.expect.message.test(d.message));
          expect(hit.map(line), found.map(line).join('\n')).toHaveLength(1);
          expect(hit[0]!.severity).toBe(v.expect.severity);
          expect(found.filter((d) => d.code.startsWith('SCHEMA') || d.code === 'RULE-ERROR').map(line)).toEqual([]);
        });
      }
    });
  }
});
