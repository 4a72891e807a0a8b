/**
 * Plain-JSON data exchanged between the renderer and main (Electron IPC or the loopback host).
 * Shapes here are the renderer's view; services map store/core results onto them.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  help: string;
  path: (string | number)[];
  /** 1-based lines and columns. */
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  /** The problem in plain words, without key names or codes (what the problems panel shows first). */
  plain?: string;
  /** The obvious fix, when there is one. */
  fix?: FixAction;
}

/** A fix the UI can offer beside a problem; `replace` ranges are 1-based like `range`. */
export type FixAction =
  | { kind: 'goto'; label: string }
  | { kind: 'replace'; label: string; range: Diagnostic['range']; text: string }
  | { kind: 'insert'; label: string; path: (string | number)[]; value: string };

export interface WorkspaceInfo {
  /** Absolute path of the workspace file, shown to the user. */
  path: string;
  protocolCount: number;
  /** 'electron' or 'browser': lets the UI word file actions correctly. */
  host: 'electron' | 'browser';
}

export interface ProtocolSummary {
  id: string;
  title: string;
  status: string;
  site: string | null;
  basedOn: { protocol: string; version: string } | null;
  latestVersion: number | null;
  versionLabel: string | null;
  hasDraft: boolean;
  /** ISO timestamp of the last commit or draft save. */
  updatedAt: string | null;
}

export interface TemplateSummary {
  id: string;
  title: string;
  description: string;
}

export interface DraftState {
  protocolId: string;
  text: string;
  /** Committed version the draft started from (null before the first commit). */
  baseVersion: number | null;
  /** ISO timestamp, null when the text is the latest committed version (no draft stored). */
  savedAt: string | null;
  /**
   * Set when secret/sacred content was left out of what was stored (or nothing could be stored): one short
   * note per section saying what was left out and whom to ask. `text` is then what was stored.
   */
  sacredNotes?: string[];
}

export interface VersionInfo {
  protocolId: string;
  version: number;
  message: string;
  createdAt: string;
  /** Person id (or the name recorded before the register). */
  author: string | null;
  /** `author` as people read it: the register's name. */
  authorName: string | null;
  /** The `qi.cycles` id of the cycle it was committed in. */
  qiCycleId: string | null;
  /** The `qi.cycles` ids of the cycles it was committed in or tagged with. */
  tags: string[];
  /** `metadata.versionLabel` as committed. */
  versionLabel?: string | null;
}

export interface VersionText extends VersionInfo {
  text: string;
}

/** A QI cycle as the protocol text's `qi.cycles` records it. */
export interface QiCycle {
  /** Its `qi.cycles` id. */
  id: string;
  protocolId: string;
  number: number | null;
  aim: string;
  start: string | null;
  end: string | null;
  decision?: 'adopt' | 'adapt' | 'abandon' | 'pending';
  /** True once a version was committed in or tagged with it: then its aim and start are fixed and it cannot be deleted. */
  used?: boolean;
  /** Only in the draft so far: the next commit records it. */
  draftOnly?: boolean;
}

/** The version label a commit would propose: minor for clinical or cultural changes, patch for wording and translations, major for a loosened safety limit. */
export interface VersionLabelProposal {
  /** The latest version's label (null when it states none). */
  current: string | null;
  /** The label the text states now. */
  inText: string | null;
  /** The proposed label (the current one when nothing changed or it is not a x.y.z label). */
  label: string;
  bump: 'major' | 'minor' | 'patch' | 'none';
  /** Why, in English (CLI and logs); the app words it from `bump` and `loosened`. */
  reason: string;
  /** The name of the safety limit a major bump is for (the first loosened one), else null. */
  loosened: string | null;
  counts: Record<SemanticChange['category'], number>;
}

/** One semantic change, grouped in the UI by category. */
export interface SemanticChange {
  category: 'clinical' | 'cultural' | 'editorial' | 'translation';
  /** Clinical changes to a safety limit or safeguard: relaxed or strengthened (docs/CHANGES.md). */
  safety?: 'loosened' | 'tightened';
  kind: 'added' | 'removed' | 'changed' | 'moved';
  /** Stable address, e.g. `consent.sections[touch].text`. */
  path: string;
  /** People-facing name, e.g. "Week 5 › Theme". */
  label: string;
  /** One line, e.g. "Dose route IM › Maximum: 1.2 → 1.5 mg/kg, widened". */
  summary: string;
  /** widened | narrowed | raised | lowered | shifted */
  note: string | null;
}

