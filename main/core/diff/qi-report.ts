/**
 * QI cycle report: every change between the versions that open and close a cycle, grouped by
 * category, with the commit messages in between as the rationale. `sections` is plain data for the binder.
 */
import { CATEGORY_TITLES } from './categories';
import { diffProtocols } from './diff';
import { formatMarkdown, groupByCategory, md } from './format';
import { parseProtocolText } from './parse-text';
import type { ChangeCategory, ProtocolChange } from './types';
import { isPlainObject, localizedText } from './values';

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
  /** ISO date-time. */
  time: string;
  qiCycle?: number;
}

/** A QI cycle record (the shape of `qi.cycles[]`; prose may be localized). */
export interface ReportCycle {
  id?: string;
  number?: number;
  start?: string;
  end?: string;
  aim?: unknown;
  change?: unknown;
  rationale?: unknown;
  decision?: string;
}

export interface QiCycleReportInput {
  from: ReportSide;
  to: ReportSide;
  /** Commits between the two versions, oldest first. */
  commits: ReportCommit[];
  /** The cycles covered; by default the `to` version's `qi.cycles` named by the commits, else those new since `from`. */
  cycles?: ReportCycle[];
  /** Lets review redact or drop changes (e.g. restricted cultural text) before they are reported. */
  redact?: (change: ProtocolChange) => ProtocolChange | undefined;
}

export interface QiReportSection {
  category: ChangeCategory;
  title: string;
  changes: ProtocolChange[];
}

export interface QiCycleReport {
  markdown: string;
  sections: QiReportSection[];
  cycles: ReportCycle[];
  rationale: ReportCommit[];
}

export function qiCycleReport(input: QiCycleReportInput): QiCycleReport {
  const before = valueOf(input.from);
  const after = valueOf(input.to);
  const redact = input.redact ?? ((c: ProtocolChange) => c);
  const changes = diffProtocols(before, after).flatMap((c) => redact(c) ?? []);
  const sections = groupByCategory(changes).map((g) => ({ ...g, title: CATEGORY_TITLES[g.category] }));
  const cycles = input.cycles ?? cyclesCovered(before, after, input.commits);
  return {
    markdown: renderMarkdown(input, cycles, changes),
    sections,
    cycles,
    rationale: input.commits,
  };
}

function valueOf(side: ReportSide): unknown {
  if (side.value !== undefined) return side.value;
  if (side.text !== undefined) return parseProtocolText(side.text, side.label);
  throw new Error(`QI cycle report: version ${side.label} has neither value nor text`);
}

function cyclesOf(doc: unknown): ReportCycle[] {
  const qi = isPlainObject(doc) ? doc.qi : undefined;
  const list = isPlainObject(qi) ? qi.cycles : undefined;
  return Array.isArray(list) ? (list.filter(isPlainObject) as ReportCycle[]) : [];
}

function cyclesCovered(before: unknown, after: unknown, commits: readonly ReportCommit[]): ReportCycle[] {
  const named = new Set(commits.flatMap((c) => (c.qiCycle === undefined ? [] : [c.qiCycle])));
  const all = cyclesOf(after);
  if (named.size > 0) return all.filter((c) => c.number !== undefined && named.has(c.number));
  const known = new Set(cyclesOf(before).map((c) => c.id ?? c.number));
  return all.filter((c) => !known.has(c.id ?? c.number));
}

function renderMarkdown(input: QiCycleReportInput, cycles: readonly ReportCycle[], changes: readonly ProtocolChange[]): string {
  const out = [`# QI cycle report: from ${md(input.from.label)} to ${md(input.to.label)}`, ''];
  if (cycles.length > 0) {
    out.push('## Cycles', '');
    for (const c of cycles) {
      const when = [c.start, c.end].filter(Boolean).join(' – ');
      out.push(`- **Cycle ${md(String(c.number ?? c.id ?? '?'))}**${when ? ` (${md(when)})` : ''}${c.decision ? ` — decision: ${md(c.decision)}` : ''}`);
      for (const [name, v] of [['Aim', c.aim], ['Change', c.change], ['Rationale', c.rationale]] as const) {
        const text = localizedText(v);
        if (text) out.push(`  - ${name}: ${md(text)}`);
      }
    }
    out.push('');
  }
  out.push('## Rationale (commits)', '');
  if (input.commits.length === 0) out.push('No commits recorded between these versions.');
  for (const c of input.commits) {
    const cycle = c.qiCycle !== undefined ? ` (cycle ${c.qiCycle})` : '';
    out.push(`- ${md(c.time)} — ${md(c.author)}${cycle}: ${md(c.message)}`);
  }
  out.push('', formatMarkdown(changes, 2));
  return out.join('\n');
}
