/**
 * The one renderer ↔ main contract. The renderer imports only types from here; main validates every
 * input with `validateArgs` before calling the service (IPC and the loopback host alike).
 */
import { array, bool, ContractError, fieldWords, int, json, literal, MAX_TEXT, obj, optional, str, union, type Check } from './schema';
import type {
  SiteEdit,
  SiteForm,
  SyncFetchView,
  SyncPublishView,
  SyncStatusView,
  BinderExport,
  BinderProfile,
  ConflictChoice,
  DiffResult,
  Diagnostic,
  DraftState,
  ExportProgress,
  Person,
  PersonRole,
  ProtocolSummary,
  QiCycle,
  QiCycleReportView,
  QiTimeline,
  VersionLabelProposal,
  RebasePreview,
  ReplacedDraft,
  ReviewStatus,
  ReviewTrack,
  RuleSettingsView,
  TemplateSummary,
  VersionInfo,
  VersionRef,
  VersionText,
  WorkingPerson,
  WorkspaceInfo,
} from './types';

export * from './types';
export { ContractError } from './schema';

/**
 * A text given as a change to one main already holds: `insert` replaces `remove` characters at `at` of
 * the text named `base`, giving a text of `length` characters (a check that both sides agree).
 */
export interface TextEdit {
  base: string;
  at: number;
  remove: number;
  insert: string;
  length: number;
}