export interface DiffResult {
  fromLabel: string;
  toLabel: string;
  oldText: string;
  newText: string;
  changes: SemanticChange[];
}

/** Which side of a comparison: a committed version, the current draft, or the base protocol it adapts. */
export type VersionRef =
  | { kind: 'version'; protocolId: string; version: number }
  | { kind: 'draft'; protocolId: string };

export interface RebaseConflict {
  /** Stable address of the conflicting value, e.g. `medicineSessions.routes[im].max`. */
  id: string;
  label: string;
  reason: string;
  /** Each side as a YAML snippet; null when that side removed it. */
  oldBase: string | null;
  base: string | null;
  site: string | null;
}

export interface RebasePreview {
  text: string;
  conflicts: RebaseConflict[];
  /** One line per base change applied. */
  applied: string[];
  warnings: string[];
  newBase: { protocol: string; version: number; versionLabel: string | null };
}

export type ConflictChoice =
  | { id: string; take: 'site' | 'base' }
  | { id: string; take: 'edited'; text: string };

export type SignOffState = 'not_required' | 'not_requested' | 'requested' | 'approved' | 'changes_requested' | 'withheld' | 'lapsed';

export type ReviewTrack = 'cultural' | 'medical';

export interface Keeper {
  name: string;
  nation?: string;
  community?: string;
  /** elder | knowledge_keeper | cultural_advisor */
  role?: string;
}

export interface ReviewEvent {
  kind: 'requested' | 'approved' | 'changes_requested' | 'withheld' | 'comment';
  /** Who acted (person id, or the name recorded before the register): the reviewer, or whoever asked for the review. */
  who: string;
  /** `who` as people read it: the register's name. */
  whoName: string;
  role: string | null;
  /** For a request: the reviewer asked. */
  to: string | null;
  toName: string | null;
  at: string;
  note: string | null;
}

export interface ReviewSection {
  /** Section address, e.g. `cultural.blocks[opening-circle]`. */
  path: string;
  track: ReviewTrack;
  /** Where the section sits, people-worded, e.g. "Curriculum › Week 5"; the UI groups by it. */
  group: string;
  title: string;
  /** Cultural blocks this section takes its governance from (a ceremony segment's `culturalRefs`, a consent element's `blockRef`), when it has none of its own. */
  governedBy: { path: string; title: string }[];
  /** Effective sharing level (labels only tighten it) and its plain-words meaning; null when no governance applies. */
  sharing: { level: string; text: string } | null;
  keepers: Keeper[];
  labels: { label: string; name: string; text: string; communityWording: boolean }[];
  origin: { community?: string; nation?: string; territory?: string; givenOn?: string; conditions?: string } | null;
  /** True when only the keepers' placeholder is written down (secret / sacred content). */
  placeholderOnly: boolean;
  /** Plain-text paragraphs in the chosen language (never YAML). */
  paragraphs: string[];
  /** Short facts of a clinical section, e.g. {label: "Maximum", value: "1.5 mg/kg"}. */
  facts: { label: string; value: string }[];
  state: SignOffState;
  required: boolean;
  /** One line from the review model, e.g. "waiting for Elder Mary". */
  message: string;
  pendingReviewers: string[];
  /** `pendingReviewers` as people read them (the register's names). */
  pendingReviewerNames: string[];
  /** Who signed off and when; kept when the sign-off lapsed so the UI can say "Changed since approved by X on DATE". */
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  /** A keeper's withholding in force (state `withheld`): not printed or shared until a keeper approves it. */
  withheld: { by: string; byName: string; at: string; note: string | null } | null;
  /** Four eyes: whoever wrote or last changed the section (in committed versions) cannot approve it. */
  createdBy: string | null;
  lastEditedBy: string | null;
  /** The approved content against the current content, when it changed since the last approval. */
  lapsedDiff: { before: string; after: string; words: { kind: 'same' | 'added' | 'removed'; text: string }[] } | null;
  /** Requests, sign-offs, change requests and comments on this track, oldest first. */
  history: ReviewEvent[];
}

export interface ReviewStatus {
  protocolId: string;
  version: number | null;
  /** Who is using the studio (the author of drafts and commits). */
  user: string;
  /** True when the draft differs from the latest version: sign-offs apply to the committed version. */
  draftDiffers: boolean;
  sections: ReviewSection[];
}

export interface BinderProfile {
  id: string;
  title: string;
  description: string;
}

