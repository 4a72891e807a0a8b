/**
 * What the QI view shows: the protocol's QI cycles as a timeline, each with the commits made for it, the
 * changes each commit made (classified clinical / cultural / editorial) and the rationale — the commit
 * messages and the cycle's own record in the document — plus the printable report of one cycle.
 * Changes inside sections the programme team may not see are withheld, as in the CLI's qi-report.
 */
import type { QiCycleReportView, QiTimeline, QiTimelineCommit, QiTimelineCycle, SemanticChange } from '../contract';
import { diffProtocols, parseProtocolText, type ProtocolChange, type ReportCycle } from '../core/diff';
import { isPlainObject, localizedText } from '../core/diff/values';
import { redactChanges, type Audience } from '../core/review';
import type { VersionInfo, Workspace } from '../store/workspace';
import { qiReportFor } from './binder-facts';

const AUDIENCE: Audience = 'program_team';
/** A commit's own list stays short; the cycle report and the diff hold every change. */
const CHANGES_PER_COMMIT = 12;

function semantic(c: ProtocolChange): SemanticChange {
  return { category: c.category, ...(c.safety ? { safety: c.safety } : {}), kind: c.kind, path: c.idPath, label: c.label, summary: c.summary, note: c.note ?? null };
}

/** The `qi.cycles` records of a document by number, their prose in `lang`. */
function documentedCycles(value: unknown): Map<number, ReportCycle> {
  const qi = isPlainObject(value) ? value.qi : undefined;
  const list = isPlainObject(qi) && Array.isArray(qi.cycles) ? qi.cycles : [];
  const out = new Map<number, ReportCycle>();
  for (const c of list) if (isPlainObject(c) && typeof c.number === 'number') out.set(c.number, c as ReportCycle);
  return out;
}

const text = (v: unknown, lang: string): string | null => localizedText(v, lang) || null;

function parsed(ws: Workspace, v: VersionInfo): unknown {
  try {
    return parseProtocolText(ws.getVersion(v.id).text, `${v.protocolId}@${v.seq}`);
  } catch {
    return undefined;
  }
}

export function qiTimeline(ws: Workspace, protocolId: string, lang = 'en'): QiTimeline {
  const history = ws.history(protocolId).slice().reverse();
  const values = history.map((v) => parsed(ws, v));
  const commits: (QiTimelineCommit & { cycleIds: string[] })[] = history.map((v, i) => {
    const before = i > 0 ? values[i - 1] : undefined;
    const after = values[i];
    let changes: ProtocolChange[] = [];
    if (before !== undefined && after !== undefined) changes = redactChanges(diffProtocols(before, after), before, after, AUDIENCE, lang);
    const count = (c: SemanticChange['category']) => changes.filter((x) => x.category === c).length;
    return {
      version: v.seq,
      previous: i > 0 ? history[i - 1]!.seq : null,
      message: v.message,
      author: v.author,
      createdAt: v.createdAt,
      counts: { clinical: count('clinical'), cultural: count('cultural'), translation: count('translation'), editorial: count('editorial') },
      changes: changes.slice(0, CHANGES_PER_COMMIT).map(semantic),
      moreChanges: Math.max(0, changes.length - CHANGES_PER_COMMIT),
      cycleIds: v.qiCycleIds,
    };
  });
  const latest = values.findLast((v) => v !== undefined);
  const documented = documentedCycles(latest);
  const cycles: QiTimelineCycle[] = ws.listQiCycles(protocolId).map((c) => {
    const doc = documented.get(c.number);
    return {
      id: c.id,
      number: c.number,
      aim: c.aim,
      start: c.start,
      end: c.end,
      decision: c.decision,
      change: doc ? text(doc.change, lang) : null,
      rationale: doc ? text(doc.rationale, lang) : null,
      commits: commits.filter((x) => x.cycleIds.includes(c.id)).map(({ cycleIds: _, ...rest }) => rest),
    };
  });
  const outside = commits.filter((x) => x.cycleIds.length === 0).map(({ cycleIds: _, ...rest }) => rest);
  return { protocolId, cycles, outside };
}

/** The report of one cycle: from the previous cycle's version to the cycle's last commit. */
export function qiCycleReportView(ws: Workspace, protocolId: string, cycleId: string, lang = 'en'): QiCycleReportView {
  const cycle = ws.getQiCycle(cycleId);
  if (cycle.protocolId !== protocolId) throw Object.assign(new Error(`QI cycle ${cycleId} belongs to ${cycle.protocolId}, not ${protocolId}`), { name: 'InvalidInputError' });
  const last = ws.history(protocolId).find((v) => v.qiCycleIds.includes(cycleId));
  if (!last) throw Object.assign(new Error(`Cycle ${cycle.number} has no commits yet: commit a change for it first, then its report can be made`), { name: 'InvalidInputError' });
  const facts = qiReportFor(ws, protocolId, { versionRef: String(last.seq) }, { audience: AUDIENCE, lang });
  const report = facts?.report;
  return {
    protocolId,
    cycle: { id: cycle.id, number: cycle.number, aim: cycle.aim, start: cycle.start, end: cycle.end, decision: cycle.decision },
    fromVersion: facts?.from.seq ?? null,
    toVersion: last.seq,
    fromLabel: facts ? `${facts.from.versionLabel ? `${facts.from.versionLabel} ` : ''}(version ${facts.from.seq})` : null,
    toLabel: facts?.toLabel ?? `version ${last.seq}`,
    documented: (report?.cycles ?? []).map((c) => ({
      number: c.number ?? null,
      aim: text(c.aim, lang),
      change: text(c.change, lang),
      rationale: text(c.rationale, lang),
      decision: c.decision ?? null,
    })),
    commits: (facts?.commits ?? []).map((c) => ({ message: c.message, author: c.author, time: c.time, cycle: c.qiCycle ?? null })),
    sections: (report?.sections ?? []).map((s) => ({ category: s.category, title: s.title, changes: s.changes.map(semantic) })),
  };
}
