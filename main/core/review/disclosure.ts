/**
 * The one disclosure policy: for a section's governance, an audience and a channel, whether its content
 * is shown, replaced by a placeholder naming whom to ask, or refused (the output must not be made).
 * Every output path — binders, folder exports, backups, diffs, change logs, QI reports, the review view,
 * error and log messages, the audit export and the git sync — asks `decideDisclosure`; nothing else decides.
 *
 * Grounding (domain.md §5.2–5.4): OCAP® Possession (the workspace is where the knowledge is held, so only
 * its owner's own copies see every stored level), CARE Authority to control and TCPS 2 Art. 9.5 (the
 * keepers' recorded `permissions` decide printing and export), Local Contexts TK labels (a label only ever
 * tightens `sharing`), and "secret_sacred is never stored as content": what exists of such a section is its
 * placeholder, so that is all any channel can ever carry.
 */
import { isPlainObject } from '../diff/values';
import { askWhom, AUDIENCE_MAY_SEE, governanceFacts, levelWords, type Audience, type GovernanceFacts, type SharingUse } from './sharing';
import { tkLabel } from './tk-labels';

export const CHANNELS = [
  'binder',
  'folder_export',
  'backup',
  'diff',
  'change_log',
  'qi_report',
  'review_view',
  'log',
  'audit_export',
  'sync',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const DECISIONS = ['show', 'placeholder', 'refuse'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Disclosure {
  decision: Decision;
  /** Why the content is withheld (absent when shown), in plain words. */
  reason?: string;
  /** Whom a reader should ask (names only keepers who agreed to be named to this audience). */
  askWhom: string;
  /** Plain words for the TK labels that restrict use, shown beside a placeholder. */
  labelNotes: string[];
}

/** Channels that print or show prose to a reader: the keepers' print permission governs them. */
const PRINTED: ReadonlySet<Channel> = new Set(['binder', 'diff', 'change_log', 'qi_report', 'review_view']);
/** Channels that carry the data itself to another place: the keepers' export permission governs them. */
const CARRIED: ReadonlySet<Channel> = new Set(['folder_export', 'sync']);
/** Channels that keep records of what happened, never the content of a governed section. */
const RECORDS: ReadonlySet<Channel> = new Set(['log', 'audit_export']);

/** Labels that restrict use (those that tighten the level, plus attribution and non-commercial use). */
const RESTRICTING_LABELS = new Set([
  'tk_secret_sacred',
  'tk_community_use_only',
  'tk_clan',
  'tk_family',
  'tk_women_restricted',
  'tk_men_restricted',
  'tk_seasonal',
  'tk_culturally_sensitive',
  'tk_non_commercial',
  'tk_attribution',
  'tk_multiple_communities',
]);

export function isChannel(v: unknown): v is Channel {
  return typeof v === 'string' && (CHANNELS as readonly string[]).includes(v);
}

function labelNotes(g: GovernanceFacts): string[] {
  return g.labels.flatMap((l) => {
    const info = RESTRICTING_LABELS.has(l) ? tkLabel(l) : undefined;
    return info ? [`${info.name}: ${info.meaning}`] : [];
  });
}

/**
 * The decision for one section. `g` undefined means the section carries no governance of its own (an
 * enclosing section's governance is decided when the walk reaches it, outermost first).
 *
 * - workspace (the owner): everything stored, on every channel except logs (a log line leaves the
 *   machine's control: a governed section is named, never quoted).
 * - backup is the owner's own copy: refused for anyone else (they get a folder export).
 * - secret_sacred: only its placeholder exists, so only a placeholder is ever carried.
 * - a level the audience may not see: placeholder.
 * - `permissions.print: false` keeps a section out of every printed channel (every binder profile,
 *   Elder review included); `permissions.export: false` out of every carried one, and a copy to another
 *   site (audience site_adaptation) is refused rather than thinned. Sections held by named keepers below
 *   `open` need the permission given (`true`): consent is explicit and recorded.
 * - records (log, audit export): a governed section below `open` is named, never quoted.
 */
export function decideDisclosure(g: GovernanceFacts | undefined, audience: Audience, channel: Channel): Disclosure {
  if (!g) return { decision: 'show', askWhom: 'the programme lead', labelNotes: [] };
  const ask = askWhom(g, audience);
  const notes = labelNotes(g);
  const withhold = (reason: string, decision: Decision = 'placeholder'): Disclosure => ({ decision, reason, askWhom: ask, labelNotes: notes });

  if (channel === 'backup') return audience === 'workspace' ? { decision: 'show', askWhom: ask, labelNotes: notes } : withhold('a full backup is only for the workspace owner', 'refuse');
  if (channel === 'log' && g.level !== 'open') return withhold('log and error messages name governed sections, never quote them');
  if (audience === 'workspace') return { decision: 'show', askWhom: ask, labelNotes: notes };

  if (g.level === 'secret_sacred') return withhold('secret or sacred: held by its keepers, never stored, printed or exported');
  if (!AUDIENCE_MAY_SEE[audience].includes(g.level)) return withhold(`shared only with ${levelWords(g.level)}`);
  if (RECORDS.has(channel) && g.level !== 'open') return withhold('records name governed sections, never quote them');

  const needsConsent = g.level !== 'open' && g.keepers.length > 0;
  if (PRINTED.has(channel) && (g.explicit.print === false || (needsConsent && !g.permissions.print))) {
    return withhold(g.explicit.print === false ? 'the keepers do not allow it to be printed' : 'the keepers have not given permission to print it');
  }
  if (CARRIED.has(channel) && (g.explicit.export === false || (needsConsent && !g.permissions.export))) {
    const reason = g.explicit.export === false ? 'the keepers do not allow it to be exported' : 'the keepers have not given permission to export it';
    return withhold(reason, audience === 'site_adaptation' ? 'refuse' : 'placeholder');
  }
  return { decision: 'show', askWhom: ask, labelNotes: notes };
}

/** The same decision read straight from a raw `governance` value (possibly invalid). */
export function disclosureOf(governance: unknown, audience: Audience, channel: Channel): Disclosure {
  return decideDisclosure(isPlainObject(governance) ? governanceFacts(governance) : undefined, audience, channel);
}

/**
 * What a secret_sacred section may hold at each level where governance sits: identity (id, title, kind-like
 * fields), its governance and the keepers' placeholder. The schema enforces the same list.
 */
export const SACRED_KEEPS: ReadonlySet<string> = new Set(['id', 'week', 'role', 'kind', 'type', 'element', 'blockRef', 'title', 'placeholder', 'governance']);

/** Fields of a secret_sacred section that are content (and so may not be stored). */
export function sacredContentFields(node: unknown): string[] {
  return isPlainObject(node) ? Object.keys(node).filter((k) => !SACRED_KEEPS.has(k)) : [];
}

/** Longest refusal line: the detail goes to `help`. */
export const REFUSAL_MAX = 200;

const SHORT_WHY: Record<string, string> = {
  secret_sacred: 'is secret sacred',
  community_only: 'is community only',
  program_team: 'is for the programme team',
};

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s;
}

/**
 * A governance refusal in at most 200 characters, naming the section and whom to ask. The title and the
 * person are shortened (never dropped) when the line would run over.
 */
export function refusalMessage(what: string, section: { title: string; key: string; level?: string }, ask: string): string {
  const why = SHORT_WHY[section.level ?? ''] ?? 'is withheld';
  const build = (t: string, k: string, a: string): string => `${what}: "${t}" (${k}) ${why} — ask ${a}.`;
  let title = section.title;
  let key = section.key;
  let who = ask;
  let line = build(title, key, who);
  if (line.length > REFUSAL_MAX) {
    const over = line.length - REFUSAL_MAX;
    title = clip(title, Math.max(12, title.length - over));
    line = build(title, key, who);
  }
  if (line.length > REFUSAL_MAX) {
    key = clip(key, Math.max(12, key.length - (line.length - REFUSAL_MAX)));
    line = build(title, key, who);
  }
  if (line.length > REFUSAL_MAX) {
    who = clip(who, Math.max(12, who.length - (line.length - REFUSAL_MAX)));
    line = build(title, key, who);
  }
  return clip(line, REFUSAL_MAX);
}

/** The channel an older `SharingUse` stands for. */
export function channelOf(use: Channel | SharingUse): Channel {
  return use === 'print' ? 'binder' : use === 'export' ? 'folder_export' : use;
}

/** Why a section is withheld from an audience on a channel, or undefined when it may be shown. */
export function withholdReason(g: GovernanceFacts, audience: Audience, use: Channel | SharingUse): string | undefined {
  const d = decideDisclosure(g, audience, channelOf(use));
  return d.decision === 'show' ? undefined : d.reason;
}
