/**
 * Redaction before anything leaves the workspace.
 *
 * Redact or refuse:
 * - Printing (binders, change logs, review sheets) **redacts**: a section beyond the audience's level is
 *   replaced by a stub that keeps its id, title, structural kind, labels, origin and the keepers'
 *   own `placeholder`, plus `withheld: {askWhom, reason}`. The reader sees that something is there
 *   and whom to ask.
 * - Raw data exports (YAML, JSON, a folder export) **refuse** (`assertExportAllowed` throws
 *   SharingBreachError) when anything would be withheld: a data file cannot carry a visible
 *   placeholder, and a silently thinned protocol would be taken for the whole one.
 * - Diffs and change logs follow the print rule per section (`redactChanges`): a diff of restricted
 *   text is itself a disclosure, so a withheld section yields one line and no before/after/words.
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { formatIdPath, type IdStep } from '../diff/id-path';
import type { ProtocolChange } from '../diff/types';
import { isPlainObject, itemId, localizedText } from '../diff/values';
import { findSection, listSections } from './sections';
import { channelOf, decideDisclosure, refusalMessage, type Channel, type Decision } from './disclosure';
import { AUDIENCE_MAY_SEE, governanceFacts, isSharingLevel, keeperNamesFor, type Audience, type GovernanceFacts, type SharingUse } from './sharing';

export interface WithheldSection {
  key: string;
  path: PathSegment[];
  title: string;
  /** Keepers fit to be named to this audience (permissionToName, or an inside audience). */
  keepers: string[];
  askWhom: string;
  reason: string;
  level: string;
  /** The policy's decision: `placeholder` (a stub stands in) or `refuse` (the output must not be made). */
  decision?: Exclude<Decision, 'show'>;
  /** TK labels that restrict use, in plain words, for beside the placeholder. */
  labelNotes?: string[];
}

export interface Redacted<T> {
  value: T;
  withheld: WithheldSection[];
}

/** An export that would carry restricted content outside the workspace. `message` is one short line; `help` has the detail. */
export class SharingBreachError extends Error {
  constructor(
    message: string,
    readonly withheld: WithheldSection[],
    readonly help: string = message,
  ) {
    super(message);
    this.name = 'SharingBreachError';
  }
}

/** Fields a stub keeps: identity and structure, never prose. */
const STUB_FIELDS = ['id', 'week', 'type', 'kind', 'element', 'route', 'blockRef', 'title', 'placeholder'];

/** What an ungoverned cultural section counts as: the schema's default level, no keepers named. */
const UNGOVERNED = governanceFacts({ sharing: 'program_team' })!;

function stub(node: Record<string, unknown>, g: GovernanceFacts, w: WithheldSection): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of STUB_FIELDS) if (k in node) out[k] = node[k];
  out.placeholder ??= `Held by its keepers — ask ${w.askWhom}.`;
  const raw = isPlainObject(node.governance) ? node.governance : {};
  out.governance = { sharing: g.level, ...(raw.labels !== undefined ? { labels: raw.labels } : {}), ...(g.origin ? { origin: g.origin } : {}) };
  out.withheld = { askWhom: w.askWhom, reason: w.reason, ...(w.labelNotes?.length ? { labels: w.labelNotes } : {}) };
  return out;
}

function titleFor(node: Record<string, unknown>, fallback: string, lang: string | undefined): string {
  return (localizedText(node.title, lang) ?? localizedText(node.name, lang) ?? (typeof node.week === 'number' ? `Week ${node.week}` : fallback)).trim() || fallback;
}

/**
 * A copy of `value` with every part the disclosure policy withholds from `audience` on `channel` replaced
 * by a stub, outermost first (a withheld week hides its segments without listing them again).
 */
export function redactForAudience<T>(value: T, audience: Audience, lang?: string, use: Channel | SharingUse = 'binder'): Redacted<T> {
  const channel = channelOf(use);
  const withheld: WithheldSection[] = [];
  // Cultural sections must carry governance; until their keepers record it they stay with the programme team.
  const ungoverned = new Set(listSections(value).filter((s) => s.track === 'cultural' && !s.governance).map((s) => JSON.stringify(s.path)));
  const walk = (node: unknown, path: PathSegment[], steps: IdStep[]): unknown => {
    if (Array.isArray(node)) {
      return node.map((item, i) => {
        const id = itemId(item);
        return walk(item, [...path, i], [...steps, id !== undefined ? { id } : { index: i }]);
      });
    }
    if (!isPlainObject(node)) return node;
    const missing = !isPlainObject(node.governance) && ungoverned.has(JSON.stringify(path));
    const g = missing ? UNGOVERNED : governanceFacts(node.governance);
    const d = g ? decideDisclosure(g, audience, channel) : undefined;
    const level = d && d.decision !== 'show' ? d.reason : undefined;
    const reason = level && missing ? 'cultural content without recorded governance: kept with the programme team until its keepers decide' : level;
    if (g && d && d.decision !== 'show' && reason) {
      const key = steps.length ? formatIdPath(steps) : '(document)';
      const w: WithheldSection = {
        key,
        path,
        title: titleFor(node, key, lang),
        keepers: keeperNamesFor(g, audience),
        askWhom: d.askWhom,
        reason,
        level: g.level,
        decision: d.decision,
        ...(d.labelNotes.length ? { labelNotes: d.labelNotes } : {}),
      };
      withheld.push(w);
      return stub(node, g, w);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, [...path, k], [...steps, { key: k }]);
    return out;
  };
  return { value: walk(value, [], []) as T, withheld };
}

