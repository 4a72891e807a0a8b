/**
 * The sign-off model. Reviewers approve, request changes (with a note) or comment on one section on one
 * track (cultural: Elders / Knowledge Keepers; medical: prescribers, medical lead). A sign-off binds to
 * the SHA-256 of the section's normalized content: it holds while that content is unchanged, whatever
 * else changes, and lapses as soon as it changes. The two tracks never affect each other.
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { diffProtocols } from '../diff/diff';
import type { ProtocolChange } from '../diff/types';
import { redactChanges, redactForAudience } from './redact';
import { requiredTracks, sectionContentHash, type ReviewTrack, type Section, type Track } from './sections';
import { keeperNamesFor, type Audience } from './sharing';

export const REVIEW_TRACKS: readonly ReviewTrack[] = ['cultural', 'medical'];
/** `withhold`: a keeper holds the section back (no printing or sharing beyond the workspace) until a keeper approves it. */
export type ReviewAction = 'approve' | 'request_changes' | 'withhold' | 'comment';

/** Roles that may approve or request changes on each track; anyone may comment. */
export const TRACK_ROLES: Record<ReviewTrack, readonly string[]> = {
  cultural: ['elder', 'knowledge_keeper', 'cultural_advisor'],
  medical: ['medical_lead', 'clinical_lead', 'prescriber', 'psychiatrist', 'registered_nurse'],
};

export interface ReviewRequestRecord {
  sectionKey: string;
  track: ReviewTrack;
  reviewer: string;
  role: string;
  requestedBy: string;
  requestedAt: string;
  contentHash: string;
  note?: string;
}

export interface ReviewEventRecord {
  sectionKey: string;
  track: ReviewTrack;
  kind: ReviewAction;
  reviewer: string;
  role: string;
  note?: string;
  at: string;
  contentHash: string;
  /** The section as it was reviewed (kept inside the workspace only). */
  snapshot: unknown;
}

export interface ReviewRecords {
  /** Oldest first. */
  requests: readonly ReviewRequestRecord[];
  /** Oldest first. */
  events: readonly ReviewEventRecord[];
}

export type ReviewState = 'not_required' | 'not_requested' | 'requested' | 'changes_requested' | 'withheld' | 'approved' | 'lapsed';

export interface SignoffRef {
  reviewer: string;
  role: string;
  at: string;
  note?: string;
}

export interface SectionReviewStatus {
  key: string;
  title: string;
  kind: string;
  track: Track;
  required: boolean;
  state: ReviewState;
  contentHash: string;
  /** Latest approver (of the current content; of the old content when lapsed), as recorded. */
  approvedBy?: string;
  /** `approvedBy` as this audience may read it: the name, or "a keeper of this section" (see `reviewerNames`). */
  approvedByName?: string;
  approvedAt?: string;
  approvals: SignoffRef[];
  pendingReviewers: string[];
  /** `pendingReviewers` as this audience may read them (see `reviewerNames`). */
  pendingReviewerNames: string[];
  changesRequested: SignoffRef[];
  /** The keeper's withholding in force: until a keeper approves the section, it is not printed or shared. */
  withheld?: SignoffRef;
  lapsedBecause?: 'content_changed' | 'review_overdue';
  /** When the current approval falls due again (approval date + review interval). */
  reviewDue?: string;
  /** Approved content → now, redacted for the audience the status is shown to. */
  diff?: ProtocolChange[];
  /** One line for people. */
  message: string;
}

export interface ReviewStatusOptions {
  /** Who will see the status (the lapse diff is redacted for them). Default `workspace`. */
  audience?: Audience;
  lang?: string;
  /** How a recorded reviewer reads in messages (a person id as their name); as recorded by default. */
  nameOf?: (recorded: string) => string;
}

// Names are typed by people: "Elder  Mary", "ELDER MARY" and a full-width or composed variant are one person.
const personKey = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
const same = (a: string, b: string): boolean => personKey(a) === personKey(b);
const day = (iso: string): string => iso.slice(0, 10);

