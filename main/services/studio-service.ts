/**
 * StudioService: the StudioApi on top of the workspace store and the domain core. No Electron here:
 * the Electron IPC layer and the loopback browser host both call it, after validating inputs with the
 * contract's schemas (`call` validates again, so a direct caller cannot skip the checks).
 */
import { dirname, join, resolve } from 'node:path';
import { stripSacredContent, strippedNote } from '../core/review/sacred';
import {
  ContractError,
  validateArgs,
  type BinderExport,
  type BinderProfile,
  type ConflictChoice,
  type DiffResult,
  type DraftState,
  type ExportProgress,
  type MethodName,
  type Person,
  type PersonRole,
  type ProtocolSummary,
  type QiCycle,
  type QiCycleReportView,
  type QiTimeline,
  type ReviewerRole,
  type RebasePreview,
  type ReplacedDraft,
  type ReviewStatus,
  type ReviewTrack,
  type RuleSettingsView,
  type SiteEdit,
  type StudioApi,
  type SyncFetchView,
  type SyncPublishView,
  type SyncStatusView,
  type TextEdit,
  type VersionInfo,
  type VersionRef,
  type VersionLabelProposal,
  type VersionText,
  type WorkingPerson,
  type WorkspaceInfo,
} from '../contract';
import { DEFAULT_REFERENCE, listRules } from '../core/rules';
import { validateParsed, validateText, type ValidateOptions } from '../core/validate';
import { parseProtocolShared } from '../core/parse';
import { diffTexts } from '../core/diff';
import { cycleText } from '../core/qi';
import { compareDiagnostics } from '../core/diagnostics/diagnostic';
import { unregisteredKeeperDiagnostics, type Person as StorePerson } from '../core/people';
import { textCycleId } from '../store/cycle-keys';
import type { ReplacedDraft as StoreReplacedDraft } from '../store/draft-history';
import { Workspace, type Draft, type RuleSettings, type VersionInfo as StoreVersion } from '../store/workspace';
import { listTemplates, readTemplate } from '../templates';
import type { PrintFn } from '../pdf';
import { binderFileName, binderProfiles, exportBinder, renderBinderHtml } from './binder';
import { rebasePreview, rebaseResolve } from './rebase';
import { importProtocol } from './import';
import { changeCycle, createCycle, deleteCycle, knownCycles, type KnownCycle } from './qi-cycles';
import { peopleNames, type NameOf } from './people-names';
import { qiCycleReportView, qiTimeline, versionLabelProposal } from './qi-view';
import { ReviewService } from './review';
import { RecentTexts } from './recent-texts';
import { editSite, setSite, siteForm, withPlainWords } from './site-edit';
import { syncAddRemoteFor, syncFetchFor, syncPublishFor, syncStatusView, type SyncEmit } from './sync';

export interface StudioServiceOptions {
  workspacePath: string;
  host: WorkspaceInfo['host'];
  /**
   * Who edits in a workspace without a people register (drafts are kept per author); default "Studio user".
   * Never the OS account. Once the workspace has a register, who is working is chosen from it (`setWorkingPerson`).
   */
  author?: string;
  /** Person id to start as, when the workspace has a register (e.g. the last person on this machine). */
  personId?: string;
  /** HTML → PDF bytes; Electron uses printToPDF, the browser host system Chromium. */
  printPdf?: PrintFn;
  exportDir?: string;
  /** better-sqlite3 binary built for Electron. */
  nativeBinding?: string;
}

export class StudioService implements StudioApi {
  private readonly listeners = new Set<(p: ExportProgress) => void>();
  private readonly review: ReviewService;
  /** Validation options per protocol: validation runs on every keystroke, so settings are read once and kept until set. */
  private readonly ruleOptions = new Map<string, ValidateOptions>();
  /** Texts validate has checked, so the editor can send the next one as a change (recent-texts.ts). */
  private readonly checkedTexts = new RecentTexts();

  /** The person id of who is working, once chosen. */
  private workingId: string | null = null;

  private constructor(
    readonly ws: Workspace,
    private readonly opts: StudioServiceOptions,
  ) {
    this.review = new ReviewService(ws, () => this.author);
    if (opts.personId && ws.hasRegister()) this.workingId = ws.getPerson(opts.personId).id;
  }

