/**
 * The workspace: one SQLite file holding protocols, their immutable versions, per-author drafts,
 * QI cycles and a hash-chained audit log. Every mutation runs in one transaction together with its
 * audit entry, so either both are on disk or neither is. No Electron here: the CLI and tests use it too.
 *
 * This class is the facade: it opens the file and delegates to one module per kind of record
 * (protocols, versions, drafts, commits, qi-cycles, rule-settings, people-store), passing itself as
 * their StoreContext.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { NewPerson, Person } from '../core/people';
import { auditAnchor, type AuditAnchor } from './anchor';
import { appendAudit, readAudit, type AuditEntry, type AuditInput } from './audit';
import { commit, createProtocol, restoreVersion } from './commits';
import { listDrafts, readDraft, recoverDraft, replacedDrafts, saveDraft, type SaveDraftOptions } from './drafts';
import type { ReplacedDraft } from './draft-history';
import { StoreError } from './errors';
import { adoptLegacyNames, legacyNamesPending, OPENING_ACTOR, personOf } from './legacy-names';
import { applyMigrations } from './migrations';
import { addPerson, findRegistered, getPerson, hasPeople, listPeople, resolveActor } from './people-store';
import { getProtocol, listProtocols } from './protocols';
import { listQiCycles, migrateLegacyCycles, tagVersion, usedQiCycles } from './qi-cycles';
import { getRuleSettings, setRuleSettings, writeRuleSettings } from './rule-settings';
import { ALL_MIGRATIONS } from './schema';
import type { StoreContext } from './store-context';
import { exportWorkspace, importWorkspace, type ExportOptions, type ExportSummary } from './transfer';
import { checkName } from './validate-input';
import { verifyWorkspace, type VerifyResult } from './verify';
import { findVersion, getVersion, head, history } from './versions';
import type {
  CommitOptions,
  CreateProtocolInput,
  Draft,
  OpenOptions,
  ProtocolSummary,
  QiCycle,
  RuleSettings,
  RuleSettingsInput,
  Version,
  VersionInfo,
} from './types';
import type { WorkspacePort } from './workspace-port';

export type * from './types';
export { checkRuleSettings, MAX_REFERENCE_BYTES } from './rule-settings';

export class Workspace implements WorkspacePort, StoreContext {
  private readonly now: () => Date;

  private constructor(
    /** The better-sqlite3 connection, for modules that add their own tables (review). */
    readonly db: Database.Database,
    readonly file: string,
    opts: OpenOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    // A workspace whose register came after its first records: those names resolve to people from now on.
    try {
      if (legacyNamesPending(db)) this.transaction(() => adoptLegacyNames(db, OPENING_ACTOR, this.timestamp()));
    } catch (err) {
      db.close();
      throw new StoreError(`cannot open workspace ${file}: ${(err as Error).message}`);
    }
  }

  /** Opens (creating if needed) a workspace file and brings its schema up to date. */
  static open(file: string, opts: OpenOptions = {}): Workspace {
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file, { timeout: 5000, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
    } catch (err) {
      throw new StoreError(`cannot open workspace ${file}: ${(err as Error).message}`);
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      // FULL: every commit is fsynced before it returns, so a power cut never loses a commit the user
      // saw succeed. NORMAL would be a little faster but may drop the last commits on power loss.
      db.pragma('synchronous = FULL');
      applyMigrations(db, ALL_MIGRATIONS);
    } catch (err) {
      db.close();
      throw new StoreError(`cannot open workspace ${file}: ${(err as Error).message}`);
    }
    const ws = new Workspace(db, file, opts);
    try {
      migrateLegacyCycles(ws);
    } catch (err) {
      db.close();
      throw new StoreError(`cannot open workspace ${file}: ${(err as Error).message}`);
    }
    return ws;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in a write transaction (nested calls become savepoints); a throw rolls everything back. */
  transaction<T>(fn: () => T): T {
    // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read lock.
    return this.db.transaction(fn).immediate();
  }

  /** Appends an audit entry; joins the caller's transaction if there is one. */
  appendAudit(input: AuditInput): AuditEntry {
    const entry = { ...input, actor: checkName(input.actor, 'actor'), action: checkName(input.action, 'action') };
    return this.transaction(() => appendAudit(this.db, entry, this.timestamp()));
  }

  audit(opts: { subject?: string; limit?: number } = {}): AuditEntry[] {
    return readAudit(this.db, opts);
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  // ── people ────────────────────────────────────────────────────────────────────────────────────

  listPeople(): Person[] {
    return listPeople(this.db);
  }

  /** Adds a person to the register; `by` is who adds them (id or name), omitted only for the first person. */
  addPerson(input: NewPerson, opts: { by?: string } = {}): Person {
    return this.transaction(() => addPerson(this.db, input, opts.by ?? null, this.timestamp()));
  }

  getPerson(id: string): Person {
    return getPerson(this.db, id);
  }

  /** The registered person `ref` (id or name) names; NotFoundError for nobody or for a look-alike name. */
  findPerson(ref: string): Person {
    return findRegistered(this.db, ref);
  }

  /** True once the workspace has a people register: from then on every actor must be in it. */
  hasRegister(): boolean {
    return hasPeople(this.db);
  }

  /** The person id a recorded actor stands for: names recorded before the register resolve through their alias. */
  personOf(recorded: string): string {
    return personOf(this.db, recorded);
  }

  /** The id to record for an actor given by id or name (the name itself in an unregistered workspace). */
  actor(ref: unknown, what = 'author'): string {
    return resolveActor(this.db, ref, what);
  }

  // ── protocols ──────────────────────────────────────────────────────────────────────────────────

  /** Creates a protocol from a template text, a file, or as an adaptation of a base version; commits version 1. */
  createProtocol(input: CreateProtocolInput): ProtocolSummary {
    return createProtocol(this, input);
  }

  getProtocol(id: string): ProtocolSummary {
    return getProtocol(this.db, id);
  }

  /** All protocols with their head facts; no YAML is parsed (facts were stored at commit time). */
  listProtocols(): ProtocolSummary[] {
    return listProtocols(this.db);
  }

  // ── drafts ────────────────────────────────────────────────────────────────────────────────────

  /** Autosaves `author`'s draft of a protocol. Creates no version; the draft remembers its parent. */
  saveDraft(protocolId: string, text: string, opts: SaveDraftOptions): Draft {
    return saveDraft(this, protocolId, text, opts);
  }

  /** `author`'s draft (id or name), or without an author the most recently saved draft of anyone; null if none. */
  getDraft(protocolId: string, author?: string): Draft | null {
    return readDraft(this.db, protocolId, author === undefined ? undefined : this.actor(author));
  }

  /** The drafts of `author` that a restore, rebase, template, import or recovery replaced, newest first. */
  replacedDrafts(protocolId: string, author: string): ReplacedDraft[] {
    return replacedDrafts(this, protocolId, author);
  }

  /** Brings a replaced draft back as `author`'s draft; the draft it replaces is kept in turn. */
  recoverDraft(protocolId: string, entryId: number, opts: { author: string }): Draft {
    return recoverDraft(this, protocolId, entryId, opts);
  }

  listDrafts(protocolId: string): Draft[] {
    return listDrafts(this.db, protocolId);
  }

  // ── versions ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Commits `author`'s draft as a new immutable version. Refused with ConflictError when the head moved
   * since the draft was based on it (the draft is kept), and with NothingToCommitError when the text
   * equals the head.
   */
  commit(protocolId: string, opts: CommitOptions): VersionInfo {
    return commit(this, protocolId, opts);
  }

  head(protocolId: string): VersionInfo | null {
    return head(this.db, protocolId);
  }

  /** Newest first, without texts. */
  history(protocolId: string): VersionInfo[] {
    return history(this.db, protocolId);
  }

  getVersion(versionId: string): Version {
    return getVersion(this.db, versionId);
  }

  /** A version of a protocol by sequence number ("3"), "head", or id (or a unique prefix of 6+ characters). */
  findVersion(protocolId: string, ref: string): VersionInfo {
    return findVersion(this.db, protocolId, ref);
  }

  /** Makes an old version's text the author's draft, based on the current head. Nothing is lost. */
  restoreVersion(versionId: string, opts: { author: string }): Draft {
    return restoreVersion(this, versionId, opts);
  }

  // ── QI cycles (qi-cycles.ts) ──────────────────────────────────────────────────────────────────

  /** The `qi.cycles` ids of the protocol that a version was committed in or tagged with. */
  usedQiCycles(protocolId: string): Set<string> {
    return usedQiCycles(this.db, protocolId);
  }

  /** The index rows of the cycles versions cite (the cycles themselves live in the protocol text). */
  listQiCycles(protocolId?: string): QiCycle[] {
    return listQiCycles(this.db, protocolId);
  }

  /** Links an existing version to a cycle in the protocol's latest text (the version itself never changes). */
  tagVersion(versionId: string, qiCycleId: string, opts: { author: string }): VersionInfo {
    return tagVersion(this, versionId, qiCycleId, opts);
  }

  // ── rule settings ───────────────────────────────────────────────────────────────────────────

  /** The protocol's rule settings; the empty defaults when none were ever set. */
  getRuleSettings(protocolId: string): RuleSettings {
    return getRuleSettings(this.db, protocolId);
  }

  /** Replaces the protocol's rule settings after checking them; audited as `rules.settings` in the same transaction. */
  setRuleSettings(protocolId: string, input: RuleSettingsInput, opts: { author: string }): RuleSettings {
    return setRuleSettings(this, protocolId, input, opts);
  }

  /** Writes checked settings without an audit entry: for import, whose audit chain already records them. */
  writeRuleSettings(protocolId: string, settings: RuleSettingsInput, at: string, author: string): void {
    writeRuleSettings(this.db, protocolId, settings, at, author);
  }

  // ── export, import, verify ────────────────────────────────────────────────────────────────────

  /**
   * Writes a deterministic, git-friendly folder (see transfer.ts) for `audience` (default program_team).
   * Throws SharingBreachError, writing nothing, when content beyond that audience's level would leave.
   */
  exportTo(folder: string, opts: ExportOptions = {}): ExportSummary {
    return exportWorkspace(this, folder, opts);
  }

  /** Reads an export back into this workspace, which must be empty. `author` is recorded as the importer. */
  importFrom(folder: string, opts: { author?: string } = {}): ExportSummary {
    return importWorkspace(this, folder, checkName(opts.author ?? 'import', 'author'));
  }

  /** Checks hashes, records, the audit chain and the database; with `anchor`, also that the chain still holds that head. */
  verify(opts: { anchor?: AuditAnchor } = {}): VerifyResult {
    return verifyWorkspace(this.db, opts);
  }

  /** The audit chain's head, to keep outside the workspace (`workspace anchor FILE`). */
  anchor(): AuditAnchor | null {
    return auditAnchor(this.db);
  }
}
