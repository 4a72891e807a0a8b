/**
 * The report of one QI cycle from the workspace: the commits made in it (by the cycle's id in the text),
 * each run of consecutive ones diffed against the version before it, the cycle's record as the newest
 * committed text holds it, and the commits in between that were not in the cycle named in one line.
 * Changes inside sections the audience may not see are withheld, as everywhere else.
 */
import { parseProtocolText, qiCycleReport, type CycleRun, type ProtocolChange, type QiCycleReport, type ReportCommit } from '../core/diff';
import { isPlainObject } from '../core/diff/values';
import type { TextCycle } from '../core/qi';
import { redactChanges, type Audience } from '../core/review';
import { InvalidInputError } from '../store/errors';
import type { VersionInfo, Workspace } from '../store/workspace';
import { peopleNames, type NameOf } from './people-names';
import { committedCycle } from './qi-cycles';

export interface CycleReportFacts {
  cycle: TextCycle;
  /** The version before the cycle's first commit (null when the cycle starts at version 1). */
  from: VersionInfo | null;
  to: VersionInfo;
  fromLabel: string;
  toLabel: string;
  commits: ReportCommit[];
  others: ReportCommit[];
  report: QiCycleReport;
}

/** "1.2.0" when the text states a label, else "version 3". */
export function versionLabelOf(v: VersionInfo): string {
  return v.versionLabel ?? `version ${v.seq}`;
}

const commitOf = (v: VersionInfo, number: number | null, nameOf: NameOf): ReportCommit => ({ message: v.message, author: v.author, authorName: nameOf(v.author), time: v.createdAt, version: v.seq, ...(number !== null ? { qiCycle: number } : {}) });

/** A per-change redaction hook that reports each withheld section once. */
export function withheldOnce(audience: Audience, lang?: string): (c: ProtocolChange, oldValue: unknown, newValue: unknown) => ProtocolChange | undefined {
  const reported = new Set<string>();
  return (c, oldValue, newValue) => {
    const r = redactChanges([c], oldValue, newValue, audience, lang, 'qi_report')[0];
    if (!r || r === c) return r;
    if (reported.has(r.idPath)) return undefined;
    reported.add(r.idPath);
    return r;
  };
}

/** The cycles' own records and the version label: the QI header of a commit, not changes of the protocol. */
export function isQiBookkeeping(c: ProtocolChange): boolean {
  if (c.idPath === 'metadata.versionLabel' || c.idPath === 'qi.cycles' || c.idPath.startsWith('qi.cycles[')) return true;
  return c.idPath === 'qi' && [c.before, c.after].every((v) => v === undefined || (isPlainObject(v) && Object.keys(v).every((k) => k === 'cycles')));
}

export function cycleReportFor(ws: Workspace, protocolId: string, cycleId: string, opts: { audience?: Audience; lang?: string } = {}): CycleReportFacts {
  const history = ws.history(protocolId);
  const oldest = history.slice().reverse();
  const inCycle = oldest.filter((v) => v.qiCycleIds.includes(cycleId));
  const last = inCycle.at(-1);
  if (!last) throw new InvalidInputError(`QI cycle "${cycleId}" of ${protocolId} has no commits yet: commit a change in it first, then its report can be made`);
  const cycle = committedCycle(ws, protocolId, cycleId, history);
  if (!cycle) throw new InvalidInputError(`${protocolId} has no committed QI cycle "${cycleId}"`);
  const bySeq = new Map(oldest.map((v) => [v.seq, v]));
  const nameOf = peopleNames(ws);
  const texts = new Map<number, unknown>();
  const value = (v: VersionInfo): unknown => {
    if (!texts.has(v.seq)) texts.set(v.seq, parseProtocolText(ws.getVersion(v.id).text, `${protocolId}@${v.seq}`));
    return texts.get(v.seq);
  };
  // Consecutive versions of the cycle make one run: one diff from the version before the first to the last.
  const runs: CycleRun[] = [];
  let runStart: VersionInfo | null = null;
  for (const [i, v] of inCycle.entries()) {
    runStart ??= v;
    const next = inCycle[i + 1];
    if (next && next.seq === v.seq + 1) continue;
    const parent = bySeq.get(runStart.seq - 1);
    if (parent) {
      runs.push({ from: { label: versionLabelOf(parent), value: value(parent) }, to: { label: versionLabelOf(v), value: value(v) } });
    }
    runStart = null;
  }
  const first = inCycle[0]!;
  const from = bySeq.get(first.seq - 1) ?? null;
  const others = oldest.filter((v) => v.seq > first.seq && v.seq < last.seq && !v.qiCycleIds.includes(cycleId)).map((v) => commitOf(v, null, nameOf));
  const commits = inCycle.map((v) => commitOf(v, cycle.number, nameOf));
  const redact = opts.audience ? withheldOnce(opts.audience, opts.lang) : undefined;
  const keep = (c: ProtocolChange, run: CycleRun) => (isQiBookkeeping(c) ? undefined : redact ? redact(c, run.from.value, run.to.value) : c);
  const fromLabel = from ? versionLabelOf(from) : 'the first version';
  const toLabel = versionLabelOf(last);
  const report = qiCycleReport({
    cycle,
    fromLabel,
    toLabel,
    runs,
    commits,
    others,
    ...(opts.lang ? { lang: opts.lang } : {}),
    redact: keep,
  });
  return { cycle, from, to: last, fromLabel, toLabel, commits, others, report };
}
