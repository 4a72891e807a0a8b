/**
 * What a binder needs from the workspace: the version's value and stamp, the change log since the
 * previous QI cycle (with commit messages as rationale), what the site changed from its base, and the
 * review status. One place, so the app and the CLI print the same binder.
 */
import type { BinderInput } from '../core/binder';
import { diffProtocols, parseProtocolText, reportSections, siteChanges, type QiReportSection, type ReportCommit } from '../core/diff';
import { cyclesOf } from '../core/qi';
import type { Audience } from '../core/review';
import { applyReviewWithholds } from '../core/review/withheld';
import { reviewStatusFor } from '../store/review-store';
import type { VersionInfo, Workspace } from '../store/workspace';
import { withheldOnce } from './cycle-report';
import { peopleNames } from './people-names';
import { readOnce } from './read-once';

export type BinderFacts = Omit<BinderInput, 'profile' | 'lang' | 'generatedAt' | 'paper' | 'tocPages' | 'fontCss'>;

export interface DocumentFacts {
  label?: string;
  status?: string;
  languages: string[];
  latestCycle?: number;
}

/** Version label, status, languages and latest QI cycle as the document states them (read defensively). */
export function documentFacts(value: unknown): DocumentFacts {
  const v = value as { metadata?: { versionLabel?: unknown; status?: unknown; languages?: unknown }; qi?: { cycles?: unknown } } | null;
  const m = v?.metadata;
  const cycles = Array.isArray(v?.qi?.cycles) ? v.qi.cycles.map((c) => (c as { number?: unknown })?.number).filter((n): n is number => typeof n === 'number') : [];
  return {
    ...(typeof m?.versionLabel === 'string' ? { label: m.versionLabel } : {}),
    ...(typeof m?.status === 'string' ? { status: m.status } : {}),
    languages: Array.isArray(m?.languages) ? m.languages.filter((l): l is string => typeof l === 'string') : [],
    ...(cycles.length ? { latestCycle: Math.max(...cycles) } : {}),
  };
}

/** Reads a version or draft text into its value. */
type Read = (text: string, source: string) => unknown;

/** The cycle numbers of a protocol's latest text, by cycle id. */
function cycleNumbers(ws: Workspace, protocolId: string, read: Read): Map<string, number> {
  const head = ws.head(protocolId);
  let value: unknown;
  try {
    value = head ? read(ws.getVersion(head.id).text, `${protocolId}@${head.seq}`) : undefined;
  } catch {
    value = undefined;
  }
  return new Map(cyclesOf(value).flatMap((c) => (c.number === null ? [] : [[c.id, c.number] as [string, number]])));
}

/** Highest QI cycle number a version was committed in or tagged with. */
function cycleOf(numbers: ReadonlyMap<string, number>, v: VersionInfo | null): number | undefined {
  const found = (v?.qiCycleIds ?? []).flatMap((id) => numbers.get(id) ?? []);
  return found.length ? Math.max(...found) : undefined;
}

/**
 * The version a change log starts from: the newest version before `seq` tagged with an earlier QI cycle
 * than `cycle` (any cycle when `cycle` is unknown), else the first version.
 */
function previousCycleVersion(numbers: ReadonlyMap<string, number>, history: VersionInfo[], seq: number, cycle: number | undefined): VersionInfo | undefined {
  const earlier = history.filter((v) => v.seq < seq);
  const tagged = earlier.find((v) => {
    const c = cycleOf(numbers, v);
    return c !== undefined && (cycle === undefined || c < cycle);
  });
  return tagged ?? earlier.at(-1);
}

/** What is printed: a committed version (`PROTOCOL@N`, head, id prefix) or an author's draft text. */
export type BinderSubject = { versionRef: string } | { draftText: string };

export interface ChangeLogFacts {
  from: VersionInfo;
  /** The value of `from`, as read (before any review withholds). */
  fromValue: unknown;
  sections: QiReportSection[];
  commits: ReportCommit[];
}

/**
 * The change log from the previous cycle's version to the subject, with the commit messages between.
 * With an audience, changes inside sections it may not see become one "content withheld" line each (a
 * diff of restricted text is itself a disclosure).
 */
