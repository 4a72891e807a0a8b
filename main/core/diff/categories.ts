/**
 * The one change-classification table: clinical, cultural, editorial or translation. Rows are tried in order
 * and the first that matches wins, so cultural content stays cultural wherever it sits (its translations too:
 * Elders review the language used), a translation is never clinical, and rewording that keeps every number is
 * editorial even in a clinical section. docs/CHANGES.md lists the rows; each clinical change's safety
 * direction comes from `safety.ts`.
 */
import { schemaNodeAt } from '../model/schema-info';
import type { PathSegment } from '../diagnostics/diagnostic';
import type { ChangeCategory, ChangeKind } from './types';
import { isPlainObject } from './values';

/** What the table knows of one change. */
export interface ChangeFacts {
  path: readonly PathSegment[];
  /** Map keys of `path`, list indices left out. */
  keys: readonly string[];
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  /** Enclosing list items, both sides. */
  items: readonly Record<string, unknown>[];
  /** The protocol's first language: a plain string is text in it. */
  language: string;
}

export interface CategoryRule {
  category: ChangeCategory;
  /** What the row covers, in people's words (docs/CHANGES.md). */
  why: string;
  matches(f: ChangeFacts): boolean;
}

const CULTURAL_SHARING = new Set(['community_only', 'secret_sacred']);

/** Governance that carries cultural content: keepers, TK labels, an origin, or restricted sharing. */
export function hasCulturalGovernance(item: Record<string, unknown>): boolean {
  const g = item.governance;
  if (!isPlainObject(g)) return false;
  const nonEmpty = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null);
  return nonEmpty(g.keepers) || nonEmpty(g.labels) || nonEmpty(g.origin) || CULTURAL_SHARING.has(String(g.sharing));
}

const startsWith = (keys: readonly string[], prefix: readonly string[]) => prefix.every((k, i) => keys[i] === k);
const anyItem = (f: ChangeFacts, test: (i: Record<string, unknown>) => boolean) => f.items.some(test);

/** Prose (localized text) in the schema: the node itself, or a language entry of it. */
function isProseNode(path: readonly PathSegment[]): boolean {
  const schema = schemaNodeAt(path)?.schema;
  return Array.isArray(schema?.oneOf) && schema.oneOf.some((o) => isPlainObject(o) && isPlainObject(o.patternProperties));
}

/** A language entry of prose, other than the protocol's first language: a translation. */
export function isTranslation(f: Pick<ChangeFacts, 'path' | 'language'>): boolean {
  const last = f.path[f.path.length - 1];
  return typeof last === 'string' && last !== f.language && f.path.length > 1 && isProseNode(f.path.slice(0, -1));
}

/** Prose, or a language entry of prose. */
function isProse(path: readonly PathSegment[]): boolean {
  return isProseNode(path) || (path.length > 1 && isProseNode(path.slice(0, -1)));
}

/** The numbers written in a text ("4 hours", "150/90"), in order. */
function numbersIn(text: string): string[] {
  return text.match(/\d+(?:[.,]\d+)?/g) ?? [];
}

/** A text edit that keeps every number: wording or typography. */
function isRewording(f: ChangeFacts): boolean {
  if (f.kind !== 'changed' || typeof f.before !== 'string' || typeof f.after !== 'string' || !isProse(f.path)) return false;
  return numbersIn(f.before).join(' ') === numbersIn(f.after).join(' ');
}

const isListItem = (f: ChangeFacts) => typeof f.path[f.path.length - 1] === 'number' && (f.kind === 'added' || f.kind === 'removed');
const STRUCTURE_KEYS = new Set(['segments', 'week', 'medicineSession', 'kind', 'durationMin', 'facilitators']);
const TEAM_KEYS = new Set(['role', 'inSession', 'optional']);

export const CATEGORY_RULES: readonly CategoryRule[] = [
  { category: 'cultural', why: 'a section under cultural governance (keepers, TK labels, origin, restricted sharing), its translations included', matches: (f) => anyItem(f, hasCulturalGovernance) },
  { category: 'cultural', why: 'ceremony segments of the curriculum', matches: (f) => anyItem(f, (i) => i.kind === 'ceremony') },
  { category: 'cultural', why: 'Elders and Knowledge Keepers on the team (offering, honorarium, helpers, travel)', matches: (f) => anyItem(f, (i) => i.role === 'elder' || i.role === 'knowledge_keeper') },
  { category: 'cultural', why: 'cultural framing, blocks and facility policies (smudging)', matches: (f) => startsWith(f.keys, ['cultural']) },
  { category: 'translation', why: 'adding, updating or removing the text of a language other than the first, or a language of the protocol', matches: (f) => isTranslation(f) || startsWith(f.keys, ['metadata', 'languages']) },
  { category: 'editorial', why: 'rewording or typography of any prose that keeps every number', matches: isRewording },
  { category: 'clinical', why: 'programme structure: format, weeks, delivery, cohort and small-group sizes, facilitators, session lengths, referral', matches: (f) => startsWith(f.keys, ['programme']) },
  { category: 'clinical', why: 'curriculum structure: weeks and segments added or removed, which weeks hold medicine sessions, segment kinds, lengths and facilitators', matches: (f) => startsWith(f.keys, ['curriculum', 'weeks']) && (isListItem(f) || STRUCTURE_KEYS.has(f.keys[f.keys.length - 1] ?? '')) },
  { category: 'clinical', why: 'the medicine', matches: (f) => startsWith(f.keys, ['metadata', 'medicine']) && f.keys.length === 2 },
  { category: 'clinical', why: 'medicine sessions: count, weeks, spacing, routes, doses, titration, observation, fasting, discharge', matches: (f) => startsWith(f.keys, ['medicineSessions']) },
  { category: 'clinical', why: 'screening: indications, exclusions, instruments, assessments, interactions', matches: (f) => startsWith(f.keys, ['screening']) },
  { category: 'clinical', why: 'monitoring: BP limits, vitals, safety sheet, emergency readiness, PRN', matches: (f) => startsWith(f.keys, ['monitoring']) },
  { category: 'clinical', why: 'consent elements, touch consent and ceremony opt-in', matches: (f) => startsWith(f.keys, ['consent']) },
  { category: 'clinical', why: 'outcome measures: instruments, ranges, cut-offs, timepoints', matches: (f) => startsWith(f.keys, ['measures']) },
  { category: 'clinical', why: 'the clinical team: members added or removed, their roles and who is in session', matches: (f) => startsWith(f.keys, ['team']) && (isListItem(f) || TEAM_KEYS.has(f.keys[f.keys.length - 1] ?? '')) },
];

/** Everything the table does not name: titles, themes, QI records, references, metadata. */
export const DEFAULT_CATEGORY: ChangeCategory = 'editorial';

export function categorize(f: ChangeFacts): ChangeCategory {
  return CATEGORY_RULES.find((r) => r.matches(f))?.category ?? DEFAULT_CATEGORY;
}

export const CATEGORY_ORDER: readonly ChangeCategory[] = ['clinical', 'cultural', 'translation', 'editorial'];

export const CATEGORY_TITLES: Record<ChangeCategory, string> = {
  clinical: 'Clinical changes',
  cultural: 'Cultural changes',
  translation: 'Translations',
  editorial: 'Editorial changes',
};
