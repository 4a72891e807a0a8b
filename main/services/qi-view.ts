/**
 * What the QI view shows: the protocol's QI cycles as its text records them, each with the commits made
 * in it, the changes each commit made to the protocol (classified; the QI records themselves are the
 * cycles' own lines) and the rationale — the commit messages and the
 * cycle's own record — plus the printable report of one cycle. Changes inside sections the programme
 * team may not see are withheld, as in the CLI's qi-report.
 */
import type { QiCycleReportView, QiTimeline, QiTimelineCommit, QiTimelineCycle, SemanticChange, VersionLabelProposal } from '../contract';
import { diffProtocols, parseProtocolText, proposeVersionLabel, type ProtocolChange, type ReportCommit } from '../core/diff';
import { cycleText } from '../core/qi';
import { redactChanges, type Audience } from '../core/review';
import type { VersionInfo, Workspace } from '../store/workspace';
import { cycleReportFor, isQiBookkeeping } from './cycle-report';
import { peopleNames } from './people-names';
import { knownCycles } from './qi-cycles';

const AUDIENCE: Audience = 'program_team';
/** A commit's own list stays short; the cycle report and the diff hold every change. */
const CHANGES_PER_COMMIT = 12;

function semantic(c: ProtocolChange): SemanticChange {
  return { category: c.category, ...(c.safety ? { safety: c.safety } : {}), kind: c.kind, path: c.idPath, label: c.label, summary: c.summary, note: c.note ?? null };
}

const counts = (changes: readonly ProtocolChange[]): Record<SemanticChange['category'], number> => {
  const n = (c: SemanticChange['category']) => changes.filter((x) => x.category === c).length;
  return { clinical: n('clinical'), cultural: n('cultural'), translation: n('translation'), editorial: n('editorial') };
};

function parsed(ws: Workspace, v: VersionInfo): unknown {
  try {
    return parseProtocolText(ws.getVersion(v.id).text, `${v.protocolId}@${v.seq}`);
  } catch {
    return undefined;
  }
}

export function qiTimeline(ws: Workspace, protocolId: string, lang = 'en', reader: string | null = null): QiTimeline {
  const history = ws.history(protocolId).slice().reverse();
  const nameOf = peopleNames(ws);
  const values = history.map((v) => parsed(ws, v));
  const commits: (QiTimelineCommit & { cycleIds: string[] })[] = history.map((v, i) => {
    const before = i > 0 ? values[i - 1] : undefined;
    const after = values[i];
    let changes: ProtocolChange[] = [];
    if (before !== undefined && after !== undefined) changes = redactChanges(diffProtocols(before, after).filter((c) => !isQiBookkeeping(c)), before, after, AUDIENCE, lang);
    return {
      version: v.seq,
      previous: i > 0 ? history[i - 1]!.seq : null,
      message: v.message,
      author: v.author,
      authorName: nameOf(v.author),
      createdAt: v.createdAt,
      counts: counts(changes),
      changes: changes.slice(0, CHANGES_PER_COMMIT).map(semantic),
      moreChanges: Math.max(0, changes.length - CHANGES_PER_COMMIT),
      cycleIds: v.qiCycleIds,
    };
  });
  const cycles: QiTimelineCycle[] = knownCycles(ws, protocolId, reader).map((c) => ({
    id: c.id,
    number: c.number,
    aim: cycleText(c.aim, lang) ?? '',
    start: c.start,
    end: c.end,
    decision: c.decision,
    change: cycleText(c.change, lang),
    rationale: cycleText(c.rationale, lang),
    findings: cycleText(c.findings, lang),
    used: c.used,
    draftOnly: c.draftOnly,
    commits: commits.filter((x) => x.cycleIds.includes(c.id)).map(({ cycleIds: _, ...rest }) => rest),
  }));
  const known = new Set(cycles.map((c) => c.id));
  const outside = commits.filter((x) => !x.cycleIds.some((id) => known.has(id))).map(({ cycleIds: _, ...rest }) => rest);
  return { protocolId, cycles, outside };
}

/** The report of one cycle: exactly the changes committed in it. */
export function qiCycleReportView(ws: Workspace, protocolId: string, cycleId: string, lang = 'en'): QiCycleReportView {
  const facts = cycleReportFor(ws, protocolId, cycleId, { audience: AUDIENCE, lang });
  const c = facts.cycle;
  const commit = (x: ReportCommit) => ({ version: x.version!, message: x.message, author: x.author, authorName: x.authorName ?? x.author, time: x.time });
  return {
    protocolId,
    cycle: {
      id: c.id,
      number: c.number,
      start: c.start,
      end: c.end,
      decision: c.decision,
      aim: cycleText(c.aim, lang),
      problem: cycleText(c.problem, lang),
      change: cycleText(c.change, lang),
      rationale: cycleText(c.rationale, lang),
      findings: cycleText(c.findings, lang),
    },
    fromVersion: facts.from?.seq ?? null,
    toVersion: facts.to.seq,
    fromLabel: facts.fromLabel,
    toLabel: facts.toLabel,
    commits: facts.commits.map(commit),
    others: facts.others.map(commit),
    sections: facts.report.sections.map((s) => ({ category: s.category, title: s.title, changes: s.changes.map(semantic) })),
  };
}

/**
 * The label a commit of `text` proposes from its changes against the latest version. The label field
 * itself is left out of the changes, so a label already typed does not count as a change.
 */
export function versionLabelProposal(ws: Workspace, protocolId: string, text: string): VersionLabelProposal {
  const head = ws.head(protocolId);
  const after = parseProtocolText(text, `${protocolId} draft`);
  const before = head ? parsed(ws, head) : undefined;
  const changes = before === undefined ? [] : diffProtocols(before, after).filter((c) => c.idPath !== 'metadata.versionLabel');
  const current = head?.versionLabel ?? null;
  const inText = (after as { metadata?: { versionLabel?: unknown } } | null)?.metadata?.versionLabel;
  const p = proposeVersionLabel(current ?? '', changes);
  const loosened = changes.find((c) => c.safety === 'loosened')?.label ?? null;
  return { current, inText: typeof inText === 'string' ? inText : null, label: p.label, bump: p.bump, reason: p.reason, loosened, counts: counts(changes) };
}
