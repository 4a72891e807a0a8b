/** Units and direction notes for numeric changes ("mg/kg", "widened"). */
import type { ChangeNote } from './types';
import { isPlainObject } from './values';

/** Field-name conventions of the schema (`…Min` minutes, `…Days`, BP in mmHg). */
const UNIT_BY_KEY: [RegExp, string][] = [
  [/^(systolic|diastolic)$/, 'mmHg'],
  [/Min$|^minutesAfterDose$/, 'min'],
  [/Days$/, 'days'],
  [/Hours$/, 'h'],
  [/Weeks$/, 'weeks'],
  [/Months$/, 'months'],
];
const DOSE_KEYS = new Set(['min', 'max', 'start']);

/** Unit of the number at `key` inside `parent`: the document's own `unit` for doses, else by name. */
export function unitFor(key: string, parent: unknown): string | undefined {
  if (DOSE_KEYS.has(key) && isPlainObject(parent) && typeof parent.unit === 'string') return parent.unit;
  return UNIT_BY_KEY.find(([re]) => re.test(key))?.[1];
}

export interface NumericRange {
  min: number;
  max: number;
}

export function isRange(v: unknown): v is NumericRange & Record<string, unknown> {
  return isPlainObject(v) && typeof v.min === 'number' && typeof v.max === 'number';
}

/** Widened / narrowed when the range grows or shrinks on either side, shifted when it moves. */
export function rangeNote(before: NumericRange, after: NumericRange): ChangeNote | undefined {
  if (before.min === after.min && before.max === after.max) return undefined;
  if (after.min <= before.min && after.max >= before.max) return 'widened';
  if (after.min >= before.min && after.max <= before.max) return 'narrowed';
  return 'shifted';
}

export function numberNote(before: unknown, after: unknown): ChangeNote | undefined {
  if (typeof before !== 'number' || typeof after !== 'number' || before === after) return undefined;
  return after > before ? 'raised' : 'lowered';
}