export interface BinderExport {
  path: string;
  bytes: number;
  pages: number | null;
}

export interface ExportProgress {
  jobId: string;
  phase: string;
  /** 0..1 */
  fraction: number;
  done: boolean;
  error?: string;
}

/** One rule of the catalogue, as the rule settings panel lists it. */
export interface RuleInfo {
  id: string;
  family: string;
  severity: Severity;
  title: string;
  help: string;
  /** Off unless a site switches it on. */
  optIn: boolean;
}

/** A protocol's site rule settings and what the panel shows beside them. */
export interface RuleSettingsView {
  protocolId: string;
  /** Overrides merged over `bundledReference`. */
  reference: Record<string, unknown>;
  /** Rule ids or families run even if opt-in. */
  enabled: string[];
  /** Rule ids or families never run (wins over `enabled`). */
  disabled: string[];
  /** Null while the protocol runs the bundled defaults. */
  updatedAt: string | null;
  updatedBy: string | null;
  rules: RuleInfo[];
  /** The bundled reference values (read-only), for reference. */
  bundledReference: Record<string, unknown>;
}

/** One commit on the QI timeline: its message (the rationale), who and when, and what it changed. */
export interface QiTimelineCommit {
  version: number;
  /** The version it is compared with (null for the first version). */
  previous: number | null;
  message: string;
  author: string | null;
  /** `author` as people read it: the register's name. */
  authorName: string | null;
  createdAt: string;
  counts: Record<SemanticChange['category'], number>;
  /** The first changes, classified; `moreChanges` says how many more the diff holds. */
  changes: SemanticChange[];
  moreChanges: number;
}

export interface QiTimelineCycle {
  id: string;
  number: number | null;
  aim: string;
  start: string | null;
  end: string | null;
  /** adopt | adapt | abandon | pending */
  decision: string;
  /** The cycle's change and rationale as the protocol's `qi.cycles` records them, when it does. */
  change: string | null;
  rationale: string | null;
  findings: string | null;
  used: boolean;
  /** Only in the draft so far. */
  draftOnly: boolean;
  /** Oldest first. */
  commits: QiTimelineCommit[];
}

export interface QiTimeline {
  protocolId: string;
  /** Oldest first. */
  cycles: QiTimelineCycle[];
  /** Commits made outside any cycle, oldest first. */
  outside: QiTimelineCommit[];
}

/** A commit in a QI cycle report. */
export interface QiReportCommit {
  version: number;
  message: string;
  author: string;
  /** `author` as people read it: the register's name. */
  authorName: string;
  time: string;
}

/**
 * The printable report of one QI cycle: exactly the changes committed in it (each run of consecutive
 * commits against the version before it), from the label before its first commit to its last.
 */
export interface QiCycleReportView {
  protocolId: string;
  /** The cycle as the newest committed text holding it records it. */
  cycle: {
    id: string;
    number: number | null;
    start: string | null;
    end: string | null;
    decision: string;
    aim: string | null;
    problem: string | null;
    change: string | null;
    rationale: string | null;
    findings: string | null;
  };
  fromVersion: number | null;
  toVersion: number;
  fromLabel: string;
  toLabel: string;
  /** The cycle's commits, oldest first: their messages are the rationale. */
  commits: QiReportCommit[];
  /** Commits between the cycle's first and last that were not made in it; their changes are not in `sections`. */
  others: QiReportCommit[];
  sections: { category: SemanticChange['category']; title: string; changes: SemanticChange[] }[];
}

/** Roles a person can hold in the programme (the people register). */
export type PersonRole =
  | 'medical_lead'
  | 'prescriber'
  | 'program_director'
  | 'qi_lead'
  | 'facilitator'
  | 'elder'
  | 'knowledge_keeper'
  | 'cultural_advisor'
  | 'community_leader';

/** One person of the workspace's register; records name people by `id`. */
export interface Person {
  id: string;
  name: string;
  roles: PersonRole[];
  community: string | null;
  nation: string | null;
  contact: string | null;
  createdAt: string;
}

/** Who is working in the studio now; `person` is null until someone is chosen (the UI then asks). */
export interface WorkingPerson {
  person: Person | null;
  /** The register, so the "who is working?" dialog can offer it. */
  people: Person[];
  /** False for a workspace without a register yet: the first person added becomes who is working. */
  registered: boolean;
}