  static async open(opts: StudioServiceOptions): Promise<StudioService> {
    const ws = Workspace.open(resolve(opts.workspacePath), opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    return new StudioService(ws, opts);
  }

  /**
   * Who acts: the id of who is working. In a workspace without a register, the name the studio was started
   * with. With a register and nobody chosen, writing is refused until someone is (the UI asks "who is working?").
   */
  get author(): string {
    if (!this.ws.hasRegister()) return this.opts.author ?? 'Studio user';
    if (this.workingId === null) throw Object.assign(new Error('who is working? Choose yourself from the people register first'), { name: 'WhoIsWorkingError' });
    return this.workingId;
  }

  /** Who is working for reading (whose draft to show); null when nobody is chosen yet. */
  private get reader(): string | null {
    return this.ws.hasRegister() ? this.workingId : (this.opts.author ?? 'Studio user');
  }

  close(): void {
    this.ws.close();
  }

  /** Validates `arg` against the contract and runs the method: the one entry point for both shells. */
  async call(method: MethodName, arg: unknown): Promise<unknown> {
    const checked = validateArgs(method, arg === undefined ? [] : [arg]);
    const fn = this[checked.method] as (a: unknown) => Promise<unknown>;
    return fn.call(this, checked.arg);
  }

  onExportProgress(listener: (p: ExportProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── workspace and protocols ─────────────────────────────────────────────────────────────────

  async workspaceInfo(): Promise<WorkspaceInfo> {
    return { path: resolve(this.ws.file), protocolCount: this.ws.listProtocols().length, host: this.opts.host };
  }

  async listProtocols(): Promise<ProtocolSummary[]> {
    return this.ws.listProtocols().map((p) => this.summary(p.id));
  }

  async listTemplates() {
    return listTemplates().map((t) => ({
      id: t.id,
      title: t.title,
      description: [t.format === 'group' ? 'Group programme' : 'Individual programme', t.weeks ? `${t.weeks} weeks` : null, t.medicine].filter(Boolean).join(' · '),
    }));
  }

  async createFromTemplate(a: { templateId: string; protocolId: string; title?: string }): Promise<ProtocolSummary> {
    const text = readTemplate(a.templateId);
    const p = this.ws.createProtocol({ template: { id: a.templateId, text }, id: a.protocolId, title: a.title, author: this.author });
    return this.summary(p.id);
  }

  async importProtocol(a: { text: string; fileName: string; protocolId?: string }): Promise<ProtocolSummary> {
    return this.summary(importProtocol(this.ws, this.author, a));
  }

  async createAdaptation(a: { baseProtocolId: string; baseVersion: number; protocolId: string; siteName: string; jurisdiction?: string }): Promise<ProtocolSummary> {
    const base = this.ws.findVersion(a.baseProtocolId, String(a.baseVersion));
    const baseTitle = this.ws.getProtocol(a.baseProtocolId).title;
    const p = this.ws.createProtocol({
      base: { protocolId: a.baseProtocolId, versionId: base.id },
      id: a.protocolId,
      title: `${baseTitle} — ${a.siteName}`,
      author: this.author,
    });
    // The adaptation starts as the base text; record the new site as its first change of its own.
    const head = this.ws.head(p.id)!;
    const baseText = this.ws.getVersion(head.id).text;
    const text = setSite(baseText, { name: a.siteName, jurisdiction: a.jurisdiction });
    if (text !== baseText) {
      this.ws.saveDraft(p.id, text, { author: this.author, parentVersionId: head.id });
      this.ws.commit(p.id, { author: this.author, message: `Site details for ${a.siteName}`, expectedParentId: head.id });
    }
    return this.summary(p.id);
  }

  private summary(id: string): ProtocolSummary {
    const p = this.ws.getProtocol(id);
    let basedOn: ProtocolSummary['basedOn'] = null;
    if (p.base) {
      const seq = this.ws.findVersion(p.base.protocolId, p.base.versionId).seq;
      basedOn = { protocol: p.base.protocolId, version: String(seq) };
    }
    return {
      id: p.id,
      title: p.title,
      status: p.status ?? 'draft',
      site: p.siteName,
      basedOn,
      latestVersion: p.headSeq,
      versionLabel: p.versionLabel,
      hasDraft: this.reader !== null && p.draftAuthors.includes(this.reader),
      updatedAt: p.lastChange,
    };
  }

  // ── drafts, validation, commits ─────────────────────────────────────────────────────────────

  async openDraft(a: { protocolId: string }): Promise<DraftState> {
    const draft = this.reader === null ? null : this.ws.getDraft(a.protocolId, this.reader);
    if (draft) return this.draftState(draft);
    const head = this.ws.head(a.protocolId);
    return { protocolId: a.protocolId, text: head ? this.ws.getVersion(head.id).text : '', baseVersion: head?.seq ?? null, savedAt: null };
  }

  async saveDraft(a: { protocolId: string; text: string }): Promise<DraftState> {
    return this.writeDraft(a.protocolId, a.text);
  }

  /** Saves the author's draft on its current parent; `rebasedOnto` marks a draft that took in a newer base. */
  private writeDraft(protocolId: string, text: string, rebasedOnto?: string): DraftState {
    const existing = this.ws.getDraft(protocolId, this.author);
    const parent = existing?.parentVersionId ?? this.ws.head(protocolId)?.id ?? null;
    // Secret/sacred content is never stored: save the rest of the edit and say what was left out.
    const sacred = stripSacredContent(text);
    if (sacred.text === null) {
      const kept = existing ? this.draftState(existing) : { protocolId, text: '', baseVersion: null, savedAt: null };
      return { ...kept, sacredNotes: [`Not saved: ${sacred.refused}. The last saved draft is kept.`] };
    }
    const saved = this.draftState(this.ws.saveDraft(protocolId, sacred.text, { author: this.author, parentVersionId: parent, rebasedOnto }));
    return sacred.stripped.length ? { ...saved, sacredNotes: sacred.stripped.map(strippedNote) } : saved;
  }

  private draftState(d: Draft): DraftState {
    const baseVersion = d.parentVersionId ? this.ws.getVersion(d.parentVersionId).seq : null;
    return { protocolId: d.protocolId, text: d.text, baseVersion, savedAt: d.updatedAt };
  }

  async validate(a: { text?: string; edit?: TextEdit; protocolId?: string }) {
    if ((a.text === undefined) === (a.edit === undefined)) throw new ContractError('validate: give either the text or an edit of a text, not both');
    const text = a.edit ? this.checkedTexts.apply(a.edit) : a.text!;
    // Shared with the autosave's sacred-content strip, which follows with the same text.
    const { diagnostics, parsed } = validateParsed(parseProtocolShared(text), a.protocolId ? this.validateOptions(a.protocolId) : {});
    // Keepers named in governance that the people register does not know (a warning where the name is written).
    if (this.ws.hasRegister()) diagnostics.push(...unregisteredKeeperDiagnostics(parsed, this.ws.listPeople()));
    diagnostics.sort(compareDiagnostics);
    return { diagnostics: withPlainWords(diagnostics, parsed.value), textId: this.checkedTexts.remember(text) };
  }

  async siteForm(a: { text: string; protocolId?: string }) {
    // The same keeper warnings as validate gives, beside the keepers' fields.
    return siteForm(a.text, a.protocolId ? this.validateOptions(a.protocolId) : {}, (parsed) =>
      this.ws.hasRegister() ? unregisteredKeeperDiagnostics(parsed, this.ws.listPeople()) : [],
    );
  }

  async editSite(a: { text: string; edits: SiteEdit[] }) {
    return editSite(a.text, a.edits);
  }

  // ── sync across sites on git ────────────────────────────────────────────────────────────────

  async syncStatus(): Promise<SyncStatusView> {
    return syncStatusView(this.ws);
  }

  async syncAddRemote(a: Parameters<StudioApi['syncAddRemote']>[0]): Promise<SyncStatusView> {
    return syncAddRemoteFor(this.ws, a, this.author);
  }

  async syncPublish(a: { protocolId: string; remote: string; jobId: string }): Promise<SyncPublishView> {
    return syncPublishFor(this.ws, a, this.author, this.progressFor(a.jobId));
  }

  async syncFetch(a: { remote: string; protocolId?: string; jobId: string }): Promise<SyncFetchView> {
    return syncFetchFor(this.ws, a, this.author, this.progressFor(a.jobId));
  }

  /** Progress events for one job, to every listener (the Sync panel shows them like a binder export's). */
  private progressFor(jobId: string): SyncEmit {
    return (phase, fraction, done = false, error) => this.listeners.forEach((l) => l({ jobId, phase, fraction, done, ...(error ? { error } : {}) }));
  }

  /**
   * Reads the templates' titles, compiles the protocol schema and checks a template once, off any request:
   * the shells call this while the window loads, so the Library's first list and the first check pay none of it.
   */
  warmUp(): void {
    const template = listTemplates()[0];
    if (template) validateText(readTemplate(template.id));
  }

  private validateOptions(protocolId: string): ValidateOptions {
    let opts = this.ruleOptions.get(protocolId);
    if (!opts) {
      const s = this.ws.getRuleSettings(protocolId);
      // One overrides object per protocol, so the rules merge it over the defaults once (referenceFor caches by object).
      opts = { ...(Object.keys(s.reference).length ? { reference: s.reference } : {}), rules: { enabled: s.enabled, disabled: s.disabled } };
      this.ruleOptions.set(protocolId, opts);
    }
    return opts;
  }

  async getRuleSettings(a: { protocolId: string }): Promise<RuleSettingsView> {
    return ruleSettingsView(this.ws.getRuleSettings(a.protocolId));
  }

  async setRuleSettings(a: { protocolId: string; reference: Record<string, unknown>; enabled: string[]; disabled: string[] }): Promise<RuleSettingsView> {
    const saved = this.ws.setRuleSettings(a.protocolId, { reference: a.reference, enabled: a.enabled, disabled: a.disabled }, { author: this.author });
    this.ruleOptions.delete(a.protocolId);
    return ruleSettingsView(saved);
  }

  async commit(a: {
    protocolId: string;
    text: string;
    message: string;
    qiCycleId?: string;
    newQiCycle?: { aim: string; start?: string; end?: string };
    versionLabel?: string;
    expectedBase?: number | null;
  }): Promise<VersionText> {
    const expectedParentId =
      a.expectedBase === undefined || a.expectedBase === null
        ? (this.ws.getDraft(a.protocolId, this.author)?.parentVersionId ?? this.ws.head(a.protocolId)?.id ?? null)
        : this.ws.findVersion(a.protocolId, String(a.expectedBase)).id;
    this.ws.saveDraft(a.protocolId, a.text, { author: this.author, parentVersionId: expectedParentId });
    const newQiCycle = a.newQiCycle ? { aim: a.newQiCycle.aim, start: a.newQiCycle.start ?? today(), ...(a.newQiCycle.end ? { end: a.newQiCycle.end } : {}) } : undefined;
    const v = this.ws.commit(a.protocolId, {
      author: this.author,
      message: a.message,
      qiCycleId: a.qiCycleId ?? undefined,
      expectedParentId,
      ...(newQiCycle ? { newQiCycle } : {}),
      ...(a.versionLabel ? { versionLabel: a.versionLabel } : {}),
    });
    return { ...versionInfo(v, peopleNames(this.ws)), text: this.ws.getVersion(v.id).text };
  }

  async proposeVersionLabel(a: { protocolId: string; text: string }): Promise<VersionLabelProposal> {
    return versionLabelProposal(this.ws, a.protocolId, a.text);
  }

  async history(a: { protocolId: string }): Promise<VersionInfo[]> {
    const nameOf = peopleNames(this.ws);
    return this.ws.history(a.protocolId).map((v) => versionInfo(v, nameOf));
  }

  async getVersion(a: { protocolId: string; version: number }): Promise<VersionText> {
    const v = this.ws.getVersion(this.ws.findVersion(a.protocolId, String(a.version)).id);
    return { ...versionInfo(v, peopleNames(this.ws)), text: v.text };
  }

  async restoreVersion(a: { protocolId: string; version: number }): Promise<DraftState> {
    return this.draftState(this.ws.restoreVersion(this.ws.findVersion(a.protocolId, String(a.version)).id, { author: this.author }));
  }

  async replacedDrafts(a: { protocolId: string }): Promise<ReplacedDraft[]> {
    const reader = this.reader;
    return reader === null ? [] : this.ws.replacedDrafts(a.protocolId, reader).map((d) => this.replacedDraft(d));
  }

  async recoverDraft(a: { protocolId: string; id: number }): Promise<DraftState> {
    return this.draftState(this.ws.recoverDraft(a.protocolId, a.id, { author: this.author }));
  }

  private replacedDraft(d: StoreReplacedDraft): ReplacedDraft {
    let baseVersion: number | null = null;
    if (d.parentVersionId) baseVersion = this.ws.getVersion(d.parentVersionId).seq;
    return { id: d.id, protocolId: d.protocolId, text: d.text, baseVersion, savedAt: d.savedAt, replacedAt: d.replacedAt, reason: d.reason };
  }

  async listQiCycles(a: { protocolId: string }): Promise<QiCycle[]> {
    return knownCycles(this.ws, a.protocolId, this.reader).map((c) => qiCycle(a.protocolId, c));
  }

  async createQiCycle(a: { protocolId: string; aim: string; start?: string; end?: string }): Promise<QiCycle> {
    return qiCycle(a.protocolId, createCycle(this.ws, a.protocolId, { aim: a.aim, start: a.start ?? today(), ...(a.end ? { end: a.end } : {}) }, this.author));
  }

  async updateQiCycle(a: { protocolId: string; cycleId: string; aim?: string; start?: string; end?: string | null; decision?: 'adopt' | 'adapt' | 'abandon' | 'pending'; findings?: string }): Promise<QiCycle> {
    const change = {
      ...(a.aim !== undefined && a.aim !== null ? { aim: a.aim } : {}),
      ...(a.start ? { start: a.start } : {}),
      // null reopens the cycle: its end date is removed.
      ...(a.end !== undefined ? { end: a.end || null } : {}),
      ...(a.decision ? { decision: a.decision } : {}),
      ...(a.findings !== undefined ? { findings: a.findings } : {}),
    };
    return qiCycle(a.protocolId, changeCycle(this.ws, a.protocolId, a.cycleId, change, this.author));
  }

  async deleteQiCycle(a: { protocolId: string; cycleId: string }): Promise<{ deleted: string }> {
    deleteCycle(this.ws, a.protocolId, a.cycleId, this.author);
    return { deleted: a.cycleId };
  }

  // ── people ──────────────────────────────────────────────────────────────────────────────────

  async whoIsWorking(): Promise<WorkingPerson> {
    const people = this.ws.listPeople();
    const person = people.find((p) => p.id === this.workingId) ?? null;
    return { person: person && personView(person), people: people.map(personView), registered: people.length > 0 };
  }

  async setWorkingPerson(a: { personId: string }): Promise<WorkingPerson> {
    this.workingId = this.ws.getPerson(a.personId).id;
    return this.whoIsWorking();
  }

  async listPeople(): Promise<Person[]> {
    return this.ws.listPeople().map(personView);
  }

  async addPerson(a: { name: string; roles: PersonRole[]; community?: string; nation?: string; contact?: string; id?: string }): Promise<Person> {
    const first = !this.ws.hasRegister();
    const person = this.ws.addPerson(
      { name: a.name, roles: a.roles, community: a.community ?? null, nation: a.nation ?? null, contact: a.contact ?? null, ...(a.id ? { id: a.id } : {}) },
      first ? {} : { by: this.author },
    );
    // The first person of a workspace is the one setting it up: they are who is working.
    if (first) this.workingId = person.id;
    return personView(person);
  }

  async qiTimeline(a: { protocolId: string; language?: string }): Promise<QiTimeline> {
    return qiTimeline(this.ws, a.protocolId, a.language, this.reader);
  }

  async qiCycleReport(a: { protocolId: string; cycleId: string; language?: string }): Promise<QiCycleReportView> {
    return qiCycleReportView(this.ws, a.protocolId, a.cycleId, a.language);
  }

  // ── comparison and adaptation ───────────────────────────────────────────────────────────────

  /** The text of a version or of the current draft (the latest version when there is no draft). */
  textOf(ref: VersionRef): { text: string; label: string } {
    if (ref.kind === 'version') {
      const v = this.ws.getVersion(this.ws.findVersion(ref.protocolId, String(ref.version)).id);
      return { text: v.text, label: `${ref.protocolId} v${v.seq}` };
    }
    const d = this.reader === null ? null : this.ws.getDraft(ref.protocolId, this.reader);
    if (d) return { text: d.text, label: `${ref.protocolId} draft` };
    const head = this.ws.head(ref.protocolId);
    return { text: head ? this.ws.getVersion(head.id).text : '', label: `${ref.protocolId} v${head?.seq ?? 0}` };
  }

  async diff(a: { from: VersionRef; to: VersionRef }): Promise<DiffResult> {
    const from = this.textOf(a.from);
    const to = this.textOf(a.to);
    return diffResult(from, to);
  }

  async diffAgainstBase(a: { protocolId: string }): Promise<DiffResult> {
    const base = this.baseOf(a.protocolId);
    const from = { text: base.text, label: `${base.protocolId} v${base.seq} (base)` };
    return diffResult(from, this.textOf({ kind: 'draft', protocolId: a.protocolId }));
  }

  /** The base version a site protocol adapts. */
  baseOf(protocolId: string) {
    const p = this.ws.getProtocol(protocolId);
    if (!p.base) throw Object.assign(new Error(`${protocolId} is not an adaptation of another protocol`), { name: 'InvalidInputError' });
    return this.ws.getVersion(p.base.versionId);
  }

  /** The base version the author's draft already takes in: a rebase not yet committed, else the recorded base. */
  draftBaseOf(protocolId: string) {
    const pending = this.reader === null ? null : this.ws.getDraft(protocolId, this.reader)?.rebasedOnto;
    return pending ? this.ws.getVersion(pending) : this.baseOf(protocolId);
  }

  async rebasePreview(a: { protocolId: string; newBaseVersion: number }): Promise<RebasePreview> {
    return rebasePreview(this, a.protocolId, a.newBaseVersion);
  }

  async rebaseResolve(a: { protocolId: string; newBaseVersion: number; choices: ConflictChoice[] }): Promise<DraftState> {
    const { text, newBaseId } = rebaseResolve(this, a.protocolId, a.newBaseVersion, a.choices);
    // Committing this draft then moves the adaptation onto the new base (see Workspace.commit).
    return this.writeDraft(a.protocolId, text, newBaseId);
  }

  // ── review ──────────────────────────────────────────────────────────────────────────────────

  private currentText(protocolId: string): string {
    return this.textOf({ kind: 'draft', protocolId }).text;
  }

  async reviewStatus(a: { protocolId: string; language?: string }): Promise<ReviewStatus> {
    return this.review.status(a.protocolId, this.currentText(a.protocolId), a.language);
  }

  async requestReview(a: ReviewAction & { reviewer: string; role: ReviewerRole; note?: string }): Promise<ReviewStatus> {
    this.review.request(target(a), a.reviewer, a.role, a.note);
    return this.reviewStatus({ protocolId: a.protocolId });
  }

  async approve(a: ReviewAction & { reviewer?: string; role?: ReviewerRole; note?: string }): Promise<ReviewStatus> {
    this.review.approve(target(a), this.signer(a.reviewer), a.role, a.note);
    return this.reviewStatus({ protocolId: a.protocolId });
  }

  async requestChanges(a: ReviewAction & { reviewer?: string; role?: ReviewerRole; note: string }): Promise<ReviewStatus> {
    this.review.requestChanges(target(a), this.signer(a.reviewer), a.role, a.note);
    return this.reviewStatus({ protocolId: a.protocolId });
  }

  async withhold(a: ReviewAction & { reviewer?: string; role?: ReviewerRole; note: string }): Promise<ReviewStatus> {
    this.review.withhold(target(a), this.signer(a.reviewer), a.role, a.note);
    return this.reviewStatus({ protocolId: a.protocolId });
  }

  /** Who signs: who is working. With a register, naming someone else is refused: they must sign as themselves. */
  private signer(given: string | undefined): string {
    if (!this.ws.hasRegister()) return given ?? this.author;
    const me = this.author;
    if (given !== undefined && this.ws.findPerson(given).id !== me) {
      const them = this.ws.findPerson(given);
      throw Object.assign(new Error(`you are working as ${this.ws.getPerson(me).name}: ${them.name} signs off as themselves (switch who is working)`), {
        name: 'ReviewRefusedError',
      });
    }
    return me;
  }

  async comment(a: ReviewAction & { author: string; text: string }): Promise<ReviewStatus> {
    this.review.comment(target(a), a.author, a.text);
    return this.reviewStatus({ protocolId: a.protocolId });
  }

  // ── binder ──────────────────────────────────────────────────────────────────────────────────

  async binderProfiles(): Promise<BinderProfile[]> {
    return binderProfiles();
  }

  async binderPreview(a: { protocolId: string; version?: number; profile: string; language: string }): Promise<{ html: string }> {
    return { html: renderBinderHtml(this, a) };
  }

  async exportBinder(a: BinderJob): Promise<BinderExport> {
    return this.exportBinderTo(a);
  }

  /** The file name a binder export gets when nobody chooses one. */
  binderFileName(a: Omit<BinderJob, 'jobId'>): string {
    return binderFileName(a);
  }

  /** Exports to `file` (a path the user chose in a save dialog), else into the export folder. */
  async exportBinderTo(a: BinderJob, file?: string): Promise<BinderExport> {
    const emit = (phase: string, fraction: number, done = false, error?: string) =>
      this.listeners.forEach((l) => l({ jobId: a.jobId, phase, fraction, done, ...(error ? { error } : {}) }));
    const dir = this.opts.exportDir ?? join(dirname(resolve(this.ws.file)), 'exports');
    try {
      const result = await exportBinder(this, a, { dir, ...(file ? { file } : {}), printPdf: this.opts.printPdf, progress: emit });
      emit('Saved', 1, true);
      return result;
    } catch (e) {
      emit('Failed', 1, true, (e as Error).message);
      throw e;
    }
  }
}

type BinderJob = { protocolId: string; version?: number; profile: string; language: string; jobId: string };

type ReviewAction = { protocolId: string; sectionPath: string; track?: ReviewTrack };

const target = (a: ReviewAction) => ({ protocolId: a.protocolId, sectionKey: a.sectionPath, ...(a.track ? { track: a.track } : {}) });

function versionInfo(v: StoreVersion, nameOf: NameOf): VersionInfo {
  return {
    protocolId: v.protocolId,
    version: v.seq,
    message: v.message,
    createdAt: v.createdAt,
    author: v.author,
    authorName: nameOf(v.author),
    qiCycleId: v.qiCycleId === null ? null : textCycleId(v.qiCycleId),
    tags: v.qiCycleIds,
    versionLabel: v.versionLabel,
  };
}

function ruleSettingsView(s: RuleSettings): RuleSettingsView {
  return { ...s, rules: listRules(), bundledReference: DEFAULT_REFERENCE as unknown as Record<string, unknown> };
}

function qiCycle(protocolId: string, c: KnownCycle): QiCycle {
  return { id: c.id, protocolId, number: c.number, aim: cycleText(c.aim) ?? '', start: c.start, end: c.end, decision: c.decision, used: c.used, draftOnly: c.draftOnly };
}

function personView(p: StorePerson): Person {
  return { id: p.id, name: p.name, roles: [...p.roles], community: p.community, nation: p.nation, contact: p.contact, createdAt: p.createdAt };
}

function diffResult(from: { text: string; label: string }, to: { text: string; label: string }): DiffResult {
  const changes = diffTexts(from.text, to.text, { oldName: from.label, newName: to.label }).map((c) => ({
    category: c.category,
    ...(c.safety ? { safety: c.safety } : {}),
    kind: c.kind,
    path: c.idPath,
    label: c.label,
    summary: c.summary,
    note: c.note ?? null,
  }));
  return { fromLabel: from.label, toLabel: to.label, oldText: from.text, newText: to.text, changes };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
