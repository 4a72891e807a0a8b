/** A clean ketamine group protocol (no rule fires on it, opt-in rules included) and helpers to mutate and check it. */
import { expect } from 'vitest';
import type { Diagnostic, PathSegment, Range } from '../../../main/core/diagnostics/diagnostic';
import { runRules, type RunRulesOptions } from '../../../main/core/rules/index';
import type { ReferenceValues, Rule } from '../../../main/core/rules/types';

export const NOW = new Date('2026-06-01T00:00:00Z');
export const DUMMY_RANGE: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };

const section = (element: string, text = `About ${element.replace(/_/g, ' ')}.`) => ({ id: element.replace(/_/g, '-'), element, title: element, text });

export type Doc = any;

export function baseline(): Doc {
  return {
    schemaVersion: 1,
    metadata: {
      id: 'site-a-kat',
      title: 'Site A group KaT',
      versionLabel: '1.0.0',
      status: 'draft',
      medicine: 'ketamine',
      site: { name: 'Site A', jurisdiction: 'CA-BC', facilityType: 'accredited_nhmsf', territory: 'Snuneymuxw territory' },
      basedOn: { protocol: 'rtt-kat-base', version: '3.2.0' },
      languages: ['en'],
    },
    programme: {
      format: 'group',
      weeks: 12,
      delivery: 'hybrid',
      cohortSize: { min: 20, max: 40 },
      smallGroupSize: { min: 6, max: 9 },
      facilitatorsPerSmallGroup: { count: 2, roles: ['nurse', 'therapist'] },
      sessionLengths: { largeGroupMin: 35, smallGroupMin: 80 },
    },
    team: [
      { id: 'nurse', role: 'registered_nurse' },
      { id: 'therapist', role: 'registered_therapist' },
      {
        id: 'elder-a',
        role: 'elder',
        name: 'Elder A',
        protocol: { offering: 'Tobacco, offered in person', honorarium: 'Agreed in advance', helpers: 'One helper', travel: 'Covered' },
      },
    ],
    curriculum: { weeks: [{ id: 'week-1', week: 1, culturalRefs: ['opening-circle'], segments: [{ id: 'w1-open', kind: 'ceremony', culturalRefs: ['opening-circle'] }] }] },
    medicineSessions: {
      count: 3,
      weeks: [5, 7, 9],
      minSpacingDays: 7,
      routes: [
        { id: 'im', route: 'IM', unit: 'mg/kg', min: 0.5, max: 1.5, start: 0.5, weightRequired: true, equivalenceNote: 'IM about 93 % bioavailable.' },
        { id: 'sl', route: 'SL', unit: 'mg', min: 100, max: 300, start: 100, equivalenceNote: 'SL 25-40 % bioavailable.' },
      ],
      titration: 'Start at the low end and adjust by response.',
      observationMin: 120,
      dischargeCriteria: [
        { id: 'baseline', kind: 'baseline', text: 'Back to baseline.' },
        { id: 'escort', kind: 'escort', text: 'Leaves with a responsible adult.' },
        { id: 'no-driving', kind: 'no_driving', text: 'No driving until the next day.' },
      ],
    },
    screening: {
      exclusions: {
        absolute: ['active_psychosis', 'uncontrolled_hypertension', 'dementia', 'delirium', 'inability_to_consent', 'pregnancy', 'breastfeeding'].map((code) => ({
          id: code.replace(/_/g, '-'),
          code,
          text: code,
        })),
        relative: ['aneurysm', 'stroke', 'severe_cardiac', 'hepatic'].map((code) => ({ id: code.replace(/_/g, '-'), code, text: code })),
      },
      instruments: [
        { id: 'phq9-risk', instrument: 'PHQ-9', use: 'suicide_risk', escalation: { item: 9, above: 0 } },
        { id: 'phq9-eligibility', instrument: 'PHQ-9', use: 'eligibility', cutoff: 10 },
      ],
      assessments: [
        { id: 'suicide', kind: 'suicide_risk' },
        { id: 'substances', kind: 'substance_use' },
      ],
      suicideRiskEscalation: 'Same-day review by the prescriber.',
    },
    monitoring: {
      preSessionBpMax: { systolic: 150, diastolic: 90 },
      vitals: {
        fields: ['bp', 'hr', 'spo2', 'weight'],
        timepoints: [
          { id: 'pre', at: 'pre_dose' },
          { id: 'mid', at: 'mid_session', minutesAfterDose: 40 },
          { id: 'post', at: 'post_session' },
        ],
      },
      safetySheet: { fields: ['weight_kg', 'emergency_contacts', 'bp_log'] },
      emergencyReadiness: { equipment: ['oxygen', 'suction', 'bp_cuff', 'pulse_oximeter', 'aed'], staffCertification: ['bls'], emsPlan: 'Call 911; nearest ED is 5 minutes away.' },
      prn: [
        { id: 'ondansetron', purpose: 'antiemetic', medication: 'ondansetron' },
        { id: 'clonidine', purpose: 'antihypertensive', medication: 'clonidine' },
      ],
    },
    consent: {
      sections: [
        section(
          'nature_of_treatment',
          'Ketamine is a medicine used for pain and sleep in surgery. Here we use it in a new way, to help with mood. This use is not on the label. You can ask us about it at any time. We will answer all your questions before you sign. You do not have to take part.',
        ),
        ...[
          'purpose_and_structure',
          'route_and_dose',
          'expected_effects',
          'risks',
          'benefits_and_alternatives',
          'eligibility',
          'preparation',
          'monitoring',
          'transport',
          'withdrawal',
          'touch',
          'group_confidentiality',
          'emergency',
          'data_use',
          'ceremony',
        ].map((e) => section(e)),
      ],
      touch: { capturedBefore: 'first_medicine_session', revisable: true, narrowOnlyInSession: true, stopSignal: 'Say stop.' },
      ceremony: { optInPerElement: true, elements: [{ id: 'opening', blockRef: 'opening-circle', text: 'Opening circle (optional).' }] },
    },
    measures: [
      { id: 'phq9', instrument: 'PHQ-9', range: { min: 0, max: 27 }, cutoff: 10, timepoints: ['baseline', 'post'], postWithinWeeks: 2 },
      { id: 'gad7', instrument: 'GAD-7', range: { min: 0, max: 21 }, cutoff: 10, timepoints: ['baseline', 'post'], postWithinWeeks: 2 },
      { id: 'pcl5', instrument: 'PCL-5', range: { min: 0, max: 80 }, cutoff: 33, timepoints: ['baseline', 'post'], postWithinWeeks: 1 },
      { id: 'bipf', instrument: 'B-IPF', range: { min: 0, max: 100 }, timepoints: ['baseline', 'post'] },
    ],
    cultural: {
      blocks: [
        {
          id: 'opening-circle',
          type: 'opening',
          title: 'Opening circle',
          placeholder: 'Opening led by Elder A in their own way.',
          governance: {
            sharing: 'community_only',
            keepers: [{ name: 'Elder A', role: 'elder', nation: 'Snuneymuxw' }],
            origin: { nation: 'Snuneymuxw', community: 'Snuneymuxw First Nation' },
            elderReview: { status: 'approved', reviewer: 'Elder B', date: '2026-01-10' },
            reviewIntervalMonths: 12,
          },
        },
      ],
    },
  };
}