export interface StudioApi {
  workspaceInfo(): Promise<WorkspaceInfo>;
  listProtocols(): Promise<ProtocolSummary[]>;
  listTemplates(): Promise<TemplateSummary[]>;
  /** New protocol from a bundled template. */
  createFromTemplate(a: { templateId: string; protocolId: string; title?: string }): Promise<ProtocolSummary>;
  /** New protocol from a YAML file's text (File › Import…), checked by the input gate; its history starts there. */
  importProtocol(a: { text: string; fileName: string; protocolId?: string }): Promise<ProtocolSummary>;
  /** New site protocol adapting a committed version of another. */
  createAdaptation(a: {
    baseProtocolId: string;
    baseVersion: number;
    protocolId: string;
    siteName: string;
    jurisdiction?: string;
  }): Promise<ProtocolSummary>;
  /** The text to edit: the stored draft, else the latest version. */
  openDraft(a: { protocolId: string }): Promise<DraftState>;
  saveDraft(a: { protocolId: string; text: string }): Promise<DraftState>;
  /**
   * With `protocolId`, the protocol's site rule settings apply (reference overrides, rules on/off). The text
   * comes whole, or as an `edit` of a text an earlier answer named (`textId`), so a keystroke does not send
   * the whole protocol again; an edit of a text main no longer holds fails with `StaleTextError`.
   */
  validate(a: { text?: string; edit?: TextEdit; protocolId?: string }): Promise<{ diagnostics: Diagnostic[]; textId: string }>;
  /** The protocol's rule settings, with the rule catalogue and bundled reference values to show beside them. */
  getRuleSettings(a: { protocolId: string }): Promise<RuleSettingsView>;
  /** Replaces the protocol's rule settings (checked against the catalogue and reference values; audited). */
  setRuleSettings(a: { protocolId: string; reference: Record<string, unknown>; enabled: string[]; disabled: string[] }): Promise<RuleSettingsView>;
  /**
   * Commits `text` as the next version, by who is working. `qiCycleId` is a `qi.cycles` id the text holds;
   * `newQiCycle` adds the cycle to the text and `versionLabel` writes `metadata.versionLabel`, both in the
   * commit's transaction, so a refused commit (text failing the input gate, a conflict, nothing to commit)
   * leaves no version, no cycle and the draft as it was. The committed text is returned with the version.
   */
  commit(a: {
    protocolId: string;
    text: string;
    message: string;
    qiCycleId?: string;
    newQiCycle?: { aim: string; start?: string; end?: string };
    versionLabel?: string;
    expectedBase?: number | null;
  }): Promise<VersionText>;
  /** The version label a commit of `text` would propose, from the kinds of its changes against the latest version. */
  proposeVersionLabel(a: { protocolId: string; text: string }): Promise<VersionLabelProposal>;
  history(a: { protocolId: string }): Promise<VersionInfo[]>;
  getVersion(a: { protocolId: string; version: number }): Promise<VersionText>;
  /** Makes a version's text the current draft; the draft it replaces is kept (`replacedDrafts`). */
  restoreVersion(a: { protocolId: string; version: number }): Promise<DraftState>;
  /** Drafts of who is working that a restore, rebase, template or recovery replaced, newest first. */
  replacedDrafts(a: { protocolId: string }): Promise<ReplacedDraft[]>;
  /** Brings a replaced draft back as the current draft (the current one is kept in turn). */
  recoverDraft(a: { protocolId: string; id: number }): Promise<DraftState>;
  /** The protocol's QI cycles as its text records them (the draft of who is working, else the latest version). */
  listQiCycles(a: { protocolId: string }): Promise<QiCycle[]>;
  /** Adds a cycle to the draft's `qi.cycles` (the next commit carries it). */
  createQiCycle(a: { protocolId: string; aim: string; start?: string; end?: string }): Promise<QiCycle>;
  /**
   * Edits a cycle in the draft. Aim and start change only while no version cites the cycle (`QiCycle.used`); end,
   * decision and findings any time. `end: null` reopens a closed cycle (its end date removed).
   */
  updateQiCycle(a: { protocolId: string; cycleId: string; aim?: string; start?: string; end?: string | null; decision?: 'adopt' | 'adapt' | 'abandon' | 'pending'; findings?: string }): Promise<QiCycle>;
  /** Removes from the draft a cycle no version cites. */
  deleteQiCycle(a: { protocolId: string; cycleId: string }): Promise<{ deleted: string }>;
  /** The people register and who is working now. */
  whoIsWorking(): Promise<WorkingPerson>;
  /** Chooses who is working (a person id); every later action is recorded as theirs. */
  setWorkingPerson(a: { personId: string }): Promise<WorkingPerson>;
  listPeople(): Promise<Person[]>;
  /** Adds a person to the register, by who is working (the first person of a workspace adds themselves and becomes who is working). */
  addPerson(a: { name: string; roles: PersonRole[]; community?: string; nation?: string; contact?: string; id?: string }): Promise<Person>;
  /** The QI cycles as a timeline: their commits, classified changes and rationale. */
  qiTimeline(a: { protocolId: string; language?: string }): Promise<QiTimeline>;
  /** The printable report of one QI cycle. */
  qiCycleReport(a: { protocolId: string; cycleId: string; language?: string }): Promise<QiCycleReportView>;
  diff(a: { from: VersionRef; to: VersionRef }): Promise<DiffResult>;
  /** Site adaptation against the base version it was made from. */
  diffAgainstBase(a: { protocolId: string }): Promise<DiffResult>;
  rebasePreview(a: { protocolId: string; newBaseVersion: number }): Promise<RebasePreview>;
  /** Applies conflict choices to a preview and stores the result as the draft. */
  rebaseResolve(a: { protocolId: string; newBaseVersion: number; choices: ConflictChoice[] }): Promise<DraftState>;
  reviewStatus(a: { protocolId: string; language?: string }): Promise<ReviewStatus>;
  /**
   * `reviewer` is the person asked (id or name; in a workspace with a register it must be in it); `role` is
   * the reviewer's: elder, knowledge_keeper or cultural_advisor on the cultural track; a clinical role on the medical track.
   */
  requestReview(a: { protocolId: string; sectionPath: string; track?: ReviewTrack; reviewer: string; role: ReviewerRole; note?: string }): Promise<ReviewStatus>;
  /**
   * Signs off as who is working. With a register, `reviewer` (if given) must be who is working, and the sign-off
   * is refused (error name `ReviewRefusedError`) unless their roles fit the track: medical — medical lead or
   * prescriber; cultural — a keeper named in the section's governance, or an Elder or knowledge keeper of its community.
   */
  approve(a: { protocolId: string; sectionPath: string; track?: ReviewTrack; reviewer?: string; role?: ReviewerRole; note?: string }): Promise<ReviewStatus>;
  requestChanges(a: { protocolId: string; sectionPath: string; track?: ReviewTrack; reviewer?: string; role?: ReviewerRole; note: string }): Promise<ReviewStatus>;
  /** A keeper withholds a cultural section: not printed or shared until a keeper of it approves it. */
  withhold(a: { protocolId: string; sectionPath: string; track?: ReviewTrack; reviewer?: string; role?: ReviewerRole; note: string }): Promise<ReviewStatus>;
  comment(a: { protocolId: string; sectionPath: string; track?: ReviewTrack; author: string; text: string }): Promise<ReviewStatus>;
  binderProfiles(): Promise<BinderProfile[]>;
  binderPreview(a: { protocolId: string; version?: number; profile: string; language: string }): Promise<{ html: string }>;
  /** Progress arrives through `StudioEvents.onExportProgress` with the same jobId. */
  exportBinder(a: { protocolId: string; version?: number; profile: string; language: string; jobId: string }): Promise<BinderExport>;
  /** The site-setup form of a text: each site decision, its fields, problems and open placeholders. */
  siteForm(a: { text: string; protocolId?: string }): Promise<SiteForm>;
  /** Form edits written into the text through its YAML nodes (comments and key order kept); returns the new text. */
  editSite(a: { text: string; edits: SiteEdit[] }): Promise<{ text: string }>;
  /** Git remotes, how far each protocol is published, adaptations whose base moved on (no network). */
  syncStatus(): Promise<SyncStatusView>;
  /** Adds a git remote; `create` makes an empty bare repository at a folder path first. */
  syncAddRemote(a: { name: string; url: string; audience: SyncAudienceArg; branch?: string; community?: string; create?: boolean }): Promise<SyncStatusView>;
  /** Publishes the protocol's versions the remote lacks; progress through `onExportProgress` with `jobId`. Refused (SharingBreachError) before anything is written. */
  syncPublish(a: { protocolId: string; remote: string; jobId: string }): Promise<SyncPublishView>;
  /** Fetches the remote's protocols: new versions with classified changes, sign-offs checked; progress as for publish. */
  syncFetch(a: { remote: string; protocolId?: string; jobId: string }): Promise<SyncFetchView>;
}

