import { describe, it } from 'vitest';
import { checkCase, type Doc, type RuleCase } from './fixture';

const addIv = (d: Doc) => d.medicineSessions.routes.push({ id: 'iv', route: 'IV', unit: 'mg/kg', min: 0.5, max: 0.5, start: 0.5, infusionMin: 40, equivalenceNote: 'IV 100 %.' });
const site = (d: Doc) => d.metadata.site;

const cases: Record<string, RuleCase[]> = {
  'SETT-01': [
    { name: 'IV at a BC community clinic', edit: (d) => (addIv(d), (site(d).facilityType = 'community_clinic')), fires: { severity: 'error', path: ['medicineSessions', 'routes', 2, 'route'], message: /IV route at a community_clinic in CA-BC/ } },
    { name: 'IV at an Alberta site with no facility type', edit: (d) => (addIv(d), (site(d).jurisdiction = 'CA-AB'), delete site(d).facilityType), fires: { message: /site with no facility type in CA-AB/ } },
    { name: 'IV at a BC hospital', edit: (d) => (addIv(d), (site(d).facilityType = 'hospital')) },
    { name: 'IV at an Ontario community clinic', edit: (d) => (addIv(d), (site(d).jurisdiction = 'CA-ON'), (site(d).facilityType = 'community_clinic')) },
  ],
  'SETT-02': [
    { name: 'IM at a BC community clinic', edit: (d) => (site(d).facilityType = 'community_clinic'), fires: { severity: 'warning', path: ['medicineSessions', 'routes', 0, 'route'], message: /IM route at a community_clinic site in CA-BC/ } },
    { name: 'IM at a BC accredited facility', edit: () => {} },
    { name: 'SL only at a BC community clinic', edit: (d) => ((site(d).facilityType = 'community_clinic'), d.medicineSessions.routes.shift()) },
  ],
  'SESS-01': [
    { name: 'RTT-derived with 4 sessions', edit: (d) => ((d.medicineSessions.count = 4), d.medicineSessions.weeks.push(10)), fires: { severity: 'warning', path: ['medicineSessions', 'count'], message: /4 medicine sessions; the RTT model .* uses 3/ } },
    { name: 'RTT id itself, 2 sessions', edit: (d) => (delete d.metadata.basedOn, (d.metadata.id = 'rtt-kat-base'), (d.medicineSessions.count = 2)), fires: { message: /2 medicine sessions/ } },
    { name: 'not RTT-derived, 4 sessions', edit: (d) => (delete d.metadata.basedOn, (d.medicineSessions.count = 4)) },
  ],
  'SESS-02': [
    { name: 'first session in week 2', edit: (d) => (d.medicineSessions.weeks = [2, 7, 9]), fires: { severity: 'warning', path: ['medicineSessions', 'weeks', 0], message: /week 2 is before week 3 of the 12-week/ } },
    { name: 'first session in week 8 (unsorted list)', edit: (d) => (d.medicineSessions.weeks = [10, 8, 9]), fires: { path: ['medicineSessions', 'weeks', 1], message: /week 8 is after week 7/ } },
    { name: 'first session in week 3', edit: (d) => (d.medicineSessions.weeks = [3, 5, 7]) },
    { name: 'not a 12-week programme', edit: (d) => ((d.programme.weeks = 6), (d.medicineSessions.weeks = [2, 3, 4])) },
  ],
  'SESS-03': [
    {
      name: 'two sessions in one week with no stated spacing: named as two sessions',
      edit: (d) => ((d.medicineSessions.weeks = [5, 5, 9]), delete d.medicineSessions.minSpacingDays),
      fires: { severity: 'error', count: 1, path: ['medicineSessions', 'weeks', 1], message: /^Medicine sessions 1 and 2 are both in week 5 and the protocol states no minimum spacing/ },
    },
    {
      name: 'two sessions in one week, 3 days apart, justified: one warning, on the stated spacing',
      edit: (d) => ((d.medicineSessions.weeks = [5, 5, 9]), (d.medicineSessions.minSpacingDays = 3), (d.medicineSessions.spacingJustification = 'Retreat format.')),
      fires: { severity: 'warning', count: 1, path: ['medicineSessions', 'minSpacingDays'], message: /^Minimum spacing is 3 days, under the 7-day reference \(spacing justification recorded\)$/ },
    },
    { name: 'minSpacingDays 3 without justification is an error', edit: (d) => (d.medicineSessions.minSpacingDays = 3), fires: { severity: 'error', path: ['medicineSessions', 'minSpacingDays'], message: /Minimum spacing is 3 days, under the 7-day reference with no spacing justification$/ } },
    { name: 'minSpacingDays 3 with justification is a warning', edit: (d) => ((d.medicineSessions.minSpacingDays = 3), (d.medicineSessions.spacingJustification = 'Short retreat.')), fires: { severity: 'warning', message: /justification recorded/ } },
    { name: 'minSpacingDays 2 even with justification stays an error', edit: (d) => ((d.medicineSessions.minSpacingDays = 2), (d.medicineSessions.spacingJustification = 'Short retreat.')), fires: { severity: 'error', message: /under the 3-day floor/ } },
    { name: 'two sessions in one week contradict a stated 7-day spacing', edit: (d) => (d.medicineSessions.weeks = [5, 5, 9]), fires: { severity: 'error', count: 1, path: ['medicineSessions', 'weeks', 1], message: /^Medicine sessions 1 and 2 are both in week 5, which contradicts the stated minimum spacing of 7 days$/ } },
    { name: 'unsorted weeks: the sessions are counted in schedule order', edit: (d) => ((d.medicineSessions.weeks = [9, 5, 5]), delete d.medicineSessions.minSpacingDays), fires: { count: 1, message: /^Medicine sessions 1 and 2 are both in week 5/ } },
    { name: 'esketamine twice weekly (3 days) is the labelled induction', edit: (d) => ((d.metadata.medicine = 'esketamine'), (d.medicineSessions.weeks = [1, 1, 2, 2]), (d.medicineSessions.minSpacingDays = 3)) },
    { name: 'esketamine daily is below its 3-day reference', edit: (d) => ((d.metadata.medicine = 'esketamine'), (d.medicineSessions.weeks = [1, 1, 2, 2]), (d.medicineSessions.minSpacingDays = 1)), fires: { severity: 'error', path: ['medicineSessions', 'minSpacingDays'] } },
    { name: 'weekly sessions, 7 days', edit: (d) => (d.medicineSessions.weeks = [5, 6, 7]) },
  ],
  'SESS-04': [
    { name: 'last session in week 11 of 12', edit: (d) => (d.medicineSessions.weeks = [5, 8, 11]), fires: { severity: 'warning', path: ['medicineSessions', 'weeks', 2], message: /week 11 leaves 1 week\(s\)/ } },
    { name: 'last session in week 10 of 12', edit: (d) => (d.medicineSessions.weeks = [5, 8, 10]) },
  ],
  'GRP-01': [
    { name: 'small groups of 12', edit: (d) => (d.programme.smallGroupSize.max = 12), fires: { severity: 'warning', path: ['programme', 'smallGroupSize', 'max'], message: /up to 12 are larger than the published maximum of 9/ } },
    { name: 'small groups of 2', edit: (d) => (d.programme.smallGroupSize.min = 2), fires: { path: ['programme', 'smallGroupSize', 'min'] } },
    { name: 'individual format', edit: (d) => ((d.programme.format = 'individual'), (d.programme.smallGroupSize.max = 12)) },
    { name: 'groups of 3-9', edit: (d) => (d.programme.smallGroupSize = { min: 3, max: 9 }) },
  ],
  'GRP-02': [
    { name: 'one facilitator', edit: (d) => (d.programme.facilitatorsPerSmallGroup = { count: 1, roles: ['nurse'] }), fires: { severity: 'warning', path: ['programme', 'facilitatorsPerSmallGroup', 'count'], message: /1 facilitator\(s\)/ } },
    { name: 'no nurse among them', edit: (d) => (d.programme.facilitatorsPerSmallGroup.roles = ['therapist', 'therapist']), fires: { path: ['programme', 'facilitatorsPerSmallGroup', 'roles'], message: /No Registered Nurse/ } },
    { name: 'not set at all', edit: (d) => delete d.programme.facilitatorsPerSmallGroup, fires: { path: ['programme', 'facilitatorsPerSmallGroup'] } },
    { name: 'role named directly', edit: (d) => (d.programme.facilitatorsPerSmallGroup.roles = ['registered_nurse', 'therapist']) },
  ],
  'GRP-03': [
    { name: 'RTT cohort of 60', edit: (d) => (d.programme.cohortSize.max = 60), fires: { severity: 'info', path: ['programme', 'cohortSize', 'max'], message: /60 is outside the RTT cohort size of 20-40/ } },
    { name: 'non-RTT cohort of 60', edit: (d) => (delete d.metadata.basedOn, (d.programme.cohortSize.max = 60)) },
  ],
  'GRP-04': [
    { name: 'RTT large group of 60 min', edit: (d) => (d.programme.sessionLengths.largeGroupMin = 60), fires: { severity: 'info', path: ['programme', 'sessionLengths', 'largeGroupMin'] } },
    { name: 'RTT small group of 45 min', edit: (d) => (d.programme.sessionLengths.smallGroupMin = 45), fires: { path: ['programme', 'sessionLengths', 'smallGroupMin'], message: /45 minutes is outside RTT's 70-90/ } },
    { name: 'RTT timings 30 and 90', edit: (d) => (d.programme.sessionLengths = { largeGroupMin: 30, smallGroupMin: 90 }) },
  ],
};

describe('setting, session and group rules', () => {
  for (const [code, list] of Object.entries(cases))
    describe(code, () => {
      for (const c of list) it(`${c.fires ? 'fires' : 'is silent'}: ${c.name}`, () => checkCase(code, c));
    });
});
