/**
 * Sharing levels, audiences, and the one table of which audience may see which level.
 *
 * Grounding (docs: domain.md §5.2–5.4):
 * - OCAP® (FNIGC): the community owns and controls its knowledge and decides who else gets access;
 *   Possession = the community's knowledge stays where it is held. Here the workspace file is that
 *   place: only the `workspace` audience (the studio itself, the version store, a full workspace
 *   backup) sees every level. Everything printed or exported is for an outside audience.
 * - Local Contexts TK labels: a label is the community's own access signal. A label can only make a
 *   section *more* restricted than its `sharing` (TK Secret/Sacred → secret_sacred; TK Community Use
 *   Only, TK Clan, TK Family, gendered and seasonal labels → at least community_only, because the
 *   tool cannot check clan, gender or season; TK Culturally Sensitive → at least program_team).
 * - CARE (Authority to control) and TCPS2 Art. 9.5: the keepers decide further use. Knowledge held
 *   by keepers (a section whose governance names keepers) at program_team or community_only level is
 *   printed only with `governance.permissions.print: true` and exported (raw YAML, copy to another
 *   site) only with `governance.permissions.export: true` — "explicit, recorded consent" (§5.4).
 *   `open` needs no separate permission: the keepers chose "anyone, including public binders".
 * The decisions themselves (which channel, which permission) live in disclosure.ts, the one policy.
 * - secret_sacred: never printed or exported outside the workspace, whatever the permissions say;
 *   outside it only the keepers' own `placeholder` (or a generated "ask …" line) appears.
 *
 * | audience       | open | program_team | community_only | secret_sacred |
 * |----------------|------|--------------|----------------|---------------|
 * | public         | yes  | –            | –              | –             |
 * | participant    | yes  | –            | –              | –             |
 * | clinical_team  | yes  | yes          | –              | –             |
 * | program_team   | yes  | yes          | –              | –             |
 * | site_adaptation| yes  | yes          | –              | –             |
 * | community      | yes  | –            | yes            | –             |
 * | elder_review   | yes  | yes          | yes            | –             |
 * | workspace      | yes  | yes          | yes            | yes           |
 *
 * `community` (members of the source community, as the Nation decides — TK CO) does not see
 * program_team material: that is the programme's internal staff information, not theirs to hold.
 * `elder_review` is the keepers reviewing: they see everything but secret/sacred text, which is
 * never stored as content (the schema forbids `text` there) and is held by them, not by the binder.
 */
import { isPlainObject } from '../diff/values';

