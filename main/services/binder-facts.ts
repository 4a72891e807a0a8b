/**
 * What a binder or a QI report needs from the workspace: the version's value and stamp, the change log
 * since the previous QI cycle (with commit messages as rationale), what the site changed from its base,
 * and the review status. One place, so the app and the CLI print the same binder.
 */
import type { BinderInput } from '../core/binder';
import { parseProtocolText, qiCycleReport, siteChanges, type ReportCommit } from '../core/diff';
import { redactChanges, type Audience } from '../core/review';
import type { ProtocolChange } from '../core/diff';
import { reviewStatusFor } from '../store/review-store';
import type { VersionInfo, Workspace } from '../store/workspace';

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

/** Highest QI cycle number a version is tagged with. */
function cycleOf(ws: Workspace, v: VersionInfo): number | undefined {
  const numbers = v.qiCycleIds.map((id) => ws.getQiCycle(id).number);
  return numbers.length ? Math.max(...numbers) : undefined;
}

/**
 * The version a change log starts from: the newest version before `seq` tagged with an earlier QI cycle
 * than `cycle` (any cycle when `cycle` is unknown), else the first version.
 */
function previousCycleVersion(ws: Workspace, history: VersionInfo[], seq: number, cycle: number | undefined): VersionInfo | undefined {
  const earlier = history.filter((v) => v.seq < seq);
  const tagged = earlier.find((v) => {
    const c = cycleOf(ws, v);
    return c !== undefined && (cycle === undefined || c < cycle);
  });
  return tagged ?? earlier.at(-1);
}

/** What is printed: a committed version (`PROTOCOL@N`, head, id prefix) or an author's draft text. */
export type BinderSubject = { versionRef: string } | { draftText: string };

export interface QiReportFacts {
  from: VersionInfo;
  toLabel: string;
  report: ReturnType<typeof qiCycleReport>;
  commits: ReportCommit[];
}

/**
 * The QI cycle report from the previous cycle's version (or `fromRef`) to the subject. With an audience,
 * changes inside sections it may not see become one "content withheld" line each (a diff of restricted
 * text is itself a disclosure).
 */
export function qiReportFor(
  ws: Workspace,
  protocolId: string,
  subject: BinderSubject,
  opts: { fromRef?: string; audience?: Audience; lang?: string } = {},
): QiReportFacts | undefined {
  const { fromRef, audience } = opts;
  const { value, seq, cycle, label } = subjectOf(ws, protocolId, subject);
  const history = ws.history(protocolId);
  const from = fromRef !== undefined ? ws.findVersion(protocolId, fromRef) : previousCycleVersion(ws, history, seq, cycle);
  if (!from || from.seq >= seq) return undefined;
  const fromValue = parseProtocolText(ws.getVersion(from.id).text, `${protocolId}@${from.seq}`);
  const commits: ReportCommit[] = history
    .filter((v) => v.seq > from.seq && v.seq <= seq)
    .reverse()
    .map((v) => {
      const c = cycleOf(ws, v);
      return { message: v.message, author: v.author, time: v.createdAt, ...(c !== undefined ? { qiCycle: c } : {}) };
    });
  // Labels often stay the same across a cycle ("1.0.0"), so the workspace version number goes with them.
  const fromLabel = `${from.versionLabel ? `${from.versionLabel} ` : ''}(version ${from.seq})`;
  const toLabel = 'versionRef' in subject ? `${label} (version ${seq})` : label;
  const redact = audience ? withheldOnce(fromValue, value, audience, opts.lang) : undefined;
  const report = qiCycleReport({ from: { label: fromLabel, value: fromValue }, to: { label: toLabel, value }, commits, ...(redact ? { redact } : {}) });
  return { from, toLabel, commits, report };
}

/** A per-change redaction hook that reports each withheld section once. */
function withheldOnce(oldValue: unknown, newValue: unknown, audience: Audience, lang?: string): (c: ProtocolChange) => ProtocolChange | undefined {
  const reported = new Set<string>();
  return (c) => {
    const r = redactChanges([c], oldValue, newValue, audience, lang, 'qi_report')[0];
    if (!r || r === c) return r;
    if (reported.has(r.idPath)) return undefined;
    reported.add(r.idPath);
    return r;
  };
}

function subjectOf(ws: Workspace, protocolId: string, subject: BinderSubject) {
  if ('versionRef' in subject) {
    const info = ws.findVersion(protocolId, subject.versionRef);
    const text = ws.getVersion(info.id).text;
    const value = parseProtocolText(text, `${protocolId}@${info.seq}`);
    return { info, text, value, seq: info.seq, cycle: cycleOf(ws, info), label: info.versionLabel ?? documentFacts(value).label ?? String(info.seq) };
  }
  const head = ws.head(protocolId);
  const value = parseProtocolText(subject.draftText, `${protocolId} draft`);
  const label = `${documentFacts(value).label ?? (head ? String(head.seq) : 'draft')} (draft)`;
  // A draft comes after the head: its change log runs from the previous cycle up to the draft itself.
  return { info: head, text: subject.draftText, value, seq: (head?.seq ?? 0) + 1, cycle: head ? cycleOf(ws, head) : undefined, label };
}

/** Everything a binder prints about one version or draft of a protocol, for one audience. */
export function binderFacts(ws: Workspace, protocolId: string, subject: BinderSubject, audience: Audience, lang?: string): BinderFacts {
  const { info, text, value, cycle, label } = subjectOf(ws, protocolId, subject);
  const doc = documentFacts(value);
  const facts: BinderFacts = {
    value,
    version: {
      label,
      status: doc.status ?? info?.status ?? 'draft',
      ...(info && 'versionRef' in subject ? { number: info.seq, id: info.id, committedAt: info.createdAt, author: info.author } : {}),
      ...(cycle !== undefined ? { qiCycle: cycle } : {}),
    },
  };
  const qi = qiReportFor(ws, protocolId, subject, { audience, ...(lang ? { lang } : {}) });
  if (qi) {
    const fromValue = parseProtocolText(ws.getVersion(qi.from.id).text, `${protocolId}@${qi.from.seq}`);
    Object.assign(facts, { changeLog: qi.report.sections, previous: { label: qi.from.versionLabel ?? String(qi.from.seq), value: fromValue }, changeLogCommits: qi.commits });
  }
  const base = ws.getProtocol(protocolId).base;
  if (base) {
    const baseVersion = ws.getVersion(base.versionId);
    const baseValue = parseProtocolText(baseVersion.text, `${base.protocolId}@${baseVersion.seq}`);
    Object.assign(facts, { siteChanges: siteChanges(baseValue, value).changes, base: { label: `${base.protocolId} ${baseVersion.versionLabel ?? baseVersion.seq}`, value: baseValue } });
  }
  facts.reviewStatus = reviewStatusFor(ws, protocolId, { text, audience, ...(lang ? { lang } : {}) }).sections;
  return facts;
}
