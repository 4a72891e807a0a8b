/**
 * Sharing levels for a folder export, which leaves the workspace (issue 5, domain.md §5.4).
 *
 * The disclosure policy (core/review/disclosure.ts, channel `folder_export`, or `backup` for the owner)
 * decides what an audience may not see; this module only decides whether a withheld section *carries content*. A YAML file cannot hold a visible
 * placeholder and a history of sacred text is itself a disclosure, so the export is refused (never
 * thinned) when a version, a draft, a review snapshot or a review note holds anything the audience may
 * not see. A section that holds only what its printed stub would show (id, title, kind, the keepers'
 * own placeholder, governance bookkeeping) is no disclosure: the bundled templates keep ceremonies that way.
 * A section a keeper withholds in review (core/review/withheld.ts) has its print and export permissions taken
 * back in every version and draft checked here, as in the binder and a publish; the owner's backup keeps it.
 *
 * secret_sacred content is never stored (the schema refuses it, drafts are saved without it), so a full
 * backup for the `workspace` audience carries everything stored; a secret/sacred section that still holds
 * content (written before that rule) is refused for every audience, the backup included.
 */
import type { PathSegment } from '../core/diagnostics/diagnostic';
import { parseIdPath, resolveIdPath } from '../core/diff/id-path';
import { deepEqual, isPlainObject } from '../core/diff/values';
import { parseProtocol } from '../core/parse';
import { refusalMessage, sacredContentFields } from '../core/review/disclosure';
import { redactForAudience, SharingBreachError, type WithheldSection } from '../core/review/redact';
import { AUDIENCE_MAY_SEE, askWhom, governanceFacts, type Audience } from '../core/review/sharing';
import { listSections } from '../core/review/sections';
import type { SectionReviewStatus } from '../core/review/signoff';
import { applyReviewWithholds } from '../core/review/withheld';

/** One place a restricted section's content would leave through. */
export interface SharingBreach {
  /** Where in the export: "rtt-kat-base version 3", "rtt-kat-base draft by Ana", "rtt-kat-base review event 12". */
  where: string;
  section: WithheldSection;
  /** Which fields carry the content ("text", "segments", "review note"). */
  fields: string[];
}

/** Governance prose that is content, not bookkeeping: what the keepers said about the section. */
const GOVERNANCE_PROSE: ReadonlyArray<readonly [string, ...string[]]> = [['notes'], ['elderReview', 'scope'], ['elderReview', 'conditions']];