export function changeLogFor(
  ws: Workspace,
  protocolId: string,
  subject: BinderSubject,
  opts: { audience?: Audience; lang?: string; held?: (value: unknown) => unknown; read?: Read } = {},
): ChangeLogFacts | undefined {
  const read = opts.read ?? readOnce(parseProtocolText);
  const numbers = cycleNumbers(ws, protocolId, read);
  const { value, seq, info } = subjectOf(ws, protocolId, subject, read);
  const history = ws.history(protocolId);
  const nameOf = peopleNames(ws);
  const from = previousCycleVersion(numbers, history, seq, cycleOf(numbers, info));
  if (!from || from.seq >= seq) return undefined;
  const fromValue = read(ws.getVersion(from.id).text, `${protocolId}@${from.seq}`);
  const commits: ReportCommit[] = history
    .filter((v) => v.seq > from.seq && v.seq <= seq)
    .reverse()
    .map((v) => {
      const c = cycleOf(numbers, v);
      return { message: v.message, author: v.author, authorName: nameOf(v.author), time: v.createdAt, version: v.seq, ...(c !== undefined ? { qiCycle: c } : {}) };
    });
  const redact = opts.audience ? withheldOnce(opts.audience, opts.lang) : undefined;
  const [a, b] = opts.held ? [opts.held(fromValue), opts.held(value)] : [fromValue, value];
  const changes = diffProtocols(a, b).flatMap((c) => (redact ? (redact(c, a, b) ?? []) : [c]));
  return { from, fromValue, commits, sections: reportSections(changes) };
}

function subjectOf(ws: Workspace, protocolId: string, subject: BinderSubject, read: Read) {
  if ('versionRef' in subject) {
    const info = ws.findVersion(protocolId, subject.versionRef);
    const text = ws.getVersion(info.id).text;
    const value = read(text, `${protocolId}@${info.seq}`);
    return { info, text, value, seq: info.seq, label: info.versionLabel ?? documentFacts(value).label ?? String(info.seq) };
  }
  const head = ws.head(protocolId);
  const value = read(subject.draftText, `${protocolId} draft`);
  const label = `${documentFacts(value).label ?? (head ? String(head.seq) : 'draft')} (draft)`;
  // A draft comes after the head: its change log runs from the previous cycle up to the draft itself.
  return { info: head, text: subject.draftText, value, seq: (head?.seq ?? 0) + 1, label };
}

/** Everything a binder prints about one version or draft of a protocol, for one audience. */
export function binderFacts(ws: Workspace, protocolId: string, subject: BinderSubject, audience: Audience, lang?: string): BinderFacts {
  const read = readOnce(parseProtocolText);
  const { info, text, value, label } = subjectOf(ws, protocolId, subject, read);
  const cycle = cycleOf(cycleNumbers(ws, protocolId, read), info);
  const doc = documentFacts(value);
  const nameOf = peopleNames(ws);
  // Printed for people: who signed off reads as their name, where the keepers let it be printed for this audience.
  const reviewStatus = reviewStatusFor(ws, protocolId, { text, audience, nameOf, ...(lang ? { lang } : {}) }).sections.map((s) =>
    s.approvedBy === undefined ? s : { ...s, approvedBy: s.approvedByName ?? nameOf(s.approvedBy) },
  );
  // A section a keeper withheld in review prints as its placeholder until a keeper approves it.
  const held = (v: unknown) => applyReviewWithholds(v, reviewStatus);
  const facts: BinderFacts = {
    value: held(value),
    version: {
      label,
      status: doc.status ?? info?.status ?? 'draft',
      ...(info && 'versionRef' in subject ? { number: info.seq, id: info.id, committedAt: info.createdAt, author: nameOf(info.author) } : {}),
      ...(cycle !== undefined ? { qiCycle: cycle } : {}),
    },
  };
  const log = changeLogFor(ws, protocolId, subject, { audience, held, read, ...(lang ? { lang } : {}) });
  if (log) {
    Object.assign(facts, { changeLog: log.sections, previous: { label: log.from.versionLabel ?? String(log.from.seq), value: held(log.fromValue) }, changeLogCommits: log.commits });
  }
  const base = ws.getProtocol(protocolId).base;
  if (base) {
    const baseVersion = ws.getVersion(base.versionId);
    const baseValue = read(baseVersion.text, `${base.protocolId}@${baseVersion.seq}`);
    Object.assign(facts, { siteChanges: siteChanges(held(baseValue), facts.value).changes, base: { label: `${base.protocolId} ${baseVersion.versionLabel ?? baseVersion.seq}`, value: held(baseValue) } });
  }
  facts.reviewStatus = reviewStatus;
  return facts;
}
