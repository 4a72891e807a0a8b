/** Semantic diff of protocol documents, its formats, the QI cycle report and site-change summary. */
import { diffProtocols } from './diff';
import { parseProtocolText } from './parse-text';
import type { DiffOptions, ProtocolChange } from './types';

export { diffProtocols };
export type { ChangeCategory, ChangeKind, ChangeNote, DiffOptions, ProtocolChange, SafetyDirection, WordDiff } from './types';
export { CATEGORY_RULES, CATEGORY_ORDER, CATEGORY_TITLES, DEFAULT_CATEGORY, categorize, type ChangeFacts } from './categories';
export { SAFETY_RULES, safetyDirection } from './safety';
export { formatChanges, formatMarkdown, groupByCategory, type ChangeFormat, type ChangeGroup } from './format';
export { formatIdPath, parseIdPath, resolveIdPath, type IdStep } from './id-path';
export { parseProtocolText, ProtocolTextError } from './parse-text';
export { cycleName, qiCycleReport, reportSections, type CycleRun, type QiCycleReport, type QiCycleReportInput, type QiReportSection, type ReportCommit, type ReportCycle } from './qi-report';
export { siteChanges, type SiteChanges } from './site-changes';
export { wordDiff } from './words';
export { proposeVersionLabel, versionBump, type VersionBump, type VersionProposal } from './version-label';

/** Parses both YAML texts (errors carry file:line:col) and diffs them. */
export function diffTexts(oldText: string, newText: string, opts?: DiffOptions & { oldName?: string; newName?: string }): ProtocolChange[] {
  return diffProtocols(parseProtocolText(oldText, opts?.oldName ?? 'old'), parseProtocolText(newText, opts?.newName ?? 'new'), opts);
}