export interface RunOptions extends RunRulesOptions {
  reference?: ReferenceValues;
  rules?: readonly Rule[];
}

/** Runs the rules (opt-in rules included unless told otherwise) with a dummy range for every path. */
export function run(doc: unknown, options: RunOptions = {}): Diagnostic[] {
  const { reference, rules, ...runOptions } = options;
  const ctx = { doc, rangeOf: (_path: PathSegment[]) => DUMMY_RANGE, reference, now: NOW };
  return runRules(ctx, { includeOptIn: true, ...runOptions }, rules);
}

export function withCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** A copy of the baseline with `edit` applied. */
export function mutated(edit: (doc: Doc) => void, base: Doc = baseline()): Doc {
  const doc = structuredClone(base);
  edit(doc);
  return doc;
}

export interface RuleCase {
  name: string;
  edit: (doc: Doc) => void;
  /** Omit for a case where the rule must stay silent. */
  fires?: { severity?: Diagnostic['severity']; path?: PathSegment[]; message?: RegExp; count?: number };
  base?: () => Doc;
}

/** Asserts one table case: the rule fires as described, or stays silent. */
export function checkCase(code: string, c: RuleCase): void {
  const found = withCode(run(mutated(c.edit, c.base?.())), code);
  if (!c.fires) {
    expect(found.map((d) => d.message)).toEqual([]);
    return;
  }
  expect(found.length, `${code} should fire`).toBeGreaterThan(0);
  if (c.fires.count !== undefined) expect(found).toHaveLength(c.fires.count);
  const first = found[0]!;
  if (c.fires.severity) expect(first.severity).toBe(c.fires.severity);
  if (c.fires.path) expect(first.path).toEqual(c.fires.path);
  if (c.fires.message) expect(first.message).toMatch(c.fires.message);
  expect(first.help).toMatch(/Source/);
  expect(first.range).toEqual(DUMMY_RANGE);
}
