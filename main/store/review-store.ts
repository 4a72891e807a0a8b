/**
 * Review records in the workspace: requests, sign-offs, change requests and comments on one section of a
 * protocol's latest version. Every action is written together with its audit entry in one transaction.
 *
 * The audit entry carries the section, track, reviewer, role, content hash and version, and the
 * SHA-256 of the note rather than its text: notes about restricted sections stay in review_events,
 * inside the workspace, even when the audit chain is exported for verification.
 */
import { parseProtocolText } from '../core/diff/parse-text';
import { looksAlike, nameKey, PersonRefusedError, signoffRole } from '../core/people';
import { normalizedSectionContent, sectionContentHash, listSections, requiredTracks, type ReviewTrack, type Section } from '../core/review/sections';
import {
  checkReviewAction,
  REVIEW_TRACKS,
  ReviewRefusedError,
  reviewStatus,
  sectionAuthorship,
  TRACK_ROLES,
  type ReviewAction,
  type ReviewEventRecord,
  type ReviewRecords,
  type ReviewRequestRecord,
  type SectionReviewStatus,
} from '../core/review/signoff';
import type { Audience } from '../core/review/sharing';
import { appendAudit } from './audit';
import { InvalidInputError, NotFoundError } from './errors';
import { sha256 } from './hash';
import { checkName, checkText } from './validate-input';
import type { Workspace } from './workspace';

export interface SectionTarget {
  protocolId: string;
  sectionKey: string;
  /** Defaults to the section's required track, else its own track. */
  track?: ReviewTrack;
}

export interface ReviewerInput {
  /** Person id or name; with a register it must be in it, and the id is recorded. */
  reviewer: string;
  /** With a register, optional: the person's role that fits the track is recorded. */
  role?: string;
  note?: string;
}

interface Head {
  versionId: string;
  value: unknown;
  section: Section;
  track: ReviewTrack;
}

const MAX_NOTE = 20_000;

function checkNote(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  if (note.length > MAX_NOTE) throw new InvalidInputError(`the note is longer than ${MAX_NOTE} characters`);
  const text = checkText(note, 'note').trim();
  return text === '' ? undefined : text;
}

function parseVersion(ws: Workspace, versionId: string, label: string): unknown {
  const v = ws.getVersion(versionId);
  try {
    return parseProtocolText(v.text, `${v.protocolId} version ${v.seq}`);
  } catch (err) {
    throw new InvalidInputError(`${label}: ${(err as Error).message}`);
  }
}

function resolveHead(ws: Workspace, target: SectionTarget): Head {
  const head = ws.head(target.protocolId);
  if (!head) throw new NotFoundError(`${target.protocolId} has no committed version to review`);
  const value = parseVersion(ws, head.id, `cannot review ${target.protocolId}`);
  const sections = listSections(value);
  const section = sections.find((s) => s.key === target.sectionKey);
  if (!section) {
    const near = sections.filter((s) => s.key.includes(target.sectionKey.split(/[.[\]]/).filter(Boolean).pop() ?? '')).slice(0, 5);
    throw new NotFoundError(
      `${target.protocolId} has no section "${target.sectionKey}"` + (near.length ? `; did you mean ${near.map((s) => s.key).join(', ')}?` : ''),
    );
  }
  const track = target.track ?? requiredTracks(section)[0] ?? (section.track === 'none' ? undefined : section.track);
  if (!track) throw new InvalidInputError(`${section.key} belongs to no review track by default; say which (cultural or medical)`);
  if (!REVIEW_TRACKS.includes(track)) throw new InvalidInputError(`unknown review track "${String(track)}": cultural or medical`);
  return { versionId: head.id, value, section, track };
}

/**
 * The person id an author recorded before the register existed stands for (its alias, else their name
 * matched to the register), else the author as recorded: four eyes compares ids, not spellings.
 */
function canonicalAuthor(ws: Workspace, author: string): string {
  if (!ws.hasRegister()) return author;
  const id = ws.personOf(author);
  if (id !== author) return id;
  try {
    return ws.findPerson(author).id;
  } catch {
    return author;
  }
}

/** Four eyes beyond spelling: an author matches the reviewer by person id, by name key, or by a look-alike name. */
function sameActor(a: string, b: string): boolean {
  return a === b || nameKey(a) === nameKey(b) || looksAlike(a, b);
}

