/** A site's rule settings (reference overrides, rules on/off): checked before they are stored or imported; read and written. */
import type { Database } from 'better-sqlite3';
import { listRules, referenceOverrideProblem } from '../core/rules';
import { appendAudit } from './audit';
import { InvalidInputError } from './errors';
import { requireProtocol } from './protocols';
import type { StoreContext } from './store-context';
import type { RuleSettings, RuleSettingsInput } from './types';

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

interface RuleSettingsRow {
  reference: string;
  enabled: string;
  disabled: string;
  updated_at: string;
  updated_by: string;
}

/** The protocol's rule settings; the empty defaults when none were ever set. */
export function getRuleSettings(db: Database, protocolId: string): RuleSettings {
  requireProtocol(db, protocolId);
  const row = db.prepare('SELECT * FROM rule_settings WHERE protocol_id = ?').get(protocolId) as RuleSettingsRow | undefined;
  if (!row) return { protocolId, reference: {}, enabled: [], disabled: [], updatedAt: null, updatedBy: null };
  return {
    protocolId,
    reference: JSON.parse(row.reference) as Record<string, unknown>,
    enabled: JSON.parse(row.enabled) as string[],
    disabled: JSON.parse(row.disabled) as string[],
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Replaces the protocol's rule settings after checking them; audited as `rules.settings` in the same transaction. */
export function setRuleSettings(ctx: StoreContext, protocolId: string, input: RuleSettingsInput, opts: { author: string }): RuleSettings {
  const author = ctx.actor(opts.author);
  const settings = checkRuleSettings(input);
  return ctx.transaction(() => {
    requireProtocol(ctx.db, protocolId);
    const at = ctx.timestamp();
    writeRuleSettings(ctx.db, protocolId, settings, at, author);
    appendAudit(ctx.db, { actor: author, action: 'rules.settings', subject: protocolId, details: { ...settings } }, at);
    return getRuleSettings(ctx.db, protocolId);
  });
}

/** Writes checked settings without an audit entry: for import, whose audit chain already records them. */
export function writeRuleSettings(db: Database, protocolId: string, settings: RuleSettingsInput, at: string, author: string): void {
  db.prepare(
    `INSERT INTO rule_settings (protocol_id, reference, enabled, disabled, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (protocol_id) DO UPDATE SET reference = excluded.reference, enabled = excluded.enabled, disabled = excluded.disabled,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(protocolId, JSON.stringify(settings.reference), JSON.stringify(settings.enabled), JSON.stringify(settings.disabled), at, author);
}
