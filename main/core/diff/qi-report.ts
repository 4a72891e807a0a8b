/**
 * QI cycle report: exactly the changes committed in one cycle, grouped by category, with the rationale
 * the people wrote (the commit messages and the cycle's own aim, change and rationale in `qi.cycles`).
 * The caller passes the cycle's commits as runs of consecutive versions; each run is diffed from the
 * version before its first commit to its last, so changes made between the cycle's commits but outside
 * it are never counted. `sections` is plain data for the app and the binder.
 */
import { CATEGORY_TITLES } from './categories';
import { diffProtocols } from './diff';
import { formatMarkdown, groupByCategory, md } from './format';
import { parseProtocolText } from './parse-text';
import type { ChangeCategory, ProtocolChange } from './types';
import { localizedText } from './values';

export interface ReportSide {
  /** Version label shown to people, e.g. "3.2.0". */
  label: string;
  /** Parsed document; parsed from `text` when absent. */
  value?: unknown;
  text?: string;
}

export interface ReportCommit {
  message: string;
  author: string;
  /** `author` as people read it (the register's name); the report prints it when given. */
  authorName?: string;
  /** ISO date-time. */
  time: string;
  /** The number of the cycle it was committed in, as the text numbers it. */
  qiCycle?: number;
  /** The workspace's version number. */
  version?: number;
}

/** A QI cycle record (the shape of `qi.cycles[]`; prose may be localized). */
export interface ReportCycle {
  id?: string;
  number?: number | null;
  start?: string | null;
  end?: string | null;
  aim?: unknown;
  problem?: unknown;
  change?: unknown;
  rationale?: unknown;
  findings?: unknown;
  decision?: string;
}

/** Consecutive commits of the cycle: diffed from the version before the first to the last. */
export interface CycleRun {
  from: ReportSide;
  to: ReportSide;
}

export interface QiCycleReportInput {
  cycle: ReportCycle;
  /** The label before the cycle's first commit and after its last: the header reads "from X to Y". */
  fromLabel: string;
  toLabel: string;
  runs: CycleRun[];
  /** The cycle's commits, oldest first. */
  commits: ReportCommit[];
  /** Commits between the cycle's first and last that were not made in it (their changes are left out). */
  others?: ReportCommit[];
  lang?: string;
  /** Lets review redact or drop changes (e.g. restricted cultural text) before they are reported. */
  redact?: (change: ProtocolChange, run: CycleRun) => ProtocolChange | undefined;
}

export interface QiReportSection {
  category: ChangeCategory;
  title: string;
  changes: ProtocolChange[];
}

export interface QiCycleReport {
  markdown: string;
  sections: QiReportSection[];
  changes: ProtocolChange[];
  cycle: ReportCycle;
  rationale: ReportCommit[];
}

export function qiCycleReport(input: QiCycleReportInput): QiCycleReport {
  const changes = input.runs.flatMap((run) => {
    const found = diffProtocols(valueOf(run.from), valueOf(run.to));
    return input.redact ? found.flatMap((c) => input.redact!(c, run) ?? []) : found;
  });
  return {
    markdown: renderMarkdown(input, changes),
    sections: reportSections(changes),
    changes,
    cycle: input.cycle,
    rationale: input.commits,
  };
}

/** Changes grouped by category with their titles, in the fixed category order. */
export function reportSections(changes: readonly ProtocolChange[]): QiReportSection[] {
  return groupByCategory(changes).map((g) => ({ ...g, title: CATEGORY_TITLES[g.category] }));
}

function valueOf(side: ReportSide): unknown {
  if (side.value !== undefined) return side.value;
  if (side.text !== undefined) return parseProtocolText(side.text, side.label);
  throw new Error(`QI cycle report: version ${side.label} has neither value nor text`);
}

/** "Cycle 2" from the text's number, else its id. */
export function cycleName(c: ReportCycle): string {
  return `Cycle ${c.number ?? c.id ?? '?'}`;
}

const PROSE = [
  ['Aim', 'aim'],
  ['Problem', 'problem'],
  ['Change', 'change'],
  ['Rationale', 'rationale'],
  ['Findings', 'findings'],
] as const;

function renderMarkdown(input: QiCycleReportInput, changes: readonly ProtocolChange[]): string {
  const c = input.cycle;
  const out = [`# QI report, ${md(cycleName(c))}: from ${md(input.fromLabel)} to ${md(input.toLabel)}`, ''];
  const when = [c.start, c.end].filter(Boolean).join(' – ');
  if (when) out.push(`- Dates: ${md(when)}`);
  if (c.decision) out.push(`- Decision: ${md(c.decision)}`);
  for (const [name, key] of PROSE) {
    const text = localizedText(c[key], input.lang);
    if (text) out.push(`- ${name}: ${md(text)}`);
  }
  out.push('', '## Rationale (commits)', '');
  if (input.commits.length === 0) out.push('No commits were made in this cycle.');
  for (const x of input.commits) out.push(`- ${md(x.time)} — ${md(x.authorName ?? x.author)}${x.version !== undefined ? ` (version ${x.version})` : ''}: ${md(x.message)}`);
  const others = input.others ?? [];
  if (others.length > 0) {
    const which = others.map((o) => (o.version !== undefined ? String(o.version) : md(o.message))).join(', ');
    out.push('', `Not in this cycle: ${others.length} ${others.length === 1 ? 'commit' : 'commits'} made between these versions (${others.length === 1 ? 'version' : 'versions'} ${which}); ${others.length === 1 ? 'its' : 'their'} changes are not listed here.`);
  }
  out.push('', '## Changes made in this cycle', '', formatMarkdown(changes, 3));
  return out.join('\n');
}
