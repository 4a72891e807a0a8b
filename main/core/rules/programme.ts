/** SETT-01/02 (where a route may be given), SESS-01…04 (session count and spacing), GRP-01…04 (group format). */
import { referenceFor } from './reference';
import { at, fmt, hasText, isGroupFormat, isRttDerived, items, list, medicineOf, num, obj, routes, str, strings, type Path } from './read';
import { SRC } from './sources';
import type { Rule, RuleFinding } from './types';

const KETAMINE = ['ketamine'] as const;

function siteOf(doc: unknown): { jurisdiction: string | undefined; facilityType: string | undefined } {
  return {
    jurisdiction: str(at(doc, ['metadata', 'site', 'jurisdiction'])),
    facilityType: str(at(doc, ['metadata', 'site', 'facilityType'])),
  };
}

/** Medicine-session weeks with their index in the list, sorted by week. */
function sessionWeeks(doc: unknown): { week: number; path: Path }[] {
  return list(at(doc, ['medicineSessions', 'weeks']))
    .map((w, i) => ({ week: num(w), path: ['medicineSessions', 'weeks', i] as Path }))
    .filter((w): w is { week: number; path: Path } => w.week !== undefined)
    .sort((a, b) => a.week - b.week);
}

function outside(v: number | undefined, r: { min: number; max: number }): v is number {
  return v !== undefined && (v < r.min || v > r.max);
}

export const SETTING_RULES: Rule[] = [
  {
    id: 'SETT-01',
    family: 'setting',
    severity: 'error',
    title: 'IV ketamine outside a hospital or accredited facility',
    help: `In BC, Alberta and Saskatchewan, IV ketamine for mood disorders may only be given in a hospital or an accredited non-hospital medical/surgical facility (Manitoba is similar). Source: ${SRC.kataCpsbc}`,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).setting;
      const site = siteOf(ctx.doc);
      if (!site.jurisdiction || !ref.ivRestrictedJurisdictions.includes(site.jurisdiction)) return [];
      if (site.facilityType && ref.ivFacilityTypes.includes(site.facilityType)) return [];
      return routes(ctx.doc, 'IV').map((r) => ({
        path: [...r.path, 'route'],
        message: `IV route at a ${site.facilityType ?? 'site with no facility type'} in ${site.jurisdiction}; IV ketamine there needs a hospital or accredited facility`,
      }));
    },
  },
  {
    id: 'SETT-02',
    family: 'setting',
    severity: 'warning',
    title: 'Parenteral route at a BC community site',
    help: `Sources disagree on IM/SC ketamine in BC community settings: the 2021 CPSBC draft required an accredited facility for parenteral routes, interim guidance reportedly allowed non-IV routes. Check the current CPSBC standard. Source: ${SRC.kataCpsbc}`,
    optIn: true,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).setting;
      const site = siteOf(ctx.doc);
      if (!site.jurisdiction || !ref.parenteralCautionJurisdictions.includes(site.jurisdiction)) return [];
      if (site.facilityType && ref.ivFacilityTypes.includes(site.facilityType)) return [];
      return routes(ctx.doc)
        .filter((r) => r.route !== undefined && ref.parenteralRoutes.includes(r.route))
        .map((r) => ({
          path: [...r.path, 'route'],
          message: `${r.route} route at a ${site.facilityType ?? 'community'} site in ${site.jurisdiction}; confirm the current CPSBC standard allows it`,
        }));
    },
  },
];

