import { describe, it } from 'vitest';
import { checkCase, type Doc, type RuleCase } from './fixture';

const ABS = ['screening', 'exclusions', 'absolute'];
const dropCode = (list: 'absolute' | 'relative', code: string) => (d: Doc) => {
  d.screening.exclusions[list] = d.screening.exclusions[list].filter((e: { code: string }) => e.code !== code);
};
const measure = (d: Doc, id: string) => d.measures.find((m: { id: string }) => m.id === id);

const cases: Record<string, RuleCase[]> = {
  'SCR-01': [
    { name: 'no active psychosis exclusion', edit: dropCode('absolute', 'active_psychosis'), fires: { severity: 'error', path: ABS, message: /do not include active psychosis/, count: 1 } },
    { name: 'dementia only as relative', edit: (d) => (dropCode('absolute', 'dementia')(d), d.screening.exclusions.relative.push({ id: 'dem', code: 'dementia', text: 'x' })), fires: { message: /dementia/ } },
    { name: 'no exclusions at all', edit: (d) => delete d.screening.exclusions, fires: { count: 5 } },
    { name: 'all five present', edit: () => {} },
  ],
  'SCR-02': [
    { name: 'no breastfeeding', edit: dropCode('absolute', 'breastfeeding'), fires: { severity: 'error', message: /breastfeeding/, count: 1 } },
    { name: 'pregnancy handled as relative', edit: (d) => (dropCode('absolute', 'pregnancy')(d), d.screening.exclusions.relative.push({ id: 'preg', code: 'pregnancy', text: 'x' })) },
  ],
  'SCR-03': [
    { name: 'no severe cardiac', edit: dropCode('relative', 'severe_cardiac'), fires: { severity: 'warning', message: /severe coronary or myocardial disease/, count: 1 } },
    { name: 'AVM instead of aneurysm', edit: (d) => (dropCode('relative', 'aneurysm')(d), d.screening.exclusions.absolute.push({ id: 'avm', code: 'avm', text: 'x' })) },
    { name: 'psilocybin is not checked', edit: (d) => ((d.metadata.medicine = 'psilocybin'), dropCode('relative', 'severe_cardiac')(d)) },
  ],
  'SCR-04': [
    { name: 'no substance review', edit: (d) => (d.screening.assessments = [{ id: 's', kind: 'suicide_risk' }]), fires: { severity: 'warning', path: ['screening', 'assessments'] } },
    { name: 'substance misuse exclusion instead', edit: (d) => ((d.screening.assessments = [{ id: 's', kind: 'suicide_risk' }]), d.screening.exclusions.relative.push({ id: 'sm', code: 'substance_misuse', text: 'x' })) },
  ],
  'SCR-05': [
    { name: 'no suicide screen', edit: (d) => ((d.screening.instruments = []), (d.screening.assessments = [{ id: 'x', kind: 'substance_use' }])), fires: { severity: 'warning', message: /no suicide-risk screen/ } },
    { name: 'no escalation path', edit: (d) => (delete d.screening.suicideRiskEscalation, delete d.screening.instruments[0].escalation), fires: { path: ['screening', 'suicideRiskEscalation'], message: /no escalation path/ } },
    { name: 'escalation only on the instrument', edit: (d) => delete d.screening.suicideRiskEscalation },
  ],
  'MEAS-01': [
    { name: 'PHQ-9 range 0-30', edit: (d) => (measure(d, 'phq9').range.max = 30), fires: { severity: 'error', path: ['measures', 0, 'range'], message: /PHQ-9 range 0-30 should be 0-27/ } },
    { name: 'GAD-7 cut-off 8', edit: (d) => (measure(d, 'gad7').cutoff = 8), fires: { path: ['measures', 1, 'cutoff'], message: /GAD-7 cut-off 8 should be 10/ } },
    { name: 'PCL-5 cut-off 38 (superseded)', edit: (d) => (measure(d, 'pcl5').cutoff = 38), fires: { message: /PCL-5 cut-off 38 should be 31-33/ } },
    { name: 'B-IPF range 0-70', edit: (d) => (measure(d, 'bipf').range = { min: 0, max: 70 }), fires: { message: /B-IPF range 0-70 should be 0-100/ } },
    { name: 'B-IPF cut-off outside the scale', edit: (d) => (measure(d, 'bipf').cutoff = 150), fires: { message: /outside the scale range 0-100/ } },
    { name: 'eligibility PHQ-9 cut-off 5', edit: (d) => (d.screening.instruments[1].cutoff = 5), fires: { path: ['screening', 'instruments', 1, 'cutoff'] } },
    { name: 'PCL-5 cut-off 31', edit: (d) => (measure(d, 'pcl5').cutoff = 31) },
    { name: 'suicide-risk screen with an item cut-off', edit: (d) => (d.screening.instruments[0].cutoff = 1) },
    { name: 'unknown instrument', edit: (d) => d.measures.push({ id: 'mbi', instrument: 'MBI', range: { min: 0, max: 132 } }) },
  ],
  'MEAS-02': [
    { name: 'no baseline', edit: (d) => d.measures.forEach((m: { timepoints: string[] }) => (m.timepoints = ['post'])), fires: { severity: 'warning', path: ['measures'], message: /at baseline/ } },
    { name: 'no post', edit: (d) => d.measures.forEach((m: { timepoints: string[] }) => (m.timepoints = ['baseline', 'followup_3m'])), fires: { message: /after the programme/ } },
    { name: 'post within 4 weeks', edit: (d) => (measure(d, 'phq9').postWithinWeeks = 4), fires: { path: ['measures', 0, 'postWithinWeeks'], message: /within 4 weeks is later than 2 weeks/ } },
    { name: 'no measures', edit: (d) => delete d.measures, fires: { message: /no outcome measures/ } },
    { name: 'baseline and post within 2 weeks', edit: () => {} },
  ],
};

describe('screening and measure rules', () => {
  for (const [code, list] of Object.entries(cases))
    describe(code, () => {
      for (const c of list) it(`${c.fires ? 'fires' : 'is silent'}: ${c.name}`, () => checkCase(code, c));
    });
});