/** Push events from main (IPC `studio:event` or the host's server-sent events). */
export interface StudioEvents {
  onExportProgress(listener: (p: ExportProgress) => void): () => void;
  /** Menu commands in Electron (save, commit, export…); never fired in the browser host. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export type MenuCommand = 'new-protocol' | 'import-protocol' | 'save-draft' | 'commit' | 'export-binder' | 'workspace-changed';

/** What `window.studio` provides. */
export type StudioBridge = StudioApi & StudioEvents;

export type MethodName = keyof StudioApi;

export const PERSON_ROLES: readonly PersonRole[] = [
  'medical_lead',
  'prescriber',
  'program_director',
  'qi_lead',
  'facilitator',
  'elder',
  'knowledge_keeper',
  'cultural_advisor',
  'community_leader',
];

export const REVIEWER_ROLES = ['elder', 'knowledge_keeper', 'cultural_advisor', 'medical_lead', 'clinical_lead', 'prescriber', 'psychiatrist', 'registered_nurse'] as const;
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];

export const SYNC_AUDIENCES = ['public', 'partner', 'program_team', 'community'] as const;
export type SyncAudienceArg = (typeof SYNC_AUDIENCES)[number];

const id = str(120, { pattern: /^[a-z0-9][a-z0-9-]*$/, min: 1, hint: 'may use only lowercase letters a–z, digits and hyphens, starting with a letter or digit' });
const name = str(200, { min: 1 });
const version = int(1, 1_000_000);
const sectionPath = str(400, { min: 1 });
const role = literal(...REVIEWER_ROLES);
const track = optional(literal('cultural', 'medical'));
const lang = str(35, { pattern: /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, hint: 'must be a language code such as en, fr or ja' });
const date = str(40, { pattern: /^\d{4}-\d{2}-\d{2}/, hint: 'must be a date written YYYY-MM-DD' });
const versionRef = union('kind', {
  version: obj({ kind: literal('version'), protocolId: id, version }),
  draft: obj({ kind: literal('draft'), protocolId: id }),
});
const choice = union('take', {
  site: obj({ id: str(200), take: literal('site') }),
  base: obj({ id: str(200), take: literal('base') }),
  edited: obj({ id: str(200), take: literal('edited'), text: str(MAX_TEXT) }),
});
const none = obj({});
/** A form edit's path: keys and language codes, or list positions. */
const pathSegment: Check = (v, where) => (typeof v === 'number' ? int(0, 100_000)(v, where) : str(80, { pattern: /^[A-Za-z][A-Za-z0-9_-]*$/ })(v, where));
const formScalar: Check = (v, where) => {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ContractError(`${fieldWords(where)} must be a finite number.`, where);
  if (typeof v !== 'number' && typeof v !== 'boolean') str(50_000)(v, where);
};
const formValue: Check = (v, where) => (Array.isArray(v) ? array(formScalar, 500)(v, where) : formScalar(v, where));
const formPath = array(pathSegment, 32);
const siteEdit = union('op', {
  set: obj({ op: literal('set'), path: formPath, value: formValue }),
  remove: obj({ op: literal('remove'), path: formPath }),
  add: obj({ op: literal('add'), path: formPath, value: str(200) }),
});
const personId = str(80, { pattern: /^[a-z0-9][a-z0-9._-]*$/, min: 1 });
const personField = optional(str(200));
/** A rule id (DOSE-01) or family (dose); the service checks it against the catalogue. */
/** A git remote's name, as `sync remote add` takes it. */
const remoteName = str(40, { pattern: /^[a-z0-9][a-z0-9._-]*$/, min: 1, hint: 'may use only lowercase letters, digits, ".", "_" and "-"' });
const ruleName = str(60, { pattern: /^[A-Za-z][A-Za-z0-9_-]*$/, hint: 'must be a rule code such as DOSE-01 or a family such as dose' });

