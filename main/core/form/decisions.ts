/**
 * The values a site decides when it adapts a model protocol, grouped as a director thinks of them.
 * `*` stands for every item of a list. Labels and help come from the schema; the ids here name the
 * decision (the UI translates them), the paths say where it lives.
 */
export type Wild = string | '*';

export interface DecisionSpec {
  id: string;
  group: 'site' | 'languages' | 'schedule' | 'medicine' | 'monitoring' | 'groups' | 'screening' | 'team' | 'consent';
  /** Single values (a `*` segment repeats the field for every item of that list). */
  fields?: Wild[][];
  /** Lists whose items the site keeps or removes (routes offered, exclusions). */
  lists?: string[][];
}

export const SITE_DECISIONS: readonly DecisionSpec[] = [
  { id: 'site-name', group: 'site', fields: [['metadata', 'site', 'name']] },
  { id: 'jurisdiction', group: 'site', fields: [['metadata', 'site', 'jurisdiction'], ['metadata', 'site', 'facilityType']] },
  { id: 'territory', group: 'site', fields: [['metadata', 'site', 'territory']] },
  { id: 'languages', group: 'languages', fields: [['metadata', 'languages']] },
  { id: 'weeks', group: 'schedule', fields: [['programme', 'weeks'], ['programme', 'delivery']] },
  { id: 'session-lengths', group: 'schedule', fields: [['programme', 'sessionLengths', 'largeGroupMin'], ['programme', 'sessionLengths', 'smallGroupMin']] },
  { id: 'medicine-sessions', group: 'medicine', fields: [['medicineSessions', 'count'], ['medicineSessions', 'weeks'], ['medicineSessions', 'minSpacingDays']] },
  { id: 'routes', group: 'medicine', lists: [['medicineSessions', 'routes']] },
  {
    id: 'doses',
    group: 'medicine',
    fields: [
      ['medicineSessions', 'routes', '*', 'min'],
      ['medicineSessions', 'routes', '*', 'max'],
      ['medicineSessions', 'routes', '*', 'start'],
    ],
  },
  { id: 'observation', group: 'medicine', fields: [['medicineSessions', 'observationMin']] },
  { id: 'bp', group: 'monitoring', fields: [['monitoring', 'preSessionBpMax', 'systolic'], ['monitoring', 'preSessionBpMax', 'diastolic']] },
  { id: 'vitals', group: 'monitoring', fields: [['monitoring', 'vitals', 'fields']] },
  { id: 'cohort', group: 'groups', fields: [['programme', 'cohortSize', 'min'], ['programme', 'cohortSize', 'max']] },
  { id: 'small-groups', group: 'groups', fields: [['programme', 'smallGroupSize', 'min'], ['programme', 'smallGroupSize', 'max']] },
  { id: 'exclusions', group: 'screening', lists: [['screening', 'exclusions', 'absolute'], ['screening', 'exclusions', 'relative']] },
  { id: 'owners', group: 'team', fields: [['metadata', 'owners', '*', 'name']] },
  { id: 'team', group: 'team', fields: [['team', '*', 'name']] },
  { id: 'keepers', group: 'team', fields: [['cultural', 'blocks', '*', 'governance', 'keepers', '*', 'name']] },
  { id: 'contacts', group: 'consent', fields: [['monitoring', 'emergencyContacts', '*', 'name'], ['monitoring', 'emergencyContacts', '*', 'phone']] },
  { id: 'fee', group: 'consent', fields: [['programme', 'costs', 'amount'], ['programme', 'costs', 'currency']] },
];

/** Marks a value the template left for the site to write ("SITE: your clinic name", "SITE — name the product"). */
export const PLACEHOLDER = /\bSITE\s*[:—–]/;
