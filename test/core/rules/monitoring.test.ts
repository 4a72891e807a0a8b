import { describe, expect, it } from 'vitest';
import { checkCase, mutated, run, withCode, type Doc, type RuleCase } from './fixture';

const mon = (d: Doc) => d.monitoring;
const BP = ['monitoring', 'preSessionBpMax'];
const TP = ['monitoring', 'vitals', 'timepoints'];

const cases: Record<string, RuleCase[]> = {
  'MON-01': [
    { name: 'no BP limit', edit: (d) => delete mon(d).preSessionBpMax, fires: { severity: 'error', path: BP, message: /no pre-session blood-pressure maximum/ } },
    { name: 'no diastolic', edit: (d) => delete mon(d).preSessionBpMax.diastolic, fires: { path: [...BP, 'diastolic'] } },
    { name: 'esketamine without BP limit', edit: (d) => ((d.metadata.medicine = 'esketamine'), (d.medicineSessions.routes = []), delete mon(d).preSessionBpMax), fires: {} },
    { name: 'psilocybin without BP limit', edit: (d) => ((d.metadata.medicine = 'psilocybin'), delete mon(d).preSessionBpMax) },
  ],
  'MON-02': [
    { name: '160/90', edit: (d) => (mon(d).preSessionBpMax.systolic = 160), fires: { severity: 'warning', path: [...BP, 'systolic'], message: /systolic maximum 160 mmHg is looser than the RTT limit of 150\/90/ } },
    { name: '190/90 escalates to error', edit: (d) => (mon(d).preSessionBpMax.systolic = 190), fires: { severity: 'error', message: /190 mmHg is above 180, a labelled contraindication/ } },
    { name: '150/105 escalates to error', edit: (d) => (mon(d).preSessionBpMax.diastolic = 105), fires: { severity: 'error', path: [...BP, 'diastolic'] } },
    { name: '180/100 is a warning, not an error', edit: (d) => (mon(d).preSessionBpMax = { systolic: 180, diastolic: 100 }), fires: { severity: 'warning', count: 2 } },
    { name: '140/90', edit: (d) => (mon(d).preSessionBpMax.systolic = 140) },
  ],
  'MON-03': [
    { name: 'no post-session vitals', edit: (d) => mon(d).vitals.timepoints.pop(), fires: { severity: 'error', path: TP, message: /no post-session timepoint/ } },
    { name: 'no vitals at all', edit: (d) => delete mon(d).vitals, fires: { count: 2 } },
    { name: 'pre and post present (discharge extra)', edit: (d) => mon(d).vitals.timepoints.push({ id: 'dc', at: 'discharge' }) },
  ],
  'MON-04': [
    { name: 'no mid-session check', edit: (d) => mon(d).vitals.timepoints.splice(1, 1), fires: { severity: 'warning', path: TP } },
    { name: 'mid-session at 90 min', edit: (d) => (mon(d).vitals.timepoints[1].minutesAfterDose = 90), fires: { path: [...TP, 1, 'minutesAfterDose'], message: /90 minutes after dosing is outside 30-45/ } },
    { name: 'mid-session at 30 min', edit: (d) => (mon(d).vitals.timepoints[1].minutesAfterDose = 30) },
    { name: 'mid-session without minutes', edit: (d) => delete mon(d).vitals.timepoints[1].minutesAfterDose },
  ],
  'MON-05': [
    { name: 'no SpO2 and no oximeter', edit: (d) => ((mon(d).vitals.fields = ['bp', 'hr']), (mon(d).emergencyReadiness.equipment = ['oxygen'])), fires: { severity: 'warning', path: ['monitoring', 'vitals', 'fields'] } },
    { name: 'oximeter in equipment only', edit: (d) => (mon(d).vitals.fields = ['bp', 'hr']) },
  ],
  'MON-06': [
    { name: 'observation missing', edit: (d) => delete d.medicineSessions.observationMin, fires: { severity: 'error', path: ['medicineSessions', 'observationMin'] } },
    { name: 'observation 90 min', edit: (d) => (d.medicineSessions.observationMin = 90), fires: { severity: 'warning', message: /Observation of 90 minutes is under the 120 minutes/ } },
    { name: 'observation as text is treated as missing', edit: (d) => (d.medicineSessions.observationMin = 'two hours'), fires: { severity: 'error' } },
    { name: 'observation 120 min', edit: (d) => (d.medicineSessions.observationMin = 120) },
  ],
  'MON-07': [
    { name: 'no escort', edit: (d) => d.medicineSessions.dischargeCriteria.splice(1, 1), fires: { severity: 'error', path: ['medicineSessions', 'dischargeCriteria'], message: /no escort criterion/, count: 1 } },
    { name: 'no criteria', edit: (d) => delete d.medicineSessions.dischargeCriteria, fires: { count: 2 } },
    { name: 'baseline removed, escort and no-driving kept', edit: (d) => d.medicineSessions.dischargeCriteria.shift() },
  ],
  'MON-08': [
    { name: 'mg/kg dosing without weight', edit: (d) => (mon(d).safetySheet.fields = ['emergency_contacts']), fires: { severity: 'error', path: ['monitoring', 'safetySheet', 'fields'], message: /no weight_kg field, but IM dosing is weight-based/ } },
    { name: 'fixed mg only, no weight', edit: (d) => ((mon(d).safetySheet.fields = ['emergency_contacts']), d.medicineSessions.routes.shift()) },
  ],
  'MON-09': [
    { name: 'no emergency contacts', edit: (d) => (mon(d).safetySheet.fields = ['weight_kg']), fires: { severity: 'error', message: /no emergency_contacts field/ } },
    { name: 'no safety sheet', edit: (d) => delete mon(d).safetySheet, fires: {} },
    { name: 'emergency contacts listed', edit: (d) => (mon(d).safetySheet.fields = ['emergency_contacts', 'weight_kg']) },
  ],
  'MON-10': [
    { name: 'readiness missing', edit: (d) => delete mon(d).emergencyReadiness, fires: { severity: 'error', path: ['monitoring', 'emergencyReadiness'] } },
    { name: 'no suction', edit: (d) => (mon(d).emergencyReadiness.equipment = ['oxygen', 'bp_cuff', 'pulse_oximeter']), fires: { path: ['monitoring', 'emergencyReadiness', 'equipment'], message: /lacks suction/ } },
    { name: 'no certification', edit: (d) => (mon(d).emergencyReadiness.staffCertification = ['first_aid']), fires: { path: ['monitoring', 'emergencyReadiness', 'staffCertification'] } },
    { name: 'no EMS plan', edit: (d) => delete mon(d).emergencyReadiness.emsPlan, fires: { path: ['monitoring', 'emergencyReadiness', 'emsPlan'] } },
    { name: 'ACLS instead of BLS', edit: (d) => (mon(d).emergencyReadiness.staffCertification = ['acls']) },
    { name: 'doses at home: a BP cuff and pulse oximeter stand in for clinic equipment', edit: (d) => ((d.metadata.site.facilityType = 'virtual'), (mon(d).emergencyReadiness.equipment = ['bp_cuff', 'pulse_oximeter'])) },
    { name: 'doses at home without a pulse oximeter', edit: (d) => ((d.metadata.site.facilityType = 'virtual'), (mon(d).emergencyReadiness.equipment = ['bp_cuff'])), fires: { count: 1, message: /lacks pulse oximeter$/ } },
    { name: 'a clinic still needs oxygen and suction', edit: (d) => (mon(d).emergencyReadiness.equipment = ['bp_cuff', 'pulse_oximeter']), fires: { message: /lacks oxygen, suction$/ } },
  ],
  'MON-11': [
    { name: 'no antiemetic', edit: (d) => mon(d).prn.shift(), fires: { severity: 'warning', path: ['monitoring', 'prn'], message: /No PRN antiemetic/, count: 1 } },
    { name: 'both present plus an anxiolytic', edit: (d) => mon(d).prn.push({ id: 'lorazepam', purpose: 'anxiolytic', medication: 'lorazepam' }) },
  ],
};

describe('monitoring rules', () => {
  for (const [code, list] of Object.entries(cases))
    describe(code, () => {
      for (const c of list) it(`${c.fires ? 'fires' : 'is silent'}: ${c.name}`, () => checkCase(code, c));
    });

  it('MON-02 runs by default (a BP limit past a labelled contraindication must not pass unnoticed) and can be disabled', () => {
    const doc = mutated((d) => (mon(d).preSessionBpMax.systolic = 190));
    expect(withCode(run(doc, { includeOptIn: false }), 'MON-02')[0]?.severity).toBe('error');
    expect(withCode(run(doc, { includeOptIn: false, disabled: ['MON-02'] }), 'MON-02')).toEqual([]);
  });
});