/** Argument schema per method; the keys double as the method list for the preload and the HTTP client. */
export const ARG_SCHEMAS: Record<MethodName, Check> = {
  workspaceInfo: none,
  listProtocols: none,
  listTemplates: none,
  createFromTemplate: obj({ templateId: id, protocolId: id, title: optional(name) }),
  importProtocol: obj({ text: str(MAX_TEXT), fileName: str(260, { min: 1 }), protocolId: optional(id) }),
  createAdaptation: obj({
    baseProtocolId: id,
    baseVersion: version,
    protocolId: id,
    siteName: name,
    jurisdiction: optional(str(20)),
  }),
  openDraft: obj({ protocolId: id }),
  saveDraft: obj({ protocolId: id, text: str(MAX_TEXT) }),
  validate: obj({
    text: optional(str(MAX_TEXT)),
    edit: optional(obj({ base: str(40, { min: 1 }), at: int(0, MAX_TEXT), remove: int(0, MAX_TEXT), insert: str(MAX_TEXT), length: int(0, MAX_TEXT) })),
    protocolId: optional(id),
  }),
  getRuleSettings: obj({ protocolId: id }),
  setRuleSettings: obj({ protocolId: id, reference: json(64_000), enabled: array(ruleName, 500), disabled: array(ruleName, 500) }),
  commit: obj({
    protocolId: id,
    text: str(MAX_TEXT),
    message: str(2_000, { min: 1 }),
    qiCycleId: optional(str(120)),
    newQiCycle: optional(obj({ aim: str(2_000, { min: 1 }), start: optional(date), end: optional(date) })),
    versionLabel: optional(str(100, { min: 1 })),
    expectedBase: optional(version),
  }),
  proposeVersionLabel: obj({ protocolId: id, text: str(MAX_TEXT) }),
  history: obj({ protocolId: id }),
  getVersion: obj({ protocolId: id, version }),
  restoreVersion: obj({ protocolId: id, version }),
  replacedDrafts: obj({ protocolId: id }),
  recoverDraft: obj({ protocolId: id, id: int(1) }),
  listQiCycles: obj({ protocolId: id }),
  createQiCycle: obj({ protocolId: id, aim: str(2_000, { min: 1 }), start: optional(date), end: optional(date) }),
  updateQiCycle: obj({
    protocolId: id,
    cycleId: str(120, { min: 1 }),
    aim: optional(str(2_000, { min: 1 })),
    start: optional(date),
    end: optional(date),
    decision: optional(literal('adopt', 'adapt', 'abandon', 'pending')),
    findings: optional(str(4_000)),
  }),
  deleteQiCycle: obj({ protocolId: id, cycleId: str(120, { min: 1 }) }),
  whoIsWorking: none,
  setWorkingPerson: obj({ personId }),
  listPeople: none,
  addPerson: obj({
    name: str(200, { min: 1 }),
    roles: array(literal(...PERSON_ROLES), PERSON_ROLES.length),
    community: personField,
    nation: personField,
    contact: personField,
    id: optional(personId),
  }),
  qiTimeline: obj({ protocolId: id, language: optional(lang) }),
  qiCycleReport: obj({ protocolId: id, cycleId: str(120, { min: 1 }), language: optional(lang) }),
  diff: obj({ from: versionRef, to: versionRef }),
  diffAgainstBase: obj({ protocolId: id }),
  rebasePreview: obj({ protocolId: id, newBaseVersion: version }),
  rebaseResolve: obj({ protocolId: id, newBaseVersion: version, choices: array(choice, 10_000) }),
  reviewStatus: obj({ protocolId: id, language: optional(lang) }),
  requestReview: obj({ protocolId: id, sectionPath, track, reviewer: name, role, note: optional(str(4_000)) }),
  approve: obj({ protocolId: id, sectionPath, track, reviewer: optional(name), role: optional(role), note: optional(str(4_000)) }),
  requestChanges: obj({ protocolId: id, sectionPath, track, reviewer: optional(name), role: optional(role), note: str(4_000, { min: 1 }) }),
  withhold: obj({ protocolId: id, sectionPath, track, reviewer: optional(name), role: optional(role), note: str(4_000, { min: 1 }) }),
  comment: obj({ protocolId: id, sectionPath, track, author: name, text: str(4_000, { min: 1 }) }),
  binderProfiles: none,
  binderPreview: obj({ protocolId: id, version: optional(version), profile: id, language: lang }),
  exportBinder: obj({ protocolId: id, version: optional(version), profile: id, language: lang, jobId: str(80, { min: 1 }) }),
  siteForm: obj({ text: str(MAX_TEXT), protocolId: optional(id) }),
  editSite: obj({ text: str(MAX_TEXT), edits: array(siteEdit, 200) }),
  syncStatus: none,
  syncAddRemote: obj({
    name: remoteName,
    url: str(2_000, { min: 1 }),
    audience: literal(...SYNC_AUDIENCES),
    branch: optional(str(100, { pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/, min: 1, hint: 'must be a branch name such as main' })),
    community: optional(str(200, { min: 1 })),
    create: optional(bool),
  }),
  syncPublish: obj({ protocolId: id, remote: remoteName, jobId: str(80, { min: 1 }) }),
  syncFetch: obj({ remote: remoteName, protocolId: optional(id), jobId: str(80, { min: 1 }) }),
};

export const METHOD_NAMES = Object.keys(ARG_SCHEMAS) as MethodName[];

export function isMethodName(m: unknown): m is MethodName {
  return typeof m === 'string' && Object.prototype.hasOwnProperty.call(ARG_SCHEMAS, m);
}

/**
 * Checks a call's arguments: every method takes zero or one object argument.
 * Returns the single argument (or `{}`) so callers pass exactly what was checked.
 */
export function validateArgs(method: unknown, args: unknown): { method: MethodName; arg: Record<string, unknown> } {
  if (!isMethodName(method)) throw new ContractError(`unknown method ${JSON.stringify(String(method).slice(0, 60))}`);
  if (!Array.isArray(args)) throw new ContractError(`${method}: arguments must be an array`);
  if (args.length > 1) throw new ContractError(`${method}: takes at most one argument`);
  const arg = args.length === 0 || args[0] === undefined ? {} : args[0];
  ARG_SCHEMAS[method](arg, method);
  return { method, arg: arg as Record<string, unknown> };
}