/** A draft that a restore, rebase, template, import or recovery replaced; kept so it can be brought back. */
export interface ReplacedDraft {
  id: number;
  protocolId: string;
  text: string;
  baseVersion: number | null;
  /** When the replaced draft was last saved, and when it was replaced. */
  savedAt: string;
  replacedAt: string;
  reason: string;
}

/** Site setup (main/core/form): the decisions a site makes, read from the YAML text. */
export type FormScalar = string | number | boolean;
export type FormValue = FormScalar | FormScalar[];
/** `add` appends an item to a list the form adds to; `value` is the one value asked for first (a route, a name). */
export type SiteEdit =
  | { op: 'set'; path: (string | number)[]; value: FormValue }
  | { op: 'remove'; path: (string | number)[] }
  | { op: 'add'; path: (string | number)[]; value: string };

export interface SiteFormField {
  key: string;
  path: (string | number)[];
  label: string;
  help: string;
  kind: 'text' | 'integer' | 'number' | 'choice' | 'choices' | 'integers' | 'codes';
  options?: string[];
  min?: number;
  max?: number;
  value: FormValue | null;
  lang?: string;
  item?: string;
  role?: string;
  placeholder: boolean;
  problems: Diagnostic[];
  line: number;
}

export interface SiteFormList {
  key: string;
  path: (string | number)[];
  label: string;
  help: string;
  items: { key: string; path: (string | number)[]; label: string; placeholder: boolean; problems: Diagnostic[]; line: number; fields: SiteFormField[] }[];
}

/** A list the form can add an item to (core/form FormAdd). */
export interface SiteFormAdd {
  key: string;
  path: (string | number)[];
  label: string;
  owner?: string;
  choose: { label: string; help: string; kind: SiteFormField['kind']; options?: string[] };
  next: (string | number)[];
}

export interface SiteDecision {
  id: string;
  group: 'site' | 'languages' | 'schedule' | 'medicine' | 'monitoring' | 'groups' | 'screening' | 'team' | 'consent';
  label: string;
  fields: SiteFormField[];
  lists: SiteFormList[];
  adds: SiteFormAdd[];
  done: boolean;
  open: ('missing' | 'placeholder' | 'error')[];
}

export interface SiteForm {
  decisions: SiteDecision[];
  done: number;
  total: number;
  placeholders: { key: string; path: (string | number)[]; line: number; text: string; decision: string | null }[];
  languages: string[];
}

// ── sync across sites on git (issue 15) ─────────────────────────────────────────────────────────

/** Who reads a git remote: decides what a publish may write there. */
export type SyncAudience = 'public' | 'partner' | 'program_team' | 'community';

export interface SyncRemote {
  name: string;
  /** A folder path (bare repository on a shared drive) or an https URL. */
  url: string;
  branch: string;
  audience: SyncAudience;
  /** For a community remote: the community or Nation it belongs to. */
  community: string | null;
  lastFetchAt: string | null;
  lastPublishAt: string | null;
  /** The branch tip the last fetch or publish saw; null when never reached. */
  lastSeenTip: string | null;
}

/** An adaptation whose base has a newer version in this workspace (the Library's notice). */
export interface BaseMovedOn {
  protocolId: string;
  title: string;
  baseProtocolId: string;
  onSeq: number;
  newestSeq: number;
  newestLabel: string | null;
}

export interface SyncStatusView {
  remotes: SyncRemote[];
  published: { protocolId: string; remote: string; publishedSeq: number; headSeq: number; unpublished: number }[];
  subscribed: { protocolId: string; remote: string }[];
  basesMovedOn: BaseMovedOn[];
}

export interface SyncWithheld {
  key: string;
  title: string;
  level: string;
  reason: string;
  askWhom: string;
}

export interface SyncPublishView {
  remote: string;
  protocolId: string;
  /** Versions newly written (0: the remote was up to date). */
  published: number;
  total: number;
  commit: string | null;
  tags: string[];
  withheld: SyncWithheld[];
  /** More than 1 when other sites published first and this publish was rebuilt on top. */
  attempts: number;
}

export interface SyncFetchView {
  remote: string;
  tip: string | null;
  protocols: {
    protocolId: string;
    title: string;
    created: boolean;
    newVersions: { localSeq: number; localVersionId: string; label: string | null; author: string; message: string; changes: { category: string; summary: string }[] }[];
    signoffs: { sectionKey: string; reviewer: string; role: string; personId?: string; kind: string; at: string; state: 'holds' | 'lapsed' }[];
    withheld: SyncWithheld[];
    /** Why the protocol was left alone. */
    skipped?: string;
  }[];
}