function at(value: unknown, path: readonly PathSegment[]): unknown {
  let cur = value;
  for (const seg of path) cur = isPlainObject(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

/** Fields of a withheld node that its stub does not show as they are: the content that would leave. */
function contentFields(node: unknown, stub: unknown): string[] {
  if (!isPlainObject(node)) return [];
  const shown = isPlainObject(stub) ? stub : {};
  const fields = Object.keys(node).filter((k) => k !== 'governance' && !(Object.hasOwn(shown, k) && deepEqual(node[k], shown[k])));
  for (const path of GOVERNANCE_PROSE) {
    const v = at(node.governance, path);
    if (v !== undefined && v !== null && v !== '') fields.push(`governance.${path.join('.')}`);
  }
  return fields;
}

/** Sections the policy withholds from the audience in `value` (none for the owner's backup). */
export function withheldFrom(value: unknown, audience: Audience): { redacted: unknown; withheld: WithheldSection[] } {
  const r = redactForAudience(value, audience, undefined, audience === 'workspace' ? 'backup' : 'folder_export');
  return { redacted: r.value, withheld: r.withheld };
}

/** secret_sacred sections that hold more than their placeholder: content that should never have been stored. */
function sacredBreaches(value: unknown, where: string): SharingBreach[] {
  return listSections(value).flatMap((s) => {
    const fields = s.governance?.level === 'secret_sacred' ? sacredContentFields(s.value) : [];
    if (fields.length === 0) return [];
    const g = governanceFacts(s.value.governance);
    const section: WithheldSection = {
      key: s.key,
      path: s.path,
      title: s.title,
      keepers: [],
      askWhom: askWhom(g, 'workspace'),
      reason: 'secret or sacred: only a placeholder may be stored',
      level: 'secret_sacred',
      decision: 'refuse',
    };
    return [{ where, section, fields }];
  });
}

/** Withheld sections of a protocol value that carry content. */
export function breachesInValue(value: unknown, audience: Audience, where: string): SharingBreach[] {
  const { redacted, withheld } = withheldFrom(value, audience);
  const breaches = withheld.flatMap((section) => {
    const fields = section.decision === 'refuse' ? ['content'] : contentFields(at(value, section.path), at(redacted, section.path));
    return fields.length > 0 ? [{ where, section, fields }] : [];
  });
  const seen = new Set(breaches.map((b) => b.section.key));
  return [...breaches, ...sacredBreaches(value, where).filter((b) => !seen.has(b.section.key))];
}

/**
 * False when `text` cannot withhold anything from `audience`, so parsing it can be skipped (exports of long
 * histories): an audience that sees programme-team material is kept from a section only by its
 * `governance`, and a text with no "governance" and no escape sequence (which could spell the key) has none.
 */
export function mayHoldRestricted(text: string, audience: Audience, withheldInReview = false): boolean {
  if (withheldInReview && audience !== 'workspace') return true;
  const seesProgramme = audience === 'workspace' || AUDIENCE_MAY_SEE[audience].includes('program_team');
  // "governance" also covers secret/sacred sections, which every audience (the backup too) checks.
  return !seesProgramme || text.includes('governance') || text.includes('\\');
}

/**
 * A protocol text (a version or a draft): its value (for checking review records against it) and its
 * breaches. A text that cannot be read cannot be checked, so it counts as a breach of the whole document.
 */
export function checkTextForExport(
  text: string,
  audience: Audience,
  where: string,
  review: readonly Pick<SectionReviewStatus, 'key' | 'state'>[] = [],
): { value: unknown; breaches: SharingBreach[]; withheld: WithheldSection[] } {
  const parsed = parseProtocol(text);
  if (parsed.readable) {
    // A section a keeper withheld in review may leave only as its placeholder, as in the binder and a publish.
    const value = applyReviewWithholds(parsed.value, review);
    return { value, breaches: breachesInValue(value, audience, where), withheld: withheldFrom(value, audience).withheld };
  }
  const d = parsed.diagnostics.find((x) => x.severity === 'error') ?? parsed.diagnostics[0];
  const location = d ? ` (${d.range.start.line}:${d.range.start.column}: ${d.code})` : '';
  const section: WithheldSection = {
    key: '(document)',
    path: [],
    title: 'the whole text',
    keepers: [],
    askWhom: 'the programme lead',
    reason: `it cannot be read${location}, so its sharing levels cannot be checked`,
    level: 'unknown',
  };
  return { value: undefined, breaches: [{ where, section, fields: ['text'] }], withheld: [] };
}

/** True when one section key is the other or lies inside it. */
function related(a: string, b: string): boolean {
  const inside = (x: string, y: string): boolean => x === y || x.startsWith(y + '.') || x.startsWith(y + '[');
  return inside(a, b) || inside(b, a);
}

/**
 * The review snapshot of `sectionKey`, checked in place: put back into the version it was taken from
 * (so the sharing of enclosing sections applies), or into a bare skeleton when that version lacks it.
 * Only breaches of that section, its enclosing and its inner sections count (the version is checked itself).
 */
export function breachesInSnapshot(snapshot: unknown, sectionKey: string, versionValue: unknown, audience: Audience, where: string): SharingBreach[] {
  let steps;
  try {
    steps = parseIdPath(sectionKey);
  } catch {
    return breachesInValue(snapshot, audience, where);
  }
  const path = versionValue === undefined ? undefined : resolveIdPath(versionValue, steps);
  let doc: unknown;
  if (path && path.length > 0) {
    doc = structuredClone(versionValue);
    const parent = at(doc, path.slice(0, -1)) as Record<string | number, unknown>;
    parent[path.at(-1)!] = snapshot;
  } else {
    // A skeleton: keys become maps, ids become one-item lists whose item carries the id.
    doc = snapshot;
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i]!;
      if ('key' in step) doc = { [step.key]: doc };
      else doc = [i === steps.length - 1 || !isPlainObject(doc) ? doc : { ...('id' in step ? { id: step.id } : {}), ...doc }];
    }
  }
  return breachesInValue(doc, audience, where).filter((b) => related(b.section.key, sectionKey));
}

/** A review note on a section withheld from the audience (or holding one): notes about restricted sections stay inside. */
export function breachesInNote(note: string | null, sectionKey: string, versionValue: unknown, audience: Audience, where: string): SharingBreach[] {
  if (!note || versionValue === undefined) return [];
  const section = withheldFrom(versionValue, audience).withheld.find((w) => related(sectionKey, w.key));
  return section ? [{ where, section, fields: ['review note'] }] : [];
}

/**
 * Throws SharingBreachError: a message of at most 200 characters naming the first section and whom to
 * ask; `help` names each section, its level and whom to ask, for at most a dozen places.
 */
export function refuseBreaches(audience: Audience, breaches: readonly SharingBreach[]): void {
  if (breaches.length === 0) return;
  const first = breaches[0]!;
  const shown = breaches.slice(0, 12).map((b) => {
    const level = b.section.level.replace(/_/g, ' ');
    return `${b.where}: "${b.section.title}" (${b.section.key}, ${level}: ${b.section.reason}; ask ${b.section.askWhom}) holds ${b.fields.join(', ')}`;
  });
  const more = breaches.length > shown.length ? `; and ${breaches.length - shown.length} more` : '';
  const advice =
    audience === 'workspace'
      ? 'Secret or sacred content never leaves the workspace: keep only the keepers\' placeholder in the protocol.'
      : 'Export for an audience that may see it (--audience), print a binder (it shows placeholders), or keep only the keepers\' placeholder in the protocol. Secret or sacred content never leaves the workspace.';
  const others = new Set(breaches.map((b) => b.section.key)).size - 1;
  throw new SharingBreachError(
    refusalMessage(`Export for ${audience.replace(/_/g, ' ')} refused${others > 0 ? ` (+${others} more)` : ''}`, first.section, first.section.askWhom),
    breaches.map((b) => b.section),
    `Export for audience "${audience}" refused: ${shown.join('; ')}${more}. Nothing was written. ${advice}`,
  );
}