/** The detail of a refusal, for `help`: every section, its level, why, and whom to ask. */
export function breachHelp(audience: Audience, withheld: readonly WithheldSection[], what: string): string {
  const list = withheld.map((w) => `"${w.title}" (${w.key}, ${w.level.replace(/_/g, ' ')}: ${w.reason}; ask ${w.askWhom})`);
  return `${what} for audience "${audience}" refused: ${list.join('; ')}. Print a binder instead (it shows placeholders), or export for the workspace.`;
}

/** One refusal: a short line naming the first section and whom to ask, the rest in `help`. */
export function breachError(audience: Audience, withheld: WithheldSection[], what: string): SharingBreachError {
  const first = withheld[0]!;
  const more = withheld.length > 1 ? ` (+${withheld.length - 1} more)` : '';
  return new SharingBreachError(refusalMessage(`${what} refused${more}`, first, first.askWhom), withheld, breachHelp(audience, withheld, what));
}

/** Throws SharingBreachError when a raw export of `value` to `audience` would carry anything withheld. */
export function assertExportAllowed(value: unknown, audience: Audience, lang?: string): void {
  const { withheld } = redactForAudience(value, audience, lang, 'folder_export');
  if (withheld.length > 0) throw breachError(audience, withheld, 'Export');
}

/**
 * A deep copy of one section for another site's protocol (the adaptation flow). `governance.origin` stays
 * attached — filled from the keepers' Nation/community when the source left it out — and the copy is
 * refused when the keepers have not allowed export (TCPS2 Art. 9.5; domain.md §5.4 item 7).
 */
export function copySection(source: unknown, key: string, lang?: string): Record<string, unknown> {
  const section = findSection(source, key, lang);
  if (!section) throw new Error(`no section "${key}" in the source protocol`);
  const { withheld } = redactForAudience(section.value, 'site_adaptation', lang, 'folder_export');
  if (withheld.length > 0) {
    const named = withheld.map((w) => ({ ...w, key: w.key === '(document)' ? key : `${key}.${w.key}`, title: w.key === '(document)' ? section.title : w.title }));
    throw breachError('site_adaptation', named, 'Copy to another site');
  }
  const copy = structuredClone(section.value);
  const g = copy.governance;
  if (isPlainObject(g) && !isPlainObject(g.origin) && section.governance) {
    const k = section.governance.keepers.find((p) => p.nation || p.community);
    if (k) g.origin = { ...(k.community ? { community: k.community } : {}), ...(k.nation ? { nation: k.nation } : {}) };
  }
  return copy;
}

function within(idPath: string, key: string): boolean {
  return idPath === key || idPath.startsWith(key + '.') || idPath.startsWith(key + '[');
}

/**
 * Change lists for an audience: every change inside a section withheld on either side (old or new)
 * collapses into one line "X changed — content withheld (ask …)" with no before, after or words.
 * Changes the diff tagged with a sharing level the audience may not see are withheld too.
 */
export function redactChanges(
  changes: readonly ProtocolChange[],
  oldValue: unknown,
  newValue: unknown,
  audience: Audience,
  lang?: string,
  channel: Channel = 'diff',
): ProtocolChange[] {
  const fromNew = redactForAudience(newValue, audience, lang, channel).withheld;
  const fromOld = redactForAudience(oldValue, audience, lang, channel).withheld;
  const withheld = [...fromNew, ...fromOld.filter((o) => !fromNew.some((n) => n.key === o.key))];
  const out: ProtocolChange[] = [];
  const emitted = new Set<string>();
  for (const c of changes) {
    const address = c.idPath ?? c.sectionKey ?? '';
    const w = withheld.find((s) => within(address, s.key) || (c.sectionKey !== undefined && within(c.sectionKey, s.key)));
    const tagged = c.sharing !== undefined && audience !== 'workspace' && (!isSharingLevel(c.sharing) || !AUDIENCE_MAY_SEE[audience].includes(c.sharing));
    if (!w && !tagged) {
      out.push(c);
      continue;
    }
    const key = w?.key ?? c.sectionKey ?? c.idPath;
    if (emitted.has(key)) continue;
    emitted.add(key);
    const title = w?.title ?? 'A restricted section';
    const ask = w?.askWhom ?? 'the programme lead';
    out.push({
      path: w?.path ?? c.path,
      idPath: key,
      sectionKey: key,
      kind: wholeSectionChange(changes, key) ?? 'changed',
      label: title,
      category: 'cultural',
      summary: `${title} changed — content withheld (ask ${ask})`,
      ...(w ? { sharing: w.level } : {}),
    });
  }
  return out;
}

/** `added` / `removed` when the only change under `key` is the section itself appearing or going. */
function wholeSectionChange(changes: readonly ProtocolChange[], key: string): 'added' | 'removed' | undefined {
  const under = changes.filter((c) => within(c.idPath ?? '', key));
  const only = under.length === 1 ? under[0] : undefined;
  return only && only.idPath === key && (only.kind === 'added' || only.kind === 'removed') ? only.kind : undefined;
}