export const SESSION_RULES: Rule[] = [
  {
    id: 'SESS-01',
    family: 'sessions',
    severity: 'warning',
    title: 'RTT-derived protocol without 3 medicine sessions',
    help: `The published RTT model embeds 3 medicine sessions in the 12-week Community of Practice. Source: ${SRC.rtt2025V}`,
    optIn: true,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).sessions;
      const count = num(at(ctx.doc, ['medicineSessions', 'count']));
      if (!isRttDerived(ctx.doc) || count === undefined || count === ref.rttCount) return [];
      return [{ path: ['medicineSessions', 'count'], message: `${fmt(count)} medicine sessions; the RTT model this protocol derives from uses ${fmt(ref.rttCount)}` }];
    },
  },
  {
    id: 'SESS-02',
    family: 'sessions',
    severity: 'warning',
    title: 'First medicine session too early or too late',
    help: `In a 12-week programme the first medicine session should come after the group has formed and leave time for integration; RTT starts around weeks 4-6. Sources: ${SRC.rtt2025B}; window ${SRC.design}`,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).sessions;
      if (num(at(ctx.doc, ['programme', 'weeks'])) !== ref.programmeWeeks) return [];
      const first = sessionWeeks(ctx.doc)[0];
      if (!first || !outside(first.week, ref.firstWeek)) return [];
      const when = first.week < ref.firstWeek.min ? 'before' : 'after';
      const bound = first.week < ref.firstWeek.min ? ref.firstWeek.min : ref.firstWeek.max;
      return [{ path: first.path, message: `First medicine session in week ${fmt(first.week)} is ${when} week ${fmt(bound)} of the ${fmt(ref.programmeWeeks)}-week programme` }];
    },
  },
  {
    id: 'SESS-03',
    family: 'sessions',
    severity: 'error',
    title: 'Medicine sessions closer than the reference spacing',
    help: `Group KaT runs weekly or slower (7 days); twice-weekly dosing (3 days) is labelled only for esketamine induction. A shorter gap is an error unless a spacing justification is written, which makes it a warning for the reviewer; below 3 days it stays an error. Sources: ${SRC.spravato}; 7-day default ${SRC.design}`,
    medicines: ['ketamine', 'esketamine'],
    check(ctx) {
      const ref = referenceFor(ctx.reference).sessions;
      const minGap = medicineOf(ctx.doc) === 'esketamine' ? ref.esketamineMinGapDays : ref.minGapDays;
      const justified = hasText(at(ctx.doc, ['medicineSessions', 'spacingJustification']));
      const stated = num(at(ctx.doc, ['medicineSessions', 'minSpacingDays']));
      const finding = (path: Path, days: number | undefined, what: string): RuleFinding => {
        if (days !== undefined && days < ref.justifiedMinGapDays)
          return { path, message: `${what}, under the ${fmt(ref.justifiedMinGapDays)}-day floor that no justification covers` };
        if (justified) return { path, severity: 'warning', message: `${what}, under the ${fmt(minGap)}-day reference (spacing justification recorded)` };
        return { path, message: `${what}, under the ${fmt(minGap)}-day reference with no spacing justification` };
      };
      const out: RuleFinding[] = [];
      if (stated !== undefined && stated < minGap) out.push(finding(['medicineSessions', 'minSpacingDays'], stated, `Minimum spacing is ${fmt(stated)} days`));
      // Sessions are named by their place in the schedule: two sessions in one week are still two sessions.
      const weeks = sessionWeeks(ctx.doc);
      for (let i = 1; i < weeks.length; i++) {
        const prev = weeks[i - 1]!;
        const cur = weeks[i]!;
        const pair = `Medicine sessions ${i} and ${i + 1}`;
        if (cur.week === prev.week) {
          // Within one week only minSpacingDays says how far apart they are; it is checked above.
          if (stated === undefined)
            out.push(finding(cur.path, undefined, `${pair} are both in week ${fmt(cur.week)} and the protocol states no minimum spacing (minSpacingDays)`));
          else if (stated >= 7)
            out.push({ path: cur.path, message: `${pair} are both in week ${fmt(cur.week)}, which contradicts the stated minimum spacing of ${fmt(stated)} days` });
          continue;
        }
        const days = (cur.week - prev.week) * 7;
        if (days < minGap) out.push(finding(cur.path, days, `${pair} (weeks ${fmt(prev.week)} and ${fmt(cur.week)}) are ${fmt(days)} days apart`));
      }
      return out;
    },
  },
  {
    id: 'SESS-04',
    family: 'sessions',
    severity: 'warning',
    title: 'Too little integration after the last session',
    help: `Leave at least 2 Community-of-Practice weeks after the last medicine session for integration before the programme closes. Sources: RTT integration emphasis, ${SRC.rttWeb}; threshold ${SRC.design}`,
    optIn: true,
    medicines: KETAMINE,
    check(ctx) {
      const ref = referenceFor(ctx.reference).sessions;
      const total = num(at(ctx.doc, ['programme', 'weeks']));
      const last = sessionWeeks(ctx.doc).at(-1);
      if (total === undefined || !last) return [];
      const after = total - last.week;
      if (after >= ref.integrationWeeksAfterLast) return [];
      return [{ path: last.path, message: `Last medicine session in week ${fmt(last.week)} leaves ${fmt(Math.max(after, 0))} week(s) of the ${fmt(total)}-week programme for integration (at least ${fmt(ref.integrationWeeksAfterLast)})` }];
    },
  },
];

const PROGRAMME: Path = ['programme'];