/** Adds whole months to an ISO date, clamping to the month's last day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString().slice(0, 10);
}

/**
 * How reviewers are named to the audience. Keepers decide whether they are named outside (domain.md §5: the
 * askWhom rule): on a cultural track, an audience other than the workspace and Elder review reads a reviewer's
 * name only when the section's governance lets that keeper be named to it; otherwise "a keeper of this section".
 */
function reviewerNames(section: Section, track: Track, opts: ReviewStatusOptions): (recorded: string) => string {
  const nameOf = opts.nameOf ?? ((recorded: string) => recorded);
  const audience = opts.audience;
  if (track !== 'cultural' || audience === undefined || audience === 'workspace' || audience === 'elder_review') return nameOf;
  const allowed = keeperNamesFor(section.governance, audience);
  return (recorded) => {
    const name = nameOf(recorded);
    return allowed.some((k) => same(k, name) || same(k, recorded)) ? name : 'a keeper of this section';
  };
}

/** Months between Elder reviews: the section's own interval, else the schema's default of 12 for cultural sign-offs. */
function intervalMonths(section: Section, track: Track): number | undefined {
  return section.governance?.reviewIntervalMonths ?? (track === 'cultural' ? 12 : undefined);
}

/** Places a section value back at its path, with only the ids of its ancestors, so the diff labels it fully. */
function embed(section: Section, byPath: Map<string, Section>, item: unknown): unknown {
  const root: Record<string, unknown> = {};
  let cur: Record<string, unknown> | unknown[] = root;
  const p = section.path;
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] as PathSegment;
    const last = i === p.length - 1;
    const next: Record<string, unknown> | unknown[] =
      last ? [] : typeof p[i + 1] === 'number' ? [] : skeleton(byPath.get(JSON.stringify(p.slice(0, i + 1))));
    if (Array.isArray(cur)) {
      cur.push(last ? item : next);
    } else cur[String(seg)] = typeof seg === 'number' ? next : last ? item : next;
    if (!last) cur = next;
  }
  return root;
}

/** An enclosing section's identity and its governance: a restricted week withholds the segments inside it. */
function skeleton(parent: Section | undefined): Record<string, unknown> {
  if (!parent) return {};
  const out: Record<string, unknown> = {};
  for (const k of ['id', 'week', 'route', 'governance']) if (k in parent.value) out[k] = parent.value[k];
  return out;
}

/** True when `audience` may not see the section (it or an enclosing section is withheld from them). */
function withheldFrom(section: Section, byPath: Map<string, Section>, opts: ReviewStatusOptions): boolean {
  if (opts.audience === undefined || opts.audience === 'workspace') return false;
  const { withheld } = redactForAudience(embed(section, byPath, section.value), opts.audience, opts.lang);
  return withheld.some((w) => section.key === w.key || section.key.startsWith(w.key + '.') || section.key.startsWith(w.key + '['));
}

function latestBy<T extends { reviewer: string }>(items: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const it of items) m.set(it.reviewer.trim().toLowerCase(), it);
  return m;
}

