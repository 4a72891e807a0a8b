/**
 * What a publish may write to a remote, decided by the disclosure policy (main/core/review/disclosure.ts,
 * channel `sync`) for the remote's audience:
 * - a section the policy withholds becomes its placeholder stub (id, title, kind, the keepers'
 *   placeholder, sharing level, labels and origin), edited into the YAML so comments and layout elsewhere
 *   stay as written;
 * - community_only content goes only to a remote marked as that community's own (its origin community
 *   or Nation is the remote's), elsewhere it is withheld too;
 * - a community_only or secret_sacred section that *holds content* (more than its stub shows) is a
 *   breach: git history is permanent and copied to every clone, and a thinned section would still
 *   announce each change to its hidden text as a new commit. The publish is refused before anything is
 *   written, in one plain line (≤ 200 characters) naming the section and whom to ask.
 */
import type { Document } from 'yaml';
import type { PathSegment } from '../core/diagnostics/diagnostic';
import { isPlainObject } from '../core/diff/values';
import { gateText, refusalLine } from '../core/gate';
import { print, printKeepingLayout } from '../core/merge/layout';
import { refusalMessage } from '../core/review/disclosure';
import { redactForAudience, SharingBreachError, type WithheldSection } from '../core/review/redact';
import { listSections } from '../core/review/sections';
import type { SectionReviewStatus } from '../core/review/signoff';
import { applyReviewWithholds } from '../core/review/withheld';
import type { Audience } from '../core/review/sharing';
import { breachesInValue, type SharingBreach } from '../store/export-sharing';
import { AUDIENCE_WORDS, type Remote, type RemoteAudience } from './remotes';
import { SyncError } from './repo';

/** The policy's audience for each kind of remote. */
export const POLICY_AUDIENCE: Record<RemoteAudience, Audience> = {
  public: 'public',
  // Other programmes adapting the model: staff material travels, only where the keepers allowed export.
  partner: 'site_adaptation',
  program_team: 'program_team',
  community: 'community',
};

export interface PublishedText {
  /** The text to write: the version with withheld sections as placeholders. */
  text: string;
  withheld: WithheldSection[];
}

const norm = (s: unknown): string => (typeof s === 'string' ? s.normalize('NFKC').trim().toLowerCase() : '');

/** True when a community_only section's origin names the community the remote belongs to. */
function belongsTo(origin: Record<string, unknown> | undefined, community: string | null): boolean {
  if (!origin || !community) return false;
  const want = norm(community);
  return norm(origin.community) === want || norm(origin.nation) === want;
}

function at(value: unknown, path: readonly PathSegment[]): unknown {
  let cur = value;
  for (const seg of path) cur = isPlainObject(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

const inside = (path: readonly PathSegment[], outer: readonly PathSegment[]): boolean =>
  outer.length <= path.length && outer.every((seg, i) => seg === path[i]);

/** Sections withheld from a remote and the stub that stands in for each. */
function withheldFor(value: unknown, remote: Remote): Array<{ section: WithheldSection; stub: Record<string, unknown> }> {
  const audience = POLICY_AUDIENCE[remote.audience];
  const redacted = redactForAudience(value, audience, undefined, 'sync');
  const out = redacted.withheld.map((section) => ({ section, stub: at(redacted.value, section.path) as Record<string, unknown> }));
  if (remote.audience === 'community') {
    // Another community's community_only sections: withheld as from any outside audience.
    for (const s of listSections(value)) {
      if (s.governance?.level !== 'community_only' || belongsTo(s.governance.origin, remote.community)) continue;
      if (out.some((o) => inside(s.path, o.section.path))) continue;
      const r = redactForAudience(s.value, 'program_team', undefined, 'sync');
      const own = r.withheld.find((w) => w.path.length === 0);
      if (!own) continue;
      const reason = `shared only with members of its own community, not ${remote.community}`;
      out.push({ section: { ...own, key: s.key, path: s.path, title: s.title, reason }, stub: r.value as Record<string, unknown> });
    }
  }
  return out;
}

/** Content-carrying community_only or sacred sections: these refuse the publish. */
function breachesFor(value: unknown, remote: Remote, where: string): SharingBreach[] {
  const audience = POLICY_AUDIENCE[remote.audience];
  const found = breachesInValue(value, audience, where).filter((b) => b.section.level === 'secret_sacred' || b.section.level === 'community_only');
  if (remote.audience !== 'community') return found;
  const foreign = breachesInValue(value, 'program_team', where).filter((b) => {
    if (b.section.level !== 'community_only') return false;
    const s = listSections(value).find((x) => x.key === b.section.key);
    return !belongsTo(s?.governance?.origin, remote.community);
  });
  return [...found, ...foreign.filter((f) => !found.some((b) => b.section.key === f.section.key))];
}

/** Throws SharingBreachError: one plain line, the full list in `help`. */
export function refuseBreach(remote: Remote, breaches: readonly SharingBreach[]): never {
  const first = breaches[0]!;
  const more = breaches.length > 1 ? ` (+${breaches.length - 1} more)` : '';
  const line = refusalMessage(`Publish to ${AUDIENCE_WORDS[remote.audience]} remote "${remote.name}" refused${more}`, first.section, first.section.askWhom);
  const help = breaches
    .map((b) => `${b.where}: "${b.section.title}" (${b.section.key}, ${b.section.level.replace(/_/g, ' ')}) holds ${b.fields.join(', ')}; ${b.section.reason}; ask ${b.section.askWhom}`)
    .join('\n');
  throw new SharingBreachError(line, breaches.map((b) => b.section), `Nothing was written.\n${help}`);
}

/**
 * The text of one version as it may be published to `remote`, or a refusal. The version must pass the
 * input gate, and so must the text with its placeholders.
 */
export function publishableText(text: string, remote: Remote, where: string, review: readonly Pick<SectionReviewStatus, 'key' | 'state'>[] = []): PublishedText {
  const gated = gateText(text);
  if (!gated.ok || !gated.parsed.document) throw new SyncError(`${where} cannot be published: ${refusalLine(gated, where)}`);
  // A section a keeper withheld in review travels only as its placeholder, whatever its permissions say.
  const value = applyReviewWithholds(gated.parsed.value, review);
  const breaches = breachesFor(value, remote, where);
  if (breaches.length > 0) refuseBreach(remote, breaches);
  const withheld = withheldFor(value, remote);
  if (withheld.length === 0) return { text, withheld: [] };
  const doc = gated.parsed.document as Document;
  const before = print(doc);
  for (const { section, stub } of withheld) {
    const { withheld: _note, ...placeholder } = stub;
    doc.setIn(section.path, doc.createNode(placeholder));
  }
  const out = printKeepingLayout(text, before, doc);
  const check = gateText(out);
  if (!check.ok) {
    throw new SyncError(`${where}: the placeholders for ${withheld.map((w) => w.section.key).join(', ')} do not fit the schema (${refusalLine(check, where)})`);
  }
  return { text: out, withheld: withheld.map((w) => w.section) };
}
