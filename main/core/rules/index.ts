/** The rule engine: runs the clinical, cultural and readability rules and turns findings into diagnostics. */
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import { CONSENT_RULES, READABILITY_RULES } from './consent';
import { CULTURAL_RULES } from './cultural';
import { DOSE_RULES } from './dose';
import { MONITORING_RULES } from './monitoring';
import { GROUP_RULES, SESSION_RULES, SETTING_RULES } from './programme';
import { MEASURE_RULES, SCREENING_RULES } from './screening';
import { TRANSLATION_RULES } from './translation';
import { medicineOf } from './read';
import type { Rule, RuleContext, RuleFamily } from './types';
import type { Severity } from '../diagnostics/diagnostic';

export type { Rule, RuleContext, RuleFinding, RuleFamily, ReferenceValues } from './types';
export { mergeReferenceValues, referenceOverrideProblem, DEFAULT_REFERENCE, type Reference } from './reference';

export const RULES: readonly Rule[] = [
  ...DOSE_RULES,
  ...SETTING_RULES,
  ...SESSION_RULES,
  ...GROUP_RULES,
  ...MONITORING_RULES,
  ...SCREENING_RULES,
  ...MEASURE_RULES,
  ...CONSENT_RULES,
  ...CULTURAL_RULES,
  ...READABILITY_RULES,
  ...TRANSLATION_RULES,
];

export interface RunRulesOptions {
  /** Rule ids or families to run even if opt-in. */
  enabled?: string[];
  /** Rule ids or families never to run (wins over `enabled`). */
  disabled?: string[];
  /** Run every opt-in rule too. */
  includeOptIn?: boolean;
}

function named(rule: Rule, names: readonly string[] | undefined): boolean {
  return !!names && (names.includes(rule.id) || names.includes(rule.family));
}

export function isRuleActive(rule: Rule, options: RunRulesOptions = {}): boolean {
  if (named(rule, options.disabled)) return false;
  return !rule.optIn || !!options.includeOptIn || named(rule, options.enabled);
}

/** Runs the active rules (or `rules`, for tests) over `ctx.doc`; a rule that throws becomes a RULE-ERROR. */
export function runRules(ctx: RuleContext, options: RunRulesOptions = {}, rules: readonly Rule[] = RULES): Diagnostic[] {
  const medicine = medicineOf(ctx.doc);
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (!isRuleActive(rule, options)) continue;
    if (rule.medicines && (!medicine || !rule.medicines.includes(medicine))) continue;
    try {
      for (const f of rule.check(ctx)) {
        out.push({
          severity: f.severity ?? rule.severity,
          code: rule.id,
          message: f.message,
          help: rule.help,
          path: f.path,
          range: ctx.rangeOf(f.path),
        });
      }
    } catch (err) {
      out.push({
        severity: 'error',
        code: 'RULE-ERROR',
        message: `Rule ${rule.id} (${rule.title}) could not run: ${err instanceof Error ? err.message : String(err)}`,
        help: 'An internal error stopped this check, so the protocol was not checked for it. Please report it with the protocol file.',
        path: [],
        range: ctx.rangeOf([]),
      });
    }
  }
  return out.sort(compareDiagnostics);
}

export interface RuleInfo {
  id: string;
  family: RuleFamily;
  severity: Severity;
  title: string;
  help: string;
  optIn: boolean;
}

/** The rule catalogue, for the CLI, the UI and the README. */
export function listRules(): RuleInfo[] {
  return RULES.map((r) => ({ id: r.id, family: r.family, severity: r.severity, title: r.title, help: r.help, optIn: !!r.optIn }));
}