export const SHARING_LEVELS = ['open', 'program_team', 'community_only', 'secret_sacred'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

export const AUDIENCES = ['public', 'participant', 'clinical_team', 'program_team', 'site_adaptation', 'community', 'elder_review', 'workspace'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Older name for a channel: `print` is the binder channel, `export` the folder export (see disclosure.ts). */
export type SharingUse = 'print' | 'export';

export const AUDIENCE_MAY_SEE: Record<Audience, readonly SharingLevel[]> = {
  public: ['open'],
  participant: ['open'],
  clinical_team: ['open', 'program_team'],
  program_team: ['open', 'program_team'],
  // Another site's programme team adapting this protocol: staff material, and only what the keepers let travel.
  site_adaptation: ['open', 'program_team'],
  community: ['open', 'community_only'],
  elder_review: ['open', 'program_team', 'community_only'],
  workspace: ['open', 'program_team', 'community_only', 'secret_sacred'],
};

/** The least restrictive level each TK label allows (labels only ever tighten `sharing`). */
const LABEL_FLOOR: Record<string, SharingLevel> = {
  tk_secret_sacred: 'secret_sacred',
  tk_community_use_only: 'community_only',
  tk_clan: 'community_only',
  tk_family: 'community_only',
  tk_women_restricted: 'community_only',
  tk_men_restricted: 'community_only',
  tk_seasonal: 'community_only',
  tk_culturally_sensitive: 'program_team',
};

const rank = (level: SharingLevel): number => SHARING_LEVELS.indexOf(level);
const stricter = (a: SharingLevel, b: SharingLevel): SharingLevel => (rank(a) >= rank(b) ? a : b);

export function isSharingLevel(v: unknown): v is SharingLevel {
  return typeof v === 'string' && (SHARING_LEVELS as readonly string[]).includes(v);
}

export function isAudience(v: unknown): v is Audience {
  return typeof v === 'string' && (AUDIENCES as readonly string[]).includes(v);
}

export interface KeeperRef {
  name: string;
  nation?: string;
  community?: string;
  role?: string;
  permissionToName: boolean;
}

/** The governance facts redaction needs, read defensively from a possibly invalid document. */
export interface GovernanceFacts {
  /** Effective level: `sharing` tightened by labels. Unknown or missing sharing counts as program_team (the schema default). */
  level: SharingLevel;
  /** The level the document declares (before labels tighten it). */
  sharing: SharingLevel;
  keepers: KeeperRef[];
  origin?: Record<string, unknown>;
  labels: string[];
  permissions: { print: boolean; export: boolean };
  /** The permissions as written: `false` said on purpose differs from a permission never given. */
  explicit: { print?: boolean; export?: boolean; record?: boolean };
  reviewRequired?: boolean;
  reviewIntervalMonths?: number;
}

export function governanceFacts(governance: unknown): GovernanceFacts | undefined {
  if (!isPlainObject(governance)) return undefined;
  const labels = Array.isArray(governance.labels)
    ? governance.labels.flatMap((l) => (isPlainObject(l) && typeof l.label === 'string' ? [l.label] : []))
    : [];
  const sharing: SharingLevel = isSharingLevel(governance.sharing) ? governance.sharing : 'program_team';
  let level = sharing;
  for (const label of labels) {
    const floor = LABEL_FLOOR[label];
    if (floor) level = stricter(level, floor);
  }
  const keepers = Array.isArray(governance.keepers)
    ? governance.keepers.flatMap((k): KeeperRef[] =>
        isPlainObject(k) && typeof k.name === 'string' && k.name.trim() !== ''
          ? [
              {
                name: k.name,
                ...(typeof k.nation === 'string' ? { nation: k.nation } : {}),
                ...(typeof k.community === 'string' ? { community: k.community } : {}),
                ...(typeof k.role === 'string' ? { role: k.role } : {}),
                permissionToName: k.permissionToName === true,
              },
            ]
          : [],
      )
    : [];
  const perms = isPlainObject(governance.permissions) ? governance.permissions : {};
  return {
    level,
    sharing,
    keepers,
    ...(isPlainObject(governance.origin) ? { origin: governance.origin } : {}),
    labels,
    permissions: { print: perms.print === true, export: perms.export === true },
    explicit: Object.fromEntries((['print', 'export', 'record'] as const).flatMap((k) => (typeof perms[k] === 'boolean' ? [[k, perms[k]]] : []))),
    ...(typeof governance.reviewRequired === 'boolean' ? { reviewRequired: governance.reviewRequired } : {}),
    ...(typeof governance.reviewIntervalMonths === 'number' ? { reviewIntervalMonths: governance.reviewIntervalMonths } : {}),
  };
}

export function levelWords(level: SharingLevel): string {
  switch (level) {
    case 'open':
      return 'anyone';
    case 'program_team':
      return 'the programme team';
    case 'community_only':
      return 'members of the source community';
    case 'secret_sacred':
      return 'its keepers (secret or sacred)';
  }
}

/**
 * Whom a reader should ask, without naming anyone who has not agreed to be named (§5.4 item 2):
 * named keepers by name, the others by role and Nation, else the origin community, else the programme lead.
 */
export function askWhom(g: GovernanceFacts | undefined, audience: Audience): string {
  if (!g) return 'the programme lead';
  const inside = audience === 'workspace' || audience === 'elder_review';
  const parts = g.keepers.map((k) => {
    if (inside || k.permissionToName) return k.nation ? `${k.name} (${k.nation})` : k.name;
    const role = (k.role ?? 'knowledge keeper').replace(/_/g, ' ');
    const of = k.nation ?? k.community;
    return of ? `an ${role} of ${of}`.replace(/^an ([^aeiou])/i, 'a $1') : `the ${role}`;
  });
  const unique = [...new Set(parts)];
  if (unique.length > 0) return unique.join('; ');
  const origin = g.origin;
  const from = origin && (typeof origin.nation === 'string' ? origin.nation : typeof origin.community === 'string' ? origin.community : undefined);
  return from ? `the knowledge keepers of ${from}` : 'the programme lead';
}

/** Keeper names fit to show to this audience (same naming rule as askWhom). */
export function keeperNamesFor(g: GovernanceFacts | undefined, audience: Audience): string[] {
  if (!g) return [];
  const inside = audience === 'workspace' || audience === 'elder_review';
  return g.keepers.filter((k) => inside || k.permissionToName).map((k) => k.name);
}
