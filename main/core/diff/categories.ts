/**
 * Which changes are clinical, cultural or editorial — the one table. Rules are tried in order and the
 * first that matches wins: cultural content rules look at the enclosing list items (so a curriculum
 * ceremony segment or an Elder on the team is cultural wherever it sits), then the section prefixes.
 */
import type { ChangeCategory } from './types';
import { isPlainObject } from './values';

export interface CategoryRule {
  category: ChangeCategory;
  /** Why, shown nowhere but kept next to the rule for reviewers of this table. */
  why: string;
  /** Matches when the change's map keys (list indices left out) start with this prefix. */
  prefix?: string[];
  /** Matches when any enclosing list item (old or new side) satisfies this. */
  item?: (item: Record<string, unknown>) => boolean;
}

const CULTURAL_SHARING = new Set(['community_only', 'secret_sacred']);

/** Governance that carries cultural content: keepers, TK labels, an origin, or restricted sharing. */
export function hasCulturalGovernance(item: Record<string, unknown>): boolean {
  const g = item.governance;
  if (!isPlainObject(g)) return false;
  const nonEmpty = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null);
  return nonEmpty(g.keepers) || nonEmpty(g.labels) || nonEmpty(g.origin) || CULTURAL_SHARING.has(String(g.sharing));
}

export const CATEGORY_RULES: readonly CategoryRule[] = [
  { category: 'cultural', why: 'a section under cultural governance (keepers, TK labels, origin)', item: hasCulturalGovernance },
  { category: 'cultural', why: 'ceremony segments of the curriculum', item: (i) => i.kind === 'ceremony' },
  { category: 'cultural', why: 'Elders and knowledge keepers on the team (offering, honorarium)', item: (i) => i.role === 'elder' || i.role === 'knowledge_keeper' },
  { category: 'cultural', why: 'cultural framing and blocks', prefix: ['cultural'] },
  { category: 'clinical', why: 'dosing, routes, spacing, observation, discharge', prefix: ['medicineSessions'] },
  { category: 'clinical', why: 'indications, exclusions, instruments, interactions', prefix: ['screening'] },
  { category: 'clinical', why: 'vitals, BP thresholds, emergency readiness, PRN', prefix: ['monitoring'] },
  { category: 'clinical', why: 'informed consent and touch', prefix: ['consent'] },
];

/** Category of a change at `keys` (map keys only) inside the enclosing list items `items`. */
export function categorize(keys: readonly string[], items: readonly Record<string, unknown>[]): ChangeCategory {
  for (const rule of CATEGORY_RULES) {
    if (rule.item && items.some(rule.item)) return rule.category;
    if (rule.prefix && rule.prefix.every((k, i) => keys[i] === k)) return rule.category;
  }
  return 'editorial';
}

export const CATEGORY_ORDER: readonly ChangeCategory[] = ['clinical', 'cultural', 'editorial'];

export const CATEGORY_TITLES: Record<ChangeCategory, string> = {
  clinical: 'Clinical changes',
  cultural: 'Cultural changes',
  editorial: 'Editorial changes',
};
