/** DOSE-01…11: dose ranges, units and titration per route, and a note where no reference exists. */
import { referenceFor, type Reference } from './reference';
import { at, fmt, hasText, medicineOf, routes, texts, type RouteView } from './read';
import { SRC } from './sources';
import type { Rule, RuleFinding } from './types';

const KETAMINE = ['ketamine'] as const;

/** Routes a medicine has a bundled dose reference for (ketamine: one entry per route; esketamine: its label's routes). */
function referencedRoutes(ref: Reference['dose'], medicine: string | undefined): readonly string[] {
  if (medicine === 'ketamine') return Object.keys(ref.ketamine);
  if (medicine === 'esketamine') return ref.esketamine.routes;
  return [];
}

/** Warnings that a written justification answers are kept visible, at info level, for reviewers. */
function justifiable(r: RouteView, finding: RuleFinding): RuleFinding {
  return r.justified ? { ...finding, severity: 'info', message: `${finding.message} (justification recorded)` } : finding;
}

export const DOSE_RULES: Rule[] = [
  {
    id: 'DOSE-01',
    family: 'dose',
    severity: 'warning',
    title: 'IM dose above the RTT range',
    help: `Above the range RTT reports using for intramuscular ketamine (0.5-1.5 mg/kg); a higher maximum needs a written justification. Source: ${SRC.rtt2025B}`,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).dose.ketamine.IM;
      return routes(ctx.doc, 'IM')
        .filter((r) => r.unit === 'mg/kg' && r.max !== undefined && r.max > ref.max && r.max < ref.anaestheticMin)
        .map((r) =>
          justifiable(r, {
            path: [...r.path, 'max'],
            message: `IM maximum dose ${fmt(r.max!)} mg/kg is above the ${fmt(ref.max)} mg/kg RTT reference range`,
          }),
        );
    },
  },
  {
    id: 'DOSE-02',
    family: 'dose',
    severity: 'error',
    title: 'IM dose in anaesthetic range',
    help: `IM ketamine from 4 mg/kg is anaesthetic-induction territory, not sub-anaesthetic KaT. Source: ${SRC.pmc6020109}`,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).dose.ketamine.IM;
      const out: RuleFinding[] = [];
      for (const r of routes(ctx.doc, 'IM')) {
        if (r.unit !== 'mg/kg') continue;
        for (const key of ['max', 'start'] as const) {
          const v = r[key];
          if (v !== undefined && v >= ref.anaestheticMin)
            out.push({
              path: [...r.path, key],
              message: `IM ${key === 'max' ? 'maximum' : 'starting'} dose ${fmt(v)} mg/kg is at or above the ${fmt(ref.anaestheticMin)} mg/kg anaesthetic dose`,
            });
        }
      }
      return out;
    },
  },
  {
    id: 'DOSE-03',
    family: 'dose',
    severity: 'warning',
    title: 'SL dose above the RTT range',
    help: `Above the RTT sublingual range (100-300 mg) and the top of published fixed oral/SL dosing; needs a written justification. Sources: ${SRC.rtt2025B}; ${SRC.andrade2019}`,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).dose.ketamine.SL;
      return routes(ctx.doc, 'SL')
        .filter((r) => r.unit === 'mg' && r.max !== undefined && r.max > ref.max)
        .map((r) =>
          justifiable(r, {
            path: [...r.path, 'max'],
            message: `SL maximum dose ${fmt(r.max!)} mg per session is above the ${fmt(ref.max)} mg RTT reference range`,
          }),
        );
    },
  },
  {
    id: 'DOSE-04',
    family: 'dose',
    severity: 'error',
    title: 'Dose unit does not fit the route',
    help: `IV/IM/SC doses are weight-based (mg/kg, or fixed mg only with weightRequired: true); SL/PO/IN and esketamine doses are fixed mg. A unit mismatch invites tenfold dosing errors. Sources: ${SRC.design}; ${SRC.healthCanada2020}`,
    medicines: ['ketamine', 'esketamine'],
    check(ctx) {
      const ref = referenceFor(ctx.reference).dose;
      const esketamine = medicineOf(ctx.doc) === 'esketamine';
      const out: RuleFinding[] = [];
      for (const r of routes(ctx.doc)) {
        if (r.unit === undefined || r.route === undefined) continue; // missing unit: DOSE-06
        const path = [...r.path, 'unit'];
        if (esketamine) {
          if (r.unit !== 'mg') out.push({ path, message: `Esketamine dose is given in ${r.unit}; esketamine is dosed in fixed mg (28 mg devices)` });
        } else if (ref.weightBasedRoutes.includes(r.route)) {
          if (r.unit === 'mg' && r.item.weightRequired !== true)
            out.push({ path, message: `${r.route} dose is in fixed mg without weightRequired: true; ${r.route} doses are weight-based (mg/kg)` });
          else if (r.unit !== 'mg' && r.unit !== 'mg/kg') out.push({ path, message: `${r.route} dose unit "${r.unit}" is not mg/kg` });
        } else if (ref.fixedDoseRoutes.includes(r.route) && r.unit !== 'mg') {
          out.push({ path, message: `${r.route} dose is in ${r.unit}; ${r.route} doses are fixed mg` });
        }
      }
      return out;
    },
  },
  {
    id: 'DOSE-05',
    family: 'dose',
    severity: 'error',
    title: 'Esketamine dose not in 28 mg steps or above 84 mg',
    help: `Each esketamine nasal device delivers 28 mg, so doses come in 28 mg steps; the label maximum is 84 mg. Source: ${SRC.spravato}`,
    medicines: ['esketamine'],
    check(ctx) {
      const ref = referenceFor(ctx.reference).dose.esketamine;
      const out: RuleFinding[] = [];
      for (const r of routes(ctx.doc)) {
        if (r.unit !== undefined && r.unit !== 'mg') continue; // unit problem: DOSE-04
        for (const key of ['min', 'max', 'start'] as const) {
          const v = r[key];
          if (v === undefined) continue;
          const path = [...r.path, key];
          if (v > ref.maxMg) out.push({ path, message: `Esketamine ${key} dose ${fmt(v)} mg is above the ${fmt(ref.maxMg)} mg label maximum` });
          else if (v % ref.stepMg !== 0)
            out.push({ path, message: `Esketamine ${key} dose ${fmt(v)} mg is not a multiple of ${fmt(ref.stepMg)} mg (one device)` });
        }
      }
      return out;
    },
  },
  {
    id: 'DOSE-06',
    family: 'dose',
    severity: 'error',
    title: 'Inconsistent dose range',
    help: `A dose range needs a unit, non-negative values, min not above max, and a starting dose inside [min, max]; otherwise every dose calculated from it is suspect. Source: ${SRC.design}`,
    check(ctx) {
      const out: RuleFinding[] = [];
      for (const r of routes(ctx.doc)) {
        const name = r.route ?? `route ${fmt(Number(r.path[r.path.length - 1]) + 1)}`;
        if (r.unit === undefined) out.push({ path: r.path, message: `${name} dose has no unit (mg/kg or mg)` });
        for (const key of ['min', 'max', 'start'] as const) {
          const v = r[key];
          if (v !== undefined && v < 0) out.push({ path: [...r.path, key], message: `${name} ${key} dose ${fmt(v)} is negative` });
        }
        if (r.min !== undefined && r.max !== undefined && r.min > r.max)
          out.push({ path: [...r.path, 'min'], message: `${name} minimum dose ${fmt(r.min)} is above the maximum ${fmt(r.max)}` });
        if (r.start !== undefined && ((r.min !== undefined && r.start < r.min) || (r.max !== undefined && r.start > r.max)))
          out.push({
            path: [...r.path, 'start'],
            message: `${name} starting dose ${fmt(r.start)} is outside the range ${r.min === undefined ? '…' : fmt(r.min)}-${r.max === undefined ? '…' : fmt(r.max)}`,
          });
      }
      return out;
    },
  },
  {
    id: 'DOSE-07',
    family: 'dose',
    severity: 'warning',
    title: 'IV regimen departs from the reference',
    help: `The reference antidepressant IV regimen is 0.5 mg/kg over 40 minutes; a higher dose or a faster infusion needs a written justification. Source: ${SRC.canmat2021}`,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).dose.ketamine.IV;
      const out: RuleFinding[] = [];
      for (const r of routes(ctx.doc, 'IV')) {
        if (r.unit === 'mg/kg' && r.max !== undefined && r.max > ref.max)
          out.push(justifiable(r, { path: [...r.path, 'max'], message: `IV maximum dose ${fmt(r.max)} mg/kg is above the ${fmt(ref.max)} mg/kg reference regimen` }));
        const infusion = r.item.infusionMin;
        if (typeof infusion !== 'number')
          out.push(justifiable(r, { path: r.path, message: `IV route has no infusion time (infusionMin); the reference regimen infuses over ${fmt(ref.infusionMin)} minutes` }));
        else if (infusion < ref.infusionMin)
          out.push(justifiable(r, { path: [...r.path, 'infusionMin'], message: `IV infusion over ${fmt(infusion)} minutes is faster than the ${fmt(ref.infusionMin)}-minute reference regimen` }));
      }
      return out;
    },
  },
  {
    id: 'DOSE-08',
    family: 'dose',
    severity: 'warning',
    title: 'Route change without an equivalence note',
    help: `When sessions may use different routes, each route needs an equivalence note: SL/PO bioavailability is about 20-40 % against about 93 % IM, so equal numbers are not equal doses. Sources: ${SRC.numinus}; ${SRC.andrade2019}`,
    optIn: true,
    medicines: KETAMINE,
    check(ctx) {
      const rs = routes(ctx.doc);
      if (new Set(rs.map((r) => r.route)).size < 2) return [];
      return rs
        .filter((r) => !hasText(r.item.equivalenceNote))
        .map((r) => ({ path: r.path, message: `${r.route ?? 'Route'} is one of several routes but has no equivalenceNote` }));
    },
  },
  {
    id: 'DOSE-09',
    family: 'dose',
    severity: 'info',
    title: 'No start-low titration rule',
    help: `KAP consents describe starting at the low end to gauge sensitivity; state the titration rule and start the first session at the minimum. Source: ${SRC.clinicConsent}`,
    optIn: true,
    medicines: ['ketamine', 'esketamine'],
    check(ctx) {
      const out: RuleFinding[] = [];
      if (!hasText(at(ctx.doc, ['medicineSessions', 'titration'])))
        out.push({ path: ['medicineSessions', 'titration'], message: 'Medicine sessions have no titration rule (how the first dose starts low and is adjusted)' });
      for (const r of routes(ctx.doc))
        if (r.start !== undefined && r.min !== undefined && r.start > r.min)
          out.push({ path: [...r.path, 'start'], message: `${r.route ?? 'Route'} starting dose ${fmt(r.start)} is above the minimum ${fmt(r.min)}; the first session is not set at the low end` });
      return out;
    },
  },
  {
    id: 'DOSE-10',
    family: 'dose',
    severity: 'warning',
    title: 'Oral or intranasal ketamine dose above the reference',
    help: `Oral ketamine is given in fixed doses of 25-300 mg (bioavailability 20-25 %); intranasal racemic ketamine of about 75 mg equals the 0.5 mg/kg IV reference regimen (bioavailability 40-50 %). A higher maximum needs a written justification. Sources: ${SRC.andrade2019}; ${SRC.numinus}; ${SRC.canmat2021}`,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).dose.ketamine;
      const out: RuleFinding[] = [];
      for (const r of routes(ctx.doc, 'PO'))
        if (r.unit === 'mg' && r.max !== undefined && r.max > ref.PO.max)
          out.push(justifiable(r, { path: [...r.path, 'max'], message: `PO maximum dose ${fmt(r.max)} mg is above the ${fmt(ref.PO.min)}-${fmt(ref.PO.max)} mg reference range for oral ketamine` }));
      for (const r of routes(ctx.doc, 'IN'))
        if (r.unit === 'mg' && r.max !== undefined && r.max > ref.IN.max)
          out.push(justifiable(r, { path: [...r.path, 'max'], message: `IN maximum dose ${fmt(r.max)} mg is above ${fmt(ref.IN.max)} mg, the intranasal equivalent of the 0.5 mg/kg IV reference regimen` }));
      return out;
    },
  },
  {
    id: 'DOSE-11',
    family: 'dose',
    severity: 'info',
    title: 'No dose reference for this medicine or route',
    help: `The bundled reference values hold dose ranges for ketamine IM, SL, IV, PO and IN and for esketamine IN only (shared domain reference, section 2.1). Any other medicine or route is not checked against a published range: the medical lead sets the dose, cites its source and signs it off, or adds a site reference value. Source: ${SRC.design}`,
    check(ctx) {
      const medicine = medicineOf(ctx.doc);
      const covered = referencedRoutes(referenceFor(ctx.reference).dose, medicine);
      const named = texts(at(ctx.doc, ['metadata', 'medicineName']))[0]?.text;
      const what = medicine === 'other' || !medicine ? (named ?? 'this medicine') : medicine;
      return routes(ctx.doc)
        .filter((r) => r.route !== undefined && !covered.includes(r.route))
        .map((r) => ({
          path: [...r.path, 'route'],
          message: `No bundled dose reference for ${what} by the ${r.route} route: its dose is not checked against a published range; the medical lead sets it and cites the source`,
        }));
    },
  },
];