function statusOf(
  section: Section,
  track: Track,
  required: boolean,
  records: ReviewRecords,
  now: Date,
  byPath: Map<string, Section>,
  opts: ReviewStatusOptions,
): SectionReviewStatus {
  const hash = sectionContentHash(section.value);
  const requests = records.requests.filter((r) => r.sectionKey === section.key && r.track === track);
  const events = records.events.filter((e) => e.sectionKey === section.key && e.track === track);
  const decisive = events.filter((e) => e.kind !== 'comment');
  const lastDecision = latestBy(decisive);
  const base = { key: section.key, title: section.title, kind: section.kind, track, required, contentHash: hash };

  const approvals = [...lastDecision.values()].filter((e) => e.kind === 'approve' && e.contentHash === hash);
  const changesRequested = [...lastDecision.values()].filter((e) => e.kind === 'request_changes' && e.contentHash === hash);
  // A reviewer is still to act when asked and not answered since, or when they asked for changes and the content moved on.
  const pending = new Set<string>();
  for (const r of requests) {
    const answer = lastDecision.get(r.reviewer.trim().toLowerCase());
    if (!answer || answer.at < r.requestedAt) pending.add(r.reviewer);
  }
  for (const e of lastDecision.values()) if (e.kind === 'request_changes' && e.contentHash !== hash) pending.add(e.reviewer);
  // Reviewers' notes on a section the audience may not see can quote it: they stay inside, like the diff.
  const notesShown = !withheldFrom(section, byPath, opts);
  const ref = (e: ReviewEventRecord): SignoffRef => ({ reviewer: e.reviewer, role: e.role, at: e.at, ...(e.note && notesShown ? { note: e.note } : {}) });
  const latestApproval = approvals.sort((a, b) => a.at.localeCompare(b.at))[approvals.length - 1];
  const nameOf = reviewerNames(section, track, opts);
  const common = {
    ...base,
    approvals: approvals.map(ref),
    pendingReviewers: [...pending],
    pendingReviewerNames: [...pending].map(nameOf),
    changesRequested: changesRequested.map(ref),
    ...(latestApproval ? { approvedBy: latestApproval.reviewer, approvedByName: nameOf(latestApproval.reviewer), approvedAt: latestApproval.at } : {}),
  };

  // A withholding holds whatever the content, until a later approval on the track (only its keepers may give one).
  const withheldAt = events.findLastIndex((e) => e.kind === 'withhold');
  const lastWithhold = events[withheldAt];
  if (lastWithhold && !events.slice(withheldAt + 1).some((e) => e.kind === 'approve')) {
    const w = ref(lastWithhold);
    const note = w.note ? `: ${w.note}` : notesShown ? '' : ': note withheld';
    return { ...common, state: 'withheld', withheld: w, message: `withheld by ${nameOf(w.reviewer)} on ${day(w.at)}${note}` };
  }
  if (changesRequested.length > 0) {
    const who = changesRequested.map((e) => nameOf(e.reviewer)).join(', ');
    const notes = notesShown ? changesRequested.map((e) => e.note).join(' / ') : 'notes withheld';
    return { ...common, state: 'changes_requested', message: `changes requested by ${who}: ${notes}` };
  }
  // The last approval of older content: what changed since is shown while waiting and when lapsed.
  const stale = latestApproval ? undefined : decisive.filter((e) => e.kind === 'approve').at(-1);
  const sinceStale = (): { diff: ProtocolChange[]; since: string } | undefined => {
    if (!stale) return undefined;
    const oldDoc = embed(section, byPath, stale.snapshot);
    const newDoc = embed(section, byPath, section.value);
    const diff = redactChanges(diffProtocols(oldDoc, newDoc), oldDoc, newDoc, opts.audience ?? 'workspace', opts.lang);
    return { diff, since: `changed since approved by ${nameOf(stale.reviewer)} on ${day(stale.at)}` };
  };
  if (pending.size > 0) {
    const changed = sinceStale();
    return {
      ...common,
      state: 'requested',
      ...(changed ? { diff: changed.diff } : {}),
      message: `waiting for ${[...pending].map(nameOf).join(', ')}${changed ? ` (${changed.since})` : ''}`,
    };
  }
  if (latestApproval) {
    const months = intervalMonths(section, track);
    const due = months !== undefined ? addMonths(latestApproval.at, months) : undefined;
    if (due && due < now.toISOString().slice(0, 10)) {
      return { ...common, state: 'lapsed', lapsedBecause: 'review_overdue', reviewDue: due, message: `approved by ${nameOf(latestApproval.reviewer)} on ${day(latestApproval.at)}; review was due on ${due}` };
    }
    return { ...common, state: 'approved', ...(due ? { reviewDue: due } : {}), message: `approved by ${approvals.map((a) => nameOf(a.reviewer)).join(', ')} on ${day(latestApproval.at)}` };
  }
  const changed = sinceStale();
  if (stale && changed) {
    return {
      ...common,
      approvedBy: stale.reviewer,
      approvedByName: nameOf(stale.reviewer),
      approvedAt: stale.at,
      state: 'lapsed',
      lapsedBecause: 'content_changed',
      diff: changed.diff,
      message: changed.since,
    };
  }
  if (required) return { ...common, state: 'not_requested', message: `${track} sign-off required, not yet requested` };
  return { ...common, state: 'not_required', message: 'no sign-off required' };
}