/** The role a reviewer acts in: with a register, checked against their roles and the section (see signoffRole). */
function reviewerRole(ws: Workspace, reviewer: string, head: Head, requested: string | undefined): string {
  if (!ws.hasRegister()) {
    if (requested === undefined) throw new InvalidInputError('say in which role the reviewer acts');
    return checkName(requested, 'role');
  }
  try {
    return signoffRole(ws.getPerson(reviewer), head.track, head.section.key, head.section.governance, requested);
  } catch (err) {
    if (err instanceof PersonRefusedError) throw new ReviewRefusedError(err.message);
    throw err;
  }
}

/** Who wrote and last changed the section, from every committed version (oldest first). */
function authorshipOf(ws: Workspace, protocolId: string, key: string) {
  const versions = ws
    .history(protocolId)
    .reverse()
    .map((v) => {
      let sections: Section[] = [];
      try {
        sections = listSections(parseProtocolText(ws.getVersion(v.id).text));
      } catch {
        // An unparseable version holds no sections; the next version that has it counts as changing it.
      }
      return { author: canonicalAuthor(ws, v.author), sections };
    });
  return sectionAuthorship(versions, key);
}

export interface RequestReviewInput extends SectionTarget {
  reviewers: { name: string; role: string }[];
  requestedBy: string;
  note?: string;
}

