/** Input of the binder renderer: what to print, for whom, and the facts that live outside the document. */
import type { ProtocolChange } from '../diff/types';
import type { QiReportSection, ReportCommit } from '../diff/qi-report';
import type { SectionReviewStatus } from '../review';
import type { BinderProfile, ProfileName } from './profiles';

export interface BinderVersion {
  label: string;
  number?: number;
  id?: string;
  committedAt?: string;
  author?: string;
  status: string;
  qiCycle?: number;
}

export interface Signoff {
  role: string;
  name?: string;
  date?: string;
}

export interface BinderInput {
  /** The parsed protocol document (may be schema-invalid: read defensively). */
  value: unknown;
  profile: BinderProfile | ProfileName;
  lang: string;
  version: BinderVersion;
  /** Changes since the previous QI cycle (`qiCycleReport(...).sections`); redacted again here for the audience. */
  changeLog?: Pick<QiReportSection, 'category' | 'changes'>[];
  /** The version the change log starts from: its label, and its value so changes inside sections withheld there are withheld too. */
  previous?: { label: string; value?: unknown };
  /** Commit messages between the two versions, shown as the reasons for the changes. */
  changeLogCommits?: ReportCommit[];
  /** `siteChanges(base, site).changes`, with the base it was computed against. */
  siteChanges?: ProtocolChange[];
  base?: { label: string; value?: unknown };
  /** `reviewStatus(...)` from the review records; computed from the document alone when absent. */
  reviewStatus?: SectionReviewStatus[];
  signoffs?: Signoff[];
  /** Page of each contents entry, by anchor id (filled by the second print pass). */
  tocPages?: Record<string, number>;
  /** ISO timestamp printed on the cover and in the page stamp. */
  generatedAt: string;
  /** `@font-face` rules (built by the print layer, which can read font files). */
  fontCss?: string;
  paper?: 'letter' | 'a4';
}