export const GROUP_RULES: Rule[] = [
  {
    id: 'GRP-01',
    family: 'group',
    severity: 'warning',
    title: 'Small-group size outside published sizes',
    help: `Published group-KAP small groups hold 3-9 people (RTT 6-9, others 3-6). Sources: ${SRC.rtt2025B}; ${SRC.flynn2025}`,
    check(ctx) {
      if (!isGroupFormat(ctx.doc)) return [];
      const ref = referenceFor(ctx.reference).group.smallGroupSize;
      const size = obj(at(ctx.doc, [...PROGRAMME, 'smallGroupSize']));
      const out: RuleFinding[] = [];
      const max = num(size?.max);
      const min = num(size?.min);
      if (max !== undefined && max > ref.max) out.push({ path: [...PROGRAMME, 'smallGroupSize', 'max'], message: `Small groups of up to ${fmt(max)} are larger than the published maximum of ${fmt(ref.max)}` });
      if (min !== undefined && min < ref.min) out.push({ path: [...PROGRAMME, 'smallGroupSize', 'min'], message: `Small groups of ${fmt(min)} are smaller than the published minimum of ${fmt(ref.min)}` });
      return out;
    },
  },
  {
    id: 'GRP-02',
    family: 'group',
    severity: 'warning',
    title: 'Small group without two facilitators including an RN',
    help: `RTT pairs a Registered Nurse with a Registered Therapist for each small group. Source: ${SRC.rttWeb}`,
    check(ctx) {
      if (!isGroupFormat(ctx.doc)) return [];
      const ref = referenceFor(ctx.reference).group;
      const path: Path = [...PROGRAMME, 'facilitatorsPerSmallGroup'];
      const fac = obj(at(ctx.doc, path));
      if (!fac) return [{ path, message: `No facilitators per small group are set; RTT uses ${fmt(ref.minFacilitators)}, one of them a Registered Nurse` }];
      const out: RuleFinding[] = [];
      const count = num(fac.count);
      if (count === undefined || count < ref.minFacilitators)
        out.push({ path: [...path, 'count'], message: `${count === undefined ? 'No' : fmt(count)} facilitator(s) per small group; RTT uses ${fmt(ref.minFacilitators)}` });
      const roleOf = new Map(items(ctx.doc, ['team']).map(({ item }) => [str(item.id), str(item.role)]));
      const hasNurse = strings(fac.roles).some((id) => id === ref.nurseRole || roleOf.get(id) === ref.nurseRole);
      if (!hasNurse) out.push({ path: [...path, 'roles'], message: 'No Registered Nurse among the small-group facilitators' });
      return out;
    },
  },
  {
    id: 'GRP-03',
    family: 'group',
    severity: 'info',
    title: 'RTT-derived cohort size outside 20-40',
    help: `The published RTT cohorts hold 20-40 participants. Source: ${SRC.bfweb}`,
    optIn: true,
    check(ctx) {
      if (!isRttDerived(ctx.doc) || !isGroupFormat(ctx.doc)) return [];
      const ref = referenceFor(ctx.reference).group.rttCohortSize;
      const size = obj(at(ctx.doc, [...PROGRAMME, 'cohortSize']));
      const out: RuleFinding[] = [];
      for (const key of ['min', 'max'] as const) {
        const v = num(size?.[key]);
        if (outside(v, ref)) out.push({ path: [...PROGRAMME, 'cohortSize', key], message: `Cohort ${key} of ${fmt(v)} is outside the RTT cohort size of ${fmt(ref.min)}-${fmt(ref.max)}` });
      }
      return out;
    },
  },
  {
    id: 'GRP-04',
    family: 'group',
    severity: 'info',
    title: 'RTT-derived weekly timings outside the described format',
    help: `RTT describes weekly Community-of-Practice sessions with a 30-40 minute large group and a 70-90 minute small group. Source: ${SRC.rtt2025B}`,
    optIn: true,
    check(ctx) {
      if (!isRttDerived(ctx.doc) || !isGroupFormat(ctx.doc)) return [];
      const ref = referenceFor(ctx.reference).group;
      const lengths = obj(at(ctx.doc, [...PROGRAMME, 'sessionLengths']));
      const out: RuleFinding[] = [];
      const large = num(lengths?.largeGroupMin);
      const small = num(lengths?.smallGroupMin);
      if (outside(large, ref.rttLargeGroupMin))
        out.push({ path: [...PROGRAMME, 'sessionLengths', 'largeGroupMin'], message: `Large group of ${fmt(large)} minutes is outside RTT's ${fmt(ref.rttLargeGroupMin.min)}-${fmt(ref.rttLargeGroupMin.max)} minutes` });
      if (outside(small, ref.rttSmallGroupMin))
        out.push({ path: [...PROGRAMME, 'sessionLengths', 'smallGroupMin'], message: `Small group of ${fmt(small)} minutes is outside RTT's ${fmt(ref.rttSmallGroupMin.min)}-${fmt(ref.rttSmallGroupMin.max)} minutes` });
      return out;
    },
  },
];
