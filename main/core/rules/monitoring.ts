/** MON-01…11: blood pressure, vitals, observation, discharge, safety sheet, emergency readiness, PRN. */
import { programmeShape } from '../model/shape';
import { referenceFor } from './reference';
import { at, fmt, hasText, items, num, obj, routes, str, strings, type Path } from './read';
import { SRC } from './sources';
import type { Rule, RuleFinding } from './types';

const KETAMINES = ['ketamine', 'esketamine'] as const;
const BP: Path = ['monitoring', 'preSessionBpMax'];
const TIMEPOINTS: Path = ['monitoring', 'vitals', 'timepoints'];
const SHEET_FIELDS: Path = ['monitoring', 'safetySheet', 'fields'];
const READINESS: Path = ['monitoring', 'emergencyReadiness'];

function timepointsAt(doc: unknown): Set<string> {
  return new Set(items(doc, TIMEPOINTS).map(({ item }) => str(item.at)).filter((a): a is string => !!a));
}

function missingSheetField(doc: unknown, field: string, message: string): RuleFinding[] {
  return strings(at(doc, SHEET_FIELDS)).includes(field) ? [] : [{ path: SHEET_FIELDS, message }];
}

export const MONITORING_RULES: Rule[] = [
  {
    id: 'MON-01',
    family: 'monitoring',
    severity: 'error',
    title: 'No pre-session blood-pressure limit',
    help: `Ketamine raises blood pressure, and BP was raised after about half of RTT sessions; dosing needs a stated pre-session limit. Source: ${SRC.tsang2023}`,
    medicines: KETAMINES,
    check(ctx) {
      const bp = obj(at(ctx.doc, BP));
      if (!bp) return [{ path: BP, message: 'Monitoring has no pre-session blood-pressure maximum (preSessionBpMax)' }];
      return (['systolic', 'diastolic'] as const)
        .filter((k) => num(bp[k]) === undefined)
        .map((k) => ({ path: [...BP, k], message: `Pre-session blood-pressure maximum has no ${k} value` }));
    },
  },
  {
    id: 'MON-02',
    family: 'monitoring',
    severity: 'warning',
    title: 'Pre-session BP limit looser than 150/90',
    // On by default, unlike the domain reference's suggested default set: a limit above 180/100 passes a
    // labelled contraindication, and a protocol must not reach print with it unnoticed.
    help: `A pre-session limit above 150/90 is looser than the RTT threshold; above 180/100 it passes a labelled contraindication. Sources: ${SRC.rttWeb}; ${SRC.swissLabel}`,
    medicines: KETAMINES,
    check(ctx) {
      const ref = referenceFor(ctx.reference).monitoring.bp;
      const bp = obj(at(ctx.doc, BP));
      const out: RuleFinding[] = [];
      for (const k of ['systolic', 'diastolic'] as const) {
        const v = num(bp?.[k]);
        if (v === undefined) continue;
        if (v > ref.contraindication[k])
          out.push({ path: [...BP, k], severity: 'error', message: `Pre-session ${k} maximum ${fmt(v)} mmHg is above ${fmt(ref.contraindication[k])}, a labelled contraindication to ketamine` });
        else if (v > ref.rtt[k]) out.push({ path: [...BP, k], message: `Pre-session ${k} maximum ${fmt(v)} mmHg is looser than the RTT limit of ${fmt(ref.rtt.systolic)}/${fmt(ref.rtt.diastolic)}` });
      }
      return out;
    },
  },
  {
    id: 'MON-03',
    family: 'monitoring',
    severity: 'error',
    title: 'Vitals not taken both before dosing and after the session',
    help: `Vitals before dosing and after the session are core RTT monitoring; raised post-session BP is the main published safety signal. Sources: ${SRC.rtt2025B}; ${SRC.tsang2023}`,
    medicines: KETAMINES,
    check(ctx) {
      const ref = referenceFor(ctx.reference).monitoring;
      const have = timepointsAt(ctx.doc);
      return ref.requiredTimepoints
        .filter((t) => !have.has(t))
        .map((t) => ({ path: TIMEPOINTS, message: `Vitals have no ${t.replace(/_/g, '-')} timepoint` }));
    },
  },
  {
    id: 'MON-04',
    family: 'monitoring',
    severity: 'warning',
    title: 'No mid-session BP check',
    help: `The esketamine label sets a BP recheck about 40 minutes after dosing; check BP about 30-45 minutes post-dose. Source: ${SRC.spravato}`,
    medicines: KETAMINES,
    check(ctx) {
      const ref = referenceFor(ctx.reference).monitoring.midSessionMinutes;
      const mids = items(ctx.doc, TIMEPOINTS).filter(({ item }) => item.at === 'mid_session');
      if (mids.length === 0) return [{ path: TIMEPOINTS, message: 'Vitals have no mid-session check (about 30-45 minutes after dosing)' }];
      const timed = mids.map(({ item, path }) => ({ minutes: num(item.minutesAfterDose), path }));
      if (timed.some((t) => t.minutes === undefined || (t.minutes >= ref.min && t.minutes <= ref.max))) return [];
      return timed.map((t) => ({
        path: [...t.path, 'minutesAfterDose'],
        message: `Mid-session check at ${fmt(t.minutes!)} minutes after dosing is outside ${fmt(ref.min)}-${fmt(ref.max)} minutes`,
      }));
    },
  },
  {
    id: 'MON-05',
    family: 'monitoring',
    severity: 'warning',
    title: 'No pulse oximetry',
    help: `The esketamine REMS requires an on-site pulse oximeter; record SpO2 with the vitals or list a pulse oximeter in the emergency equipment. Source: ${SRC.spravatoRems}`,
    medicines: KETAMINES,
    check(ctx) {
      const fields = strings(at(ctx.doc, ['monitoring', 'vitals', 'fields']));
      const equipment = strings(at(ctx.doc, [...READINESS, 'equipment']));
      if (fields.includes('spo2') || equipment.includes('pulse_oximeter')) return [];
      return [{ path: ['monitoring', 'vitals', 'fields'], message: 'Neither SpO2 in the vitals nor a pulse oximeter in the emergency equipment' }];
    },
  },
  {
    id: 'MON-06',
    family: 'monitoring',
    severity: 'error',
    title: 'Observation time missing or under 2 hours',
    help: `There is no RTT figure; the most conservative labelled value is at least 2 hours of observation and until clinically stable. Source: ${SRC.spravatoRems}`,
    medicines: KETAMINES,
    check(ctx) {
      const ref = referenceFor(ctx.reference).monitoring;
      const path: Path = ['medicineSessions', 'observationMin'];
      const v = num(at(ctx.doc, path));
      if (v === undefined) return [{ path, message: 'Medicine sessions have no post-dose observation time (observationMin)' }];
      if (v < ref.observationMin)
        return [{ path, severity: 'warning', message: `Observation of ${fmt(v)} minutes is under the ${fmt(ref.observationMin)} minutes of the most conservative label` }];
      return [];
    },
  },
  {
    id: 'MON-07',
    family: 'monitoring',
    severity: 'error',
    title: 'Discharge without escort or no-driving rule',
    help: `The ketamine label says to leave with a responsible adult; the esketamine label says no driving until the next day after restful sleep. Sources: ${SRC.ketalar}; ${SRC.spravato}`,
    medicines: KETAMINES,
    check(ctx) {
      const ref = referenceFor(ctx.reference).monitoring;
      const path: Path = ['medicineSessions', 'dischargeCriteria'];
      const kinds = new Set(items(ctx.doc, path).map(({ item }) => str(item.kind)));
      return ref.dischargeKinds
        .filter((k) => !kinds.has(k))
        .map((k) => ({ path, message: `Discharge criteria have no ${k.replace(/_/g, '-')} criterion` }));
    },
  },
  {
    id: 'MON-08',
    family: 'monitoring',
    severity: 'error',
    title: 'Weight-based dose without weight on the safety sheet',
    help: `Weight-based (mg/kg) dosing needs a current weight recorded on the safety sheet. Source: ${SRC.rttSafetySheetB}`,
    medicines: KETAMINES,
    check(ctx) {
      const ref = referenceFor(ctx.reference).monitoring;
      const weighed = routes(ctx.doc).filter((r) => r.unit === 'mg/kg' || r.item.weightRequired === true);
      if (weighed.length === 0) return [];
      const names = weighed.map((r) => r.route ?? 'a route').join(', ');
      return missingSheetField(ctx.doc, ref.weightField, `Safety sheet has no ${ref.weightField} field, but ${names} dosing is weight-based`);
    },
  },
  {
    id: 'MON-09',
    family: 'monitoring',
    severity: 'error',
    title: 'Safety sheet without emergency contacts',
    help: `Emergency contacts are part of the RTT safety sheet. Source: ${SRC.rttSafetySheetB}`,
    medicines: KETAMINES,
    check(ctx) {
      const field = referenceFor(ctx.reference).monitoring.emergencyContactsField;
      return missingSheetField(ctx.doc, field, `Safety sheet has no ${field} field`);
    },
  },
  {
    id: 'MON-10',
    family: 'monitoring',
    severity: 'error',
    title: 'Emergency readiness incomplete',
    help: `Ketamine is an anaesthetic agent: sessions need oxygen, suction, a BP cuff, a pulse oximeter, BLS-certified staff and an EMS plan. Where doses are taken at home (site facility type virtual) a BP cuff and a pulse oximeter at home and an EMS plan stand in for the clinic equipment. Sources: ${SRC.asa}; home equipment ${SRC.design}`,
    medicines: KETAMINES,
    check(ctx) {
      const ref = referenceFor(ctx.reference).monitoring;
      const readiness = obj(at(ctx.doc, READINESS));
      if (!readiness) return [{ path: READINESS, message: 'Monitoring has no emergency readiness (equipment, staff certification, EMS plan)' }];
      const out: RuleFinding[] = [];
      const equipment = strings(readiness.equipment);
      const needed = programmeShape(ctx.doc).atHome ? ref.homeEquipment : ref.equipment;
      const missing = needed.filter((e) => !equipment.includes(e));
      if (missing.length > 0) out.push({ path: [...READINESS, 'equipment'], message: `Emergency equipment lacks ${missing.map((e) => e.replace(/_/g, ' ')).join(', ')}` });
      const certs = strings(readiness.staffCertification);
      if (!ref.certifications.some((c) => certs.includes(c)))
        out.push({ path: [...READINESS, 'staffCertification'], message: `No staff certification among ${ref.certifications.join(' / ').toUpperCase()}` });
      if (!hasText(readiness.emsPlan)) out.push({ path: [...READINESS, 'emsPlan'], message: 'Emergency readiness has no EMS plan' });
      return out;
    },
  },
  {
    id: 'MON-11',
    family: 'monitoring',
    severity: 'warning',
    title: 'No PRN antiemetic or antihypertensive plan',
    help: `Nausea occurred in about 12 % of RTT sessions and BP elevation is common; KAP consents name an antiemetic and an antihypertensive PRN. Sources: ${SRC.tsang2023}; ${SRC.clinicConsent}`,
    medicines: KETAMINES,
    check(ctx) {
      const ref = referenceFor(ctx.reference).monitoring;
      const purposes = new Set(items(ctx.doc, ['monitoring', 'prn']).map(({ item }) => str(item.purpose)));
      return ref.prnPurposes.filter((p) => !purposes.has(p)).map((p) => ({ path: ['monitoring', 'prn'], message: `No PRN ${p} in the plan` }));
    },
  },
];
