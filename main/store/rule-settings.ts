/** A site's rule settings: checked before they are stored or imported (reference overrides, rules on/off). */
import { listRules, referenceOverrideProblem } from '../core/rules';
import { InvalidInputError } from './errors';
import type { RuleSettingsInput } from './types';

/** Overrides are a handful of numbers and lists; anything this large is not a set of reference values. */
export const MAX_REFERENCE_BYTES = 64 * 1024;
const MAX_RULE_NAMES = 500;

/**
 * Checks rule settings from a caller or an import: the overrides must be a JSON object whose keys and
 * value types match the bundled reference values (a typo must not silently leave a default in force),
 * and every rule name must be a known rule id or family.
 */
export function checkRuleSettings(input: unknown): RuleSettingsInput {
  if (!isPlainObject(input)) throw new InvalidInputError('rule settings must be an object with reference, enabled and disabled');
  const { reference, enabled, disabled } = input;
  if (!isPlainObject(reference)) throw new InvalidInputError('reference values must be a JSON object, e.g. {"dose": {"ketamine": {"IM": {"max": 1.2}}}}');
  let json: string;
  try {
    json = JSON.stringify(reference);
  } catch {
    throw new InvalidInputError('reference values must be plain JSON (numbers, strings, lists and objects)');
  }
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_REFERENCE_BYTES) throw new InvalidInputError(`reference values are ${bytes} bytes; the limit is ${MAX_REFERENCE_BYTES}`);
  const problem = referenceOverrideProblem(reference);
  if (problem) throw new InvalidInputError(problem);
  return { reference: JSON.parse(json) as Record<string, unknown>, enabled: ruleNames(enabled, 'enabled'), disabled: ruleNames(disabled, 'disabled') };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ruleNames(value: unknown, what: string): string[] {
  if (!Array.isArray(value)) throw new InvalidInputError(`${what} rules must be a list of rule ids or families`);
  if (value.length > MAX_RULE_NAMES) throw new InvalidInputError(`${what} rules: at most ${MAX_RULE_NAMES} entries`);
  const known = new Set(listRules().flatMap((r) => [r.id, r.family]));
  const unknown = value.filter((v) => typeof v !== 'string' || !known.has(v));
  if (unknown.length) throw new InvalidInputError(`${what} rules: unknown rule or family ${unknown.slice(0, 5).map((u) => JSON.stringify(u)).join(', ')}`);
  return [...new Set(value as string[])].sort();
}