/**
 * Review state of every section: one entry per (section, track) that is required or has records, and
 * one `not_required` entry for each other section.
 */
export function reviewStatus(sections: readonly Section[], records: ReviewRecords, now: Date, opts: ReviewStatusOptions = {}): SectionReviewStatus[] {
  const byPath = new Map(sections.map((s) => [JSON.stringify(s.path), s]));
  const out: SectionReviewStatus[] = [];
  for (const section of sections) {
    const required = requiredTracks(section);
    const tracks = REVIEW_TRACKS.filter(
      (t) => required.includes(t) || records.requests.some((r) => r.sectionKey === section.key && r.track === t) || records.events.some((e) => e.sectionKey === section.key && e.track === t),
    );
    if (tracks.length === 0) out.push(statusOf(section, section.track, false, records, now, byPath, opts));
    for (const t of tracks) out.push(statusOf(section, t, required.includes(t), records, now, byPath, opts));
  }
  return out;
}

/** True when a required sign-off is missing, waiting, refused or lapsed. */
export function needsAttention(s: SectionReviewStatus): boolean {
  return s.required && s.state !== 'approved';
}

// ── who may do what ──────────────────────────────────────────────────────────────────────────────

/** A review action the rules refuse (four eyes, missing note, wrong role). */
export class ReviewRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewRefusedError';
  }
}

export interface SectionAuthorship {
  /** Author of the first version that contains the section. */
  createdBy?: string;
  /** Author of the latest version that changed the section's content hash. */
  lastEditedBy?: string;
}

/** Who wrote and who last changed a section, from the versions oldest first (each already parsed). */
export function sectionAuthorship(versions: readonly { author: string; sections: readonly Section[] }[], key: string): SectionAuthorship {
  let previous: string | undefined;
  const out: SectionAuthorship = {};
  for (const v of versions) {
    const s = v.sections.find((x) => x.key === key);
    const hash = s ? sectionContentHash(s.value) : undefined;
    if (hash !== undefined && hash !== previous) {
      out.createdBy ??= v.author;
      out.lastEditedBy = v.author;
    }
    previous = hash;
  }
  return out;
}

export interface ReviewActionInput {
  action: ReviewAction;
  track: ReviewTrack;
  reviewer: string;
  role: string;
  note?: string;
}

/** Throws ReviewRefusedError when the action breaks a rule; returns normally otherwise. */
export function checkReviewAction(input: ReviewActionInput, section: Section, authorship: SectionAuthorship): void {
  if (!input.reviewer.trim()) throw new ReviewRefusedError('a reviewer name is required');
  if (input.action === 'comment') {
    if (!input.note?.trim()) throw new ReviewRefusedError('a comment needs a note (--note)');
    return;
  }
  if (!TRACK_ROLES[input.track].includes(input.role)) {
    throw new ReviewRefusedError(
      `role "${input.role}" cannot sign off the ${input.track} track of ${section.key}; one of: ${TRACK_ROLES[input.track].join(', ')}`,
    );
  }
  if (input.action === 'request_changes' && !input.note?.trim()) {
    throw new ReviewRefusedError(`requesting changes to ${section.key} needs a note saying what to change (--note)`);
  }
  if (input.action === 'withhold') {
    if (input.track !== 'cultural') throw new ReviewRefusedError(`only the keepers of a section withhold it: ${section.key} is on the ${input.track} track (ask for changes instead)`);
    if (!input.note?.trim()) throw new ReviewRefusedError(`withholding ${section.key} needs a note saying why, or whom to ask (--note)`);
  }
  if (input.action === 'approve') {
    for (const [who, what] of [
      [authorship.createdBy, 'wrote'],
      [authorship.lastEditedBy, 'last changed'],
    ] as const) {
      if (who !== undefined && same(who, input.reviewer)) {
        throw new ReviewRefusedError(`${input.reviewer} ${what} ${section.key} and cannot also approve it: another reviewer must (four eyes)`);
      }
    }
  }
}
