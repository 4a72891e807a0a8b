/** The contract between the rule engine and the rule modules. */
import type { PathSegment, Range, Severity } from '../diagnostics/diagnostic';
import type { Medicine } from '../model/protocol';

export type RuleFamily = 'dose' | 'setting' | 'sessions' | 'group' | 'monitoring' | 'screening' | 'measures' | 'consent' | 'cultural' | 'readability' | 'translation' | 'review';

export interface RuleFinding {
  /** JSON path of the node to underline; the engine falls back to the nearest existing ancestor. */
  path: PathSegment[];
  message: string;
  /** Overrides the rule's default severity (e.g. MON-02 escalates to error above 180/100). */
  severity?: Severity;
}

export interface RuleContext {
  /** The parsed document (plain JS). Rules must read it defensively: it may be schema-invalid. */
  doc: unknown;
  /** Range of the node at `path` (nearest existing ancestor when absent). */
  rangeOf(path: PathSegment[]): Range;
  /**
   * A site's adjustments to the reference values, deep-merged over `main/core/rules/reference-values.json`
   * (omit, or pass the defaults, to use the bundled values).
   */
  reference?: ReferenceValues;
  /** "Today" for date rules (review intervals); defaults to the current date. */
  now?: Date;
}

export type { Medicine } from '../model/protocol';

export interface Rule {
  id: string;
  family: RuleFamily;
  severity: Severity;
  /** Short name shown in rule lists. */
  title: string;
  /** Why the rule exists and the source it rests on — becomes Diagnostic.help. */
  help: string;
  /** Off unless a site enables it (domain.md marks 11 candidates opt-in). */
  optIn?: boolean;
  /** Runs only when `metadata.medicine` is one of these (all medicines when absent). */
  medicines?: readonly Medicine[];
  check(ctx: RuleContext): RuleFinding[];
}

/** Loaded from reference-values.json; the shape is owned by the rules module. */
export type ReferenceValues = Record<string, unknown>;
