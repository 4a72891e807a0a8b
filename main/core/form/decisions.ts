/**
 * The values a site decides when it adapts a model protocol, grouped as a director thinks of them.
 * `*` stands for every item of a list. Labels and help come from the schema; the ids here name the
 * decision (the UI translates them), the paths say where it lives.
 */
export type Wild = string | '*';

/** How the form adds an item to a list: the one value asked for first, and what the item starts with. */
export interface AddSpec {
  /** The list; a `*` offers one add per list of that kind (each cultural block's keepers). */
  list: Wild[];
  /** The item's field asked for when adding: its enum's choices, or typed text. */
  choose: string;
  /** Further values the new item starts with, given the chosen one. */
  start?: (chosen: string) => Record<string, string>;
}

export interface DecisionSpec {
  id: string;
  group: 'site' | 'languages' | 'schedule' | 'medicine' | 'monitoring' | 'groups' | 'screening' | 'team' | 'consent';
  /** Single values (a `*` segment repeats the field for every item of that list). */
  fields?: Wild[][];
  /** Lists whose items the site keeps or removes (routes offered, exclusions). */
  lists?: string[][];
  /** Fields shown inside each item of those lists, relative to the item. */
  itemFields?: string[];
  /** Lists the form can add items to; their new fields appear where the fields above already show each item. */
  adds?: AddSpec[];
}

/** Weight-based dosing for the injected routes, fixed doses otherwise (the schema's doseRange note). */
const unitFor = (route: string): Record<string, string> => ({ unit: route === 'IM' || route === 'IV' ? 'mg/kg' : 'mg' });
/** A criterion's wording is the site's to write: the item starts with it empty, open in the checklist. */
const blankText = (): Record<string, string> => ({ text: '' });

export const SITE_DECISIONS: readonly DecisionSpec[] = [
  { id: 'site-name', group: 'site', fields: [['metadata', 'site', 'name']] },
  { id: 'jurisdiction', group: 'site', fields: [['metadata', 'site', 'jurisdiction'], ['metadata', 'site', 'facilityType']] },
  { id: 'territory', group: 'site', fields: [['metadata', 'site', 'territory']] },
  { id: 'languages', group: 'languages', fields: [['metadata', 'languages']] },
  { id: 'weeks', group: 'schedule', fields: [['programme', 'weeks'], ['programme', 'delivery']] },
  { id: 'session-lengths', group: 'schedule', fields: [['programme', 'sessionLengths', 'largeGroupMin'], ['programme', 'sessionLengths', 'smallGroupMin']] },
  { id: 'medicine-sessions', group: 'medicine', fields: [['medicineSessions', 'count'], ['medicineSessions', 'weeks'], ['medicineSessions', 'minSpacingDays']] },
  {
    id: 'routes',
    group: 'medicine',
    lists: [['medicineSessions', 'routes']],
    adds: [{ list: ['medicineSessions', 'routes'], choose: 'route', start: unitFor }],
  },
  {
    id: 'doses',
    group: 'medicine',
    fields: [
      ['medicineSessions', 'routes', '*', 'unit'],
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
  {
    id: 'exclusions',
    group: 'screening',
    lists: [['screening', 'exclusions', 'absolute'], ['screening', 'exclusions', 'relative']],
    itemFields: ['text'],
    adds: [
      { list: ['screening', 'exclusions', 'absolute'], choose: 'code', start: blankText },
      { list: ['screening', 'exclusions', 'relative'], choose: 'code', start: blankText },
    ],
  },
  { id: 'owners', group: 'team', fields: [['metadata', 'owners', '*', 'name']] },
  { id: 'team', group: 'team', fields: [['team', '*', 'name']], adds: [{ list: ['team'], choose: 'role', start: () => ({ name: '' }) }] },
  {
    id: 'keepers',
    group: 'team',
    fields: [
      ['cultural', 'blocks', '*', 'governance', 'keepers', '*', 'name'],
      ['cultural', 'blocks', '*', 'governance', 'keepers', '*', 'role'],
    ],
    adds: [{ list: ['cultural', 'blocks', '*', 'governance', 'keepers'], choose: 'name', start: () => ({ role: 'elder' }) }],
  },
  {
    id: 'contacts',
    group: 'consent',
    fields: [['monitoring', 'emergencyContacts', '*', 'name'], ['monitoring', 'emergencyContacts', '*', 'phone']],
    adds: [{ list: ['monitoring', 'emergencyContacts'], choose: 'name' }],
  },
  { id: 'fee', group: 'consent', fields: [['programme', 'costs', 'amount'], ['programme', 'costs', 'currency']] },
];

/** Marks a value the template left for the site to write ("SITE: your clinic name", "SITE — name the product"). */
export const PLACEHOLDER = /\bSITE\s*[:—–]/;
