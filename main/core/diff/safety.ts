/**
 * The safety direction of a clinical change: `loosened` (a limit relaxed, a safeguard removed) or
 * `tightened`. One row per limit or safeguard; a change the table does not name has no direction
 * (a theme, the weeks of the sessions). docs/CHANGES.md lists the rows.
 */
import type { ChangeKind, SafetyDirection } from './types';

export interface SafetyRule {
  /** Map keys of the field or list (list indices left out). */
  at: readonly string[];
  why: string;
  /** Direction of a higher number; removing the limit loosens, adding one tightens. */
  higher?: SafetyDirection;
  /** Direction of adding an item to the list (removing one goes the other way). */
  itemAdded?: SafetyDirection;
}

const OTHER: Record<SafetyDirection, SafetyDirection> = { loosened: 'tightened', tightened: 'loosened' };

const dose = (key: string): SafetyRule => ({ at: ['medicineSessions', 'routes', key], higher: 'loosened', why: `a higher ${key === 'capMg' ? 'dose cap' : `${key} dose`}` });

export const SAFETY_RULES: readonly SafetyRule[] = [
  dose('min'),
  dose('max'),
  dose('start'),
  dose('capMg'),
  { at: ['medicineSessions', 'routes', 'infusionMin'], higher: 'tightened', why: 'a slower infusion' },
  { at: ['medicineSessions', 'routes'], itemAdded: 'loosened', why: 'a route added (one more way to dose)' },
  { at: ['medicineSessions', 'minSpacingDays'], higher: 'tightened', why: 'more days between sessions' },
  { at: ['medicineSessions', 'observationMin'], higher: 'tightened', why: 'a longer observation' },
  { at: ['medicineSessions', 'dischargeCriteria'], itemAdded: 'tightened', why: 'a discharge criterion added' },
  { at: ['medicineSessions', 'fasting', 'foodHours'], higher: 'tightened', why: 'a longer fast' },
  { at: ['medicineSessions', 'fasting', 'liquidsMin'], higher: 'tightened', why: 'a longer fast from liquids' },
  { at: ['monitoring', 'preSessionBpMax', 'systolic'], higher: 'loosened', why: 'a higher pre-session BP limit' },
  { at: ['monitoring', 'preSessionBpMax', 'diastolic'], higher: 'loosened', why: 'a higher pre-session BP limit' },
  { at: ['monitoring', 'vitals', 'timepoints'], itemAdded: 'tightened', why: 'a vitals check added' },
  { at: ['monitoring', 'vitals', 'fields'], itemAdded: 'tightened', why: 'a vital sign added' },
  { at: ['monitoring', 'safetySheet', 'fields'], itemAdded: 'tightened', why: 'a safety-sheet field added' },
  { at: ['monitoring', 'emergencyReadiness', 'equipment'], itemAdded: 'tightened', why: 'emergency equipment added' },
  { at: ['monitoring', 'emergencyReadiness', 'staffCertification'], itemAdded: 'tightened', why: 'a staff certification added' },
  { at: ['monitoring', 'prn'], itemAdded: 'tightened', why: 'a PRN medication added' },
  { at: ['screening', 'exclusions', 'absolute'], itemAdded: 'tightened', why: 'an exclusion added' },
  { at: ['screening', 'exclusions', 'relative'], itemAdded: 'tightened', why: 'a case-by-case exclusion added' },
  { at: ['screening', 'assessments'], itemAdded: 'tightened', why: 'a screening assessment added' },
  { at: ['consent', 'sections'], itemAdded: 'tightened', why: 'a consent element added' },
  { at: ['programme', 'smallGroupSize', 'min'], higher: 'loosened', why: 'larger small groups' },
  { at: ['programme', 'smallGroupSize', 'max'], higher: 'loosened', why: 'larger small groups' },
  { at: ['programme', 'cohortSize', 'min'], higher: 'loosened', why: 'a larger cohort' },
  { at: ['programme', 'cohortSize', 'max'], higher: 'loosened', why: 'a larger cohort' },
  { at: ['programme', 'facilitatorsPerSmallGroup', 'count'], higher: 'tightened', why: 'more facilitators per small group' },
];

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => b[i] === k);
const within = (prefix: readonly string[], keys: readonly string[]) => prefix.length < keys.length && prefix.every((k, i) => keys[i] === k);

/** Direction of a plain list's change (`fields: [bp, hr]` → `[bp, hr, spo2]`): only a pure growth or shrink has one. */
function listDirection(before: unknown, after: unknown, grows: SafetyDirection): SafetyDirection | undefined {
  if (!Array.isArray(before) || !Array.isArray(after)) return undefined;
  const a = new Set(before);
  const b = new Set(after);
  const gained = [...b].some((x) => !a.has(x));
  const lost = [...a].some((x) => !b.has(x));
  if (gained && !lost) return grows;
  if (lost && !gained) return OTHER[grows];
  return undefined;
}

/** The safety direction of a change at `keys` (list indices left out), or undefined when the table has none. */
export function safetyDirection(keys: readonly string[], kind: ChangeKind, before: unknown, after: unknown): SafetyDirection | undefined {
  const rule = SAFETY_RULES.find((r) => same(r.at, keys));
  if (rule?.higher) {
    if (kind === 'removed') return 'loosened';
    if (kind === 'added') return 'tightened';
    if (typeof before === 'number' && typeof after === 'number' && before !== after) return after > before ? rule.higher : OTHER[rule.higher];
    return undefined;
  }
  if (rule?.itemAdded) {
    if (kind === 'changed') return listDirection(before, after, rule.itemAdded);
    if (kind === 'moved') return undefined;
    return kind === 'added' ? rule.itemAdded : OTHER[rule.itemAdded];
  }
  // A whole limit (e.g. the pre-session BP maximum) removed or added, not an item of a list the table names.
  if ((kind === 'removed' || kind === 'added') && SAFETY_RULES.some((r) => r.higher && within(keys, r.at))) return kind === 'removed' ? 'loosened' : 'tightened';
  return undefined;
}