/** Asks named reviewers to review one section on one track. */
export function requestReview(ws: Workspace, input: RequestReviewInput): ReviewRequestRecord[] {
  const requestedBy = ws.actor(input.requestedBy, 'requested by');
  const note = checkNote(input.note);
  if (input.reviewers.length === 0) throw new InvalidInputError('name at least one reviewer');
  return ws.transaction(() => {
    const head = resolveHead(ws, input);
    const hash = sectionContentHash(head.section.value);
    const at = ws.timestamp();
    return input.reviewers.map((given) => {
      const reviewer = ws.actor(given.name, 'reviewer');
      // With a register, ask only someone who could sign it off, in a role they hold.
      const r = { role: ws.hasRegister() ? reviewerRole(ws, reviewer, head, given.role) : given.role };
      if (!TRACK_ROLES[head.track].includes(r.role)) {
        throw new ReviewRefusedError(`${reviewer} (${r.role}) cannot review the ${head.track} track; roles: ${TRACK_ROLES[head.track].join(', ')}`);
      }
      ws.db
        .prepare(
          `INSERT INTO review_requests (protocol_id, section_key, track, reviewer, role, version_id, requested_by, requested_at, content_hash, note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.protocolId, head.section.key, head.track, reviewer, r.role, head.versionId, requestedBy, at, hash, note ?? null);
      appendAudit(ws.db, {
        actor: requestedBy,
        action: 'review.request',
        subject: input.protocolId,
        details: { section: head.section.key, track: head.track, reviewer, role: r.role, contentHash: hash, versionId: head.versionId, noteSha256: note ? sha256(note) : null, at },
      }, at);
      return { sectionKey: head.section.key, track: head.track, reviewer, role: r.role, requestedBy, requestedAt: at, contentHash: hash, ...(note ? { note } : {}) };
    });
  });
}

function record(ws: Workspace, action: ReviewAction, target: SectionTarget, input: ReviewerInput): ReviewEventRecord {
  const reviewer = ws.actor(input.reviewer, 'reviewer');
  const note = checkNote(input.note);
  return ws.transaction(() => {
    const head = resolveHead(ws, target);
    // Anyone in the register may comment; sign-offs and change requests need the role the track requires.
    const role = action === 'comment' ? checkName(input.role ?? 'commenter', 'role') : reviewerRole(ws, reviewer, head, input.role);
    const authorship = action === 'approve' ? authorshipOf(ws, target.protocolId, head.section.key) : {};
    for (const [who, what] of [
      [authorship.createdBy, 'wrote'],
      [authorship.lastEditedBy, 'last changed'],
    ] as const) {
      if (who !== undefined && sameActor(who, reviewer)) {
        throw new ReviewRefusedError(`${reviewer} ${what} ${head.section.key} and cannot also approve it: another reviewer must (four eyes)`);
      }
    }
    checkReviewAction({ action, track: head.track, reviewer, role, ...(note ? { note } : {}) }, head.section, authorship);
    const hash = sectionContentHash(head.section.value);
    const snapshot = normalizedSectionContent(head.section.value);
    const at = ws.timestamp();
    ws.db
      .prepare(
        `INSERT INTO review_events (protocol_id, section_key, track, version_id, kind, reviewer, role, note, at, content_hash, snapshot)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(target.protocolId, head.section.key, head.track, head.versionId, action, reviewer, role, note ?? null, at, hash, snapshot);
    appendAudit(ws.db, {
      actor: reviewer,
      action: `review.${action}`,
      subject: target.protocolId,
      details: { section: head.section.key, track: head.track, role, contentHash: hash, versionId: head.versionId, noteSha256: note ? sha256(note) : null, at },
    }, at);
    return { sectionKey: head.section.key, track: head.track, kind: action, reviewer, role, at, contentHash: hash, snapshot: JSON.parse(snapshot) as unknown, ...(note ? { note } : {}) };
  });
}

/** Signs off the section as it stands in the latest version. Refused for its author or last editor (four eyes). */
export const approve = (ws: Workspace, target: SectionTarget, input: ReviewerInput): ReviewEventRecord => record(ws, 'approve', target, input);

/** Asks for changes; the note saying what to change is required. */
export const requestChanges = (ws: Workspace, target: SectionTarget, input: ReviewerInput): ReviewEventRecord => record(ws, 'request_changes', target, input);

/**
 * A keeper withholds the section (the note says why, or whom to ask): it is not printed or shared beyond the
 * workspace until a keeper of the section approves it. Cultural track only.
 */
export const withhold = (ws: Workspace, target: SectionTarget, input: ReviewerInput): ReviewEventRecord => record(ws, 'withhold', target, input);

/** A remark that changes no state. */
export const comment = (ws: Workspace, target: SectionTarget, input: ReviewerInput): ReviewEventRecord => record(ws, 'comment', target, input);

interface RequestRow {
  section_key: string;
  track: ReviewTrack;
  reviewer: string;
  role: string;
  requested_by: string;
  requested_at: string;
  content_hash: string;
  note: string | null;
}

interface EventRow {
  section_key: string;
  track: ReviewTrack;
  kind: ReviewAction;
  reviewer: string;
  role: string;
  note: string | null;
  at: string;
  content_hash: string;
  snapshot: string;
}

/** Every review record of a protocol, oldest first; names recorded before the register read as their person ids. */
export function readReviewRecords(ws: Workspace, protocolId: string): ReviewRecords {
  const who = (recorded: string) => ws.personOf(recorded);
  const requests = (ws.db.prepare('SELECT * FROM review_requests WHERE protocol_id = ? ORDER BY id').all(protocolId) as RequestRow[]).map(
    (r): ReviewRequestRecord => ({
      sectionKey: r.section_key,
      track: r.track,
      reviewer: who(r.reviewer),
      role: r.role,
      requestedBy: who(r.requested_by),
      requestedAt: r.requested_at,
      contentHash: r.content_hash,
      ...(r.note ? { note: r.note } : {}),
    }),
  );
  const events = (ws.db.prepare('SELECT * FROM review_events WHERE protocol_id = ? ORDER BY id').all(protocolId) as EventRow[]).map(
    (e): ReviewEventRecord => ({
      sectionKey: e.section_key,
      track: e.track,
      kind: e.kind,
      reviewer: who(e.reviewer),
      role: e.role,
      at: e.at,
      contentHash: e.content_hash,
      snapshot: JSON.parse(e.snapshot) as unknown,
      ...(e.note ? { note: e.note } : {}),
    }),
  );
  return { requests, events };
}

export interface ReviewStatusResult {
  protocolId: string;
  /** The version the status is for; absent when a text was given. */
  versionId?: string;
  value: unknown;
  sections: SectionReviewStatus[];
}

/**
 * Review state of every section of the latest version, or of `text` (an unsaved draft) when given.
 * `audience` redacts the lapse diffs for whoever will see them (default: the workspace itself).
 */
export function reviewStatusFor(
  ws: Workspace,
  protocolId: string,
  opts: { text?: string; audience?: Audience; now?: Date; lang?: string; nameOf?: (recorded: string) => string } = {},
): ReviewStatusResult {
  let value: unknown;
  let versionId: string | undefined;
  if (opts.text !== undefined) {
    ws.getProtocol(protocolId);
    try {
      value = parseProtocolText(checkText(opts.text, 'text'), protocolId);
    } catch (err) {
      throw new InvalidInputError((err as Error).message);
    }
  } else {
    const head = ws.head(protocolId);
    if (!head) throw new NotFoundError(`${protocolId} has no committed version`);
    versionId = head.id;
    value = parseVersion(ws, head.id, `cannot read ${protocolId}`);
  }
  const sections = reviewStatus(listSections(value, opts.lang), readReviewRecords(ws, protocolId), opts.now ?? new Date(ws.timestamp()), {
    ...(opts.audience ? { audience: opts.audience } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
    ...(opts.nameOf ? { nameOf: opts.nameOf } : {}),
  });
  return { protocolId, ...(versionId ? { versionId } : {}), value, sections };
}
