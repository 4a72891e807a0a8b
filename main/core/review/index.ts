/** Cultural governance and review: sections, sharing levels and audiences, redaction, sign-offs, REV-* diagnostics. */
export { sha256Hex, type HashFn } from './hash';
export {
  findSection,
  listSections,
  normalizedSectionContent,
  requiredTracks,
  sectionContentHash,
  type ReviewTrack,
  type Section,
  type Track,
} from './sections';
export {
  AUDIENCE_MAY_SEE,
  AUDIENCES,
  askWhom,
  governanceFacts,
  isAudience,
  isSharingLevel,
  levelWords,
  SHARING_LEVELS,
  type Audience,
  type GovernanceFacts,
  type SharingLevel,
  type SharingUse,
} from './sharing';
export {
  CHANNELS,
  channelOf,
  decideDisclosure,
  DECISIONS,
  disclosureOf,
  isChannel,
  REFUSAL_MAX,
  refusalMessage,
  withholdReason,
  type Channel,
  type Decision,
  type Disclosure,
} from './disclosure';
export { assertExportAllowed, copySection, redactChanges, redactForAudience, SharingBreachError, type Redacted, type WithheldSection } from './redact';
export {
  addMonths,
  checkReviewAction,
  needsAttention,
  REVIEW_TRACKS,
  ReviewRefusedError,
  reviewStatus,
  sectionAuthorship,
  TRACK_ROLES,
  type ReviewAction,
  type ReviewActionInput,
  type ReviewEventRecord,
  type ReviewRecords,
  type ReviewRequestRecord,
  type ReviewState,
  type ReviewStatusOptions,
  type SectionAuthorship,
  type SectionReviewStatus,
  type SignoffRef,
} from './signoff';
export { REVIEW_RULES, reviewDiagnostics } from './diagnostics';
export { TK_LABELS, tkLabel, type TkLabelInfo } from './tk-labels';
