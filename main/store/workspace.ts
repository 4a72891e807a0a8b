/**
 * The workspace: one SQLite file holding protocols, their immutable versions, per-author drafts,
 * QI cycles and a hash-chained audit log. Every mutation runs in one transaction together with its
 * audit entry, so either both are on disk or neither is. No Electron here: the CLI and tests use it too.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { gateText, refusalLine } from '../core/gate';
import type { NewPerson, Person } from '../core/people';
import { stripSacredContent } from '../core/review/sacred';
import { auditAnchor, type AuditAnchor } from './anchor';
import { appendAudit, readAudit, type AuditEntry, type AuditInput } from './audit';
import { getReplacedDraft, keepReplacedDraft, listReplacedDrafts, type ReplacedDraft, type ReplaceReason } from './draft-history';
import { ConflictError, InvalidInputError, NothingToCommitError, NotFoundError, RefusedTextError, StoreError } from './errors';
import { sha256 } from './hash';
import { applyMigrations } from './migrations';
import { addPerson, findRegistered, getPerson, hasPeople, listPeople, resolveActor } from './people-store';
import { versionRecordHash } from './record-payload';
import { ALL_MIGRATIONS } from './schema';
import { exportWorkspace, importWorkspace, type ExportOptions, type ExportSummary } from './transfer';
import { checkDate, checkId, checkMessage, checkName, checkText, slugify } from './validate-input';
import { verifyWorkspace, type VerifyResult } from './verify';
import { markAsAdaptation, readHeadFacts } from './yaml-meta';
import { checkRuleSettings } from './rule-settings';
import type {
  CommitOptions,
  CreateProtocolInput,
  Draft,
  OpenOptions,
  ProtocolSummary,
  QiCycle,
  QiDecision,
  RuleSettings,
  RuleSettingsInput,
  Version,
  VersionInfo,
} from './types';
import type { WorkspacePort } from './workspace-port';

export type * from './types';
export { checkRuleSettings, MAX_REFERENCE_BYTES } from './rule-settings';

const DECISIONS: readonly QiDecision[] = ['adopt', 'adapt', 'abandon', 'pending'];

interface VersionRow {
  id: string;
  protocol_id: string;
  seq: number;
  parent_id: string | null;
  sha256: string;
  author: string;
  message: string;
  created_at: string;
  qi_cycle_id: string | null;
  status: string | null;
  site_name: string | null;
  version_label: string | null;
  text?: string;
}

interface DraftRow {
  protocol_id: string;
  author: string;
  text: string;
  parent_version_id: string | null;
  updated_at: string;
  rebased_onto: string | null;
}

interface QiRow {
  id: string;
  protocol_id: string;
  number: number;
  aim: string;
  start_date: string;
  end_date: string | null;
  decision: QiDecision;
  created_at: string;
  created_by: string;
}

const VERSION_COLUMNS =
  'id, protocol_id, seq, parent_id, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label';

export class Workspace implements WorkspacePort {
  private readonly now: () => Date;

  private constructor(
    /** The better-sqlite3 connection, for modules that add their own tables (review). */
    readonly db: Database.Database,
    readonly file: string,
    opts: OpenOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
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
    return new Workspace(db, file, opts);
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

  /** The id to record for an actor given by id or name (the name itself in an unregistered workspace). */
  actor(ref: unknown, what = 'author'): string {
    return resolveActor(this.db, ref, what);
  }

  // ── protocols ──────────────────────────────────────────────────────────────────────────────────

  /** Creates a protocol from a template text or as an adaptation of a base version; commits version 1. */
  createProtocol(input: CreateProtocolInput): ProtocolSummary {
    const author = this.actor(input.author);
    if ([input.template, input.base, input.file].filter(Boolean).length !== 1) throw new InvalidInputError('give one of a template, a base version or a file');
    return this.transaction(() => {
      let text: string;
      let id: string;
      let title: string;
      let message: string;
      if (input.template) {
        checkId(input.template.id, 'template id');
        text = checkText(input.template.text, `template ${input.template.id}`);
        const facts = readHeadFacts(text);
        title = input.title?.trim() || facts.title || input.template.id;
        id = this.chooseId(input.id, facts.id ?? slugify(title), input.template.id);
        message = `Created from template ${input.template.id}`;
      } else if (input.file) {
        text = checkText(input.file.text, input.file.name);
        const facts = readHeadFacts(text);
        title = input.title?.trim() || facts.title || input.file.name;
        id = this.chooseId(input.id, facts.id ?? slugify(title), input.file.name.replace(/\.[^.]*$/, ''));
        message = `Imported from ${input.file.name}`;
      } else {
        const base = this.getVersion(input.base!.versionId);
        if (base.protocolId !== input.base!.protocolId) {
          throw new InvalidInputError(`version ${base.id} belongs to protocol ${base.protocolId}, not ${input.base!.protocolId}`);
        }
        const baseProtocol = this.getProtocol(base.protocolId);
        title = input.title?.trim() || `${baseProtocol.title} (adaptation)`;
        id = this.chooseId(input.id, slugify(title), `${base.protocolId}-adaptation`);
        const baseFacts = readHeadFacts(base.text);
        text = markAsAdaptation(base.text, {
          id,
          basedOn: { protocol: baseFacts.id ?? base.protocolId, version: base.versionLabel ?? String(base.seq) },
        });
        message = `Adapted from ${base.protocolId} version ${base.seq}`;
      }
      checkName(title, 'title', 500);
      const at = this.timestamp();
      this.db
        .prepare(
          'INSERT INTO protocols (id, title, created_at, created_by, template_id, base_protocol_id, base_version_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, title, at, author, input.template?.id ?? null, input.base?.protocolId ?? null, input.base?.versionId ?? null);
      appendAudit(this.db, { actor: author, action: 'protocol.create', subject: id, details: { title, template: input.template?.id ?? null, base: input.base ?? null, ...(input.file ? { file: input.file.name } : {}) } }, at);
      this.writeDraft(id, author, text, null, at);
      this.commitDraft(id, { author, message, expectedParentId: null });
      return this.getProtocol(id);
    });
  }

  private chooseId(requested: string | undefined, preferred: string, fallback: string): string {
    if (requested !== undefined) {
      checkId(requested, 'protocol id');
      if (this.hasProtocol(requested)) throw new InvalidInputError(`a protocol with id "${requested}" already exists`);
      return requested;
    }
    let base = [preferred, slugify(fallback), 'protocol'].find((s) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(s))!;
    base = base.slice(0, 90);
    let id = base;
    for (let n = 2; this.hasProtocol(id); n++) id = `${base}-${n}`;
    return id;
  }

  private hasProtocol(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM protocols WHERE id = ?').get(id) !== undefined;
  }

  private requireProtocol(id: string): void {
    if (typeof id !== 'string' || !this.hasProtocol(id)) throw new NotFoundError(`no protocol "${String(id)}" in this workspace`);
  }

  getProtocol(id: string): ProtocolSummary {
    const found = this.queryProtocols('WHERE p.id = ?', [id])[0];
    if (!found) throw new NotFoundError(`no protocol "${id}" in this workspace`);
    return found;
  }

  /** All protocols with their head facts; no YAML is parsed (facts were stored at commit time). */
  listProtocols(): ProtocolSummary[] {
    return this.queryProtocols('', []);
  }

  private queryProtocols(where: string, params: unknown[]): ProtocolSummary[] {
    const rows = this.db
      .prepare(
        `SELECT p.*, v.id AS head_id, v.seq AS head_seq, v.status, v.site_name, v.version_label, v.created_at AS head_at,
           (SELECT max(updated_at) FROM drafts d WHERE d.protocol_id = p.id) AS draft_at,
           (SELECT group_concat(author, char(10)) FROM (SELECT author FROM drafts d WHERE d.protocol_id = p.id ORDER BY author)) AS draft_authors
         FROM protocols p
         LEFT JOIN versions v ON v.id = (SELECT id FROM versions WHERE protocol_id = p.id ORDER BY seq DESC LIMIT 1)
         ${where}
         ORDER BY p.title COLLATE NOCASE, p.id`,
      )
      .all(...params) as Array<{
      id: string;
      title: string;
      created_at: string;
      created_by: string;
      template_id: string | null;
      base_protocol_id: string | null;
      base_version_id: string | null;
      head_id: string | null;
      head_seq: number | null;
      status: string | null;
      site_name: string | null;
      version_label: string | null;
      head_at: string | null;
      draft_at: string | null;
      draft_authors: string | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      createdAt: r.created_at,
      createdBy: r.created_by,
      templateId: r.template_id,
      base: r.base_protocol_id && r.base_version_id ? { protocolId: r.base_protocol_id, versionId: r.base_version_id } : null,
      headVersionId: r.head_id,
      headSeq: r.head_seq,
      status: r.status,
      siteName: r.site_name,
      versionLabel: r.version_label,
      lastChange: [r.created_at, r.head_at, r.draft_at].filter((x): x is string => !!x).sort().at(-1)!,
      draftAuthors: r.draft_authors ? r.draft_authors.split('\n') : [],
    }));
  }

  // ── drafts ────────────────────────────────────────────────────────────────────────────────────

  /** Autosaves `author`'s draft of a protocol. Creates no version; the draft remembers its parent. */
  saveDraft(
    protocolId: string,
    text: string,
    opts: { author: string; parentVersionId: string | null; rebasedOnto?: string | null; replacing?: ReplaceReason },
  ): Draft {
    const author = this.actor(opts.author);
    checkText(text, 'draft text');
    // Secret/sacred content is never stored: left out here, the rest of the edit kept (core/review/sacred.ts).
    const sacred = stripSacredContent(text);
    if (sacred.text === null) throw new InvalidInputError(`draft of ${protocolId} not saved: ${sacred.refused}; fix the YAML and it saves again`);
    text = sacred.text;
    return this.transaction(() => {
      this.requireProtocol(protocolId);
      if (opts.parentVersionId !== null) {
        const parent = this.db.prepare('SELECT protocol_id FROM versions WHERE id = ?').get(opts.parentVersionId) as { protocol_id: string } | undefined;
        if (!parent || parent.protocol_id !== protocolId) {
          throw new InvalidInputError(`the draft's parent ${String(opts.parentVersionId)} is not a version of ${protocolId}`);
        }
      }
      // Autosaves leave a pending rebase alone; a rebase sets it, and null clears it.
      if (opts.rebasedOnto) this.requireNewerBase(protocolId, opts.rebasedOnto);
      const at = this.timestamp();
      // A rebase, template or import replaces the draft wholesale: keep what it replaces.
      const replacing = opts.replacing ?? (opts.rebasedOnto ? 'rebase' : undefined);
      if (replacing) keepReplacedDraft(this.db, protocolId, author, text, replacing, at);
      this.writeDraft(protocolId, author, text, opts.parentVersionId, at);
      if (opts.rebasedOnto !== undefined) {
        this.db.prepare('UPDATE drafts SET rebased_onto = ? WHERE protocol_id = ? AND author = ?').run(opts.rebasedOnto, protocolId, author);
      }
      appendAudit(this.db, {
        actor: author,
        action: 'draft.save',
        subject: protocolId,
        details: { sha256: sha256(text), parentVersionId: opts.parentVersionId, bytes: Buffer.byteLength(text, 'utf8') },
      }, at);
      return this.getDraft(protocolId, author)!;
    });
  }

  private writeDraft(protocolId: string, author: string, text: string, parentVersionId: string | null, at: string): void {
    this.db
      .prepare(
        `INSERT INTO drafts (protocol_id, author, text, parent_version_id, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (protocol_id, author) DO UPDATE SET text = excluded.text, parent_version_id = excluded.parent_version_id, updated_at = excluded.updated_at`,
      )
      .run(protocolId, author, text, parentVersionId, at);
  }

  /** `author`'s draft (id or name), or without an author the most recently saved draft of anyone; null if none. */
  getDraft(protocolId: string, author?: string): Draft | null {
    const row = (
      author === undefined
        ? this.db.prepare('SELECT * FROM drafts WHERE protocol_id = ? ORDER BY updated_at DESC, author LIMIT 1').get(protocolId)
        : this.db.prepare('SELECT * FROM drafts WHERE protocol_id = ? AND author = ?').get(protocolId, this.actor(author))
    ) as DraftRow | undefined;
    return row ? draftFromRow(row) : null;
  }

  /** The drafts of `author` that a restore, rebase, template, import or recovery replaced, newest first. */
  replacedDrafts(protocolId: string, author: string): ReplacedDraft[] {
    this.requireProtocol(protocolId);
    return listReplacedDrafts(this.db, protocolId, this.actor(author));
  }

  /** Brings a replaced draft back as `author`'s draft; the draft it replaces is kept in turn. */
  recoverDraft(protocolId: string, entryId: number, opts: { author: string }): Draft {
    const author = this.actor(opts.author);
    return this.transaction(() => {
      this.requireProtocol(protocolId);
      const entry = getReplacedDraft(this.db, entryId, protocolId, author);
      const at = this.timestamp();
      keepReplacedDraft(this.db, protocolId, author, entry.text, 'recover', at);
      const head = this.headRow(protocolId);
      // The draft's own parent if it still exists, else the head: either way a commit is checked against the head.
      this.writeDraft(protocolId, author, entry.text, entry.parentVersionId ?? head?.id ?? null, at);
      appendAudit(this.db, { actor: author, action: 'draft.recover', subject: protocolId, details: { entryId, sha256: sha256(entry.text), replacedAt: entry.replacedAt } }, at);
      return this.getDraft(protocolId, author)!;
    });
  }

  listDrafts(protocolId: string): Draft[] {
    return (this.db.prepare('SELECT * FROM drafts WHERE protocol_id = ? ORDER BY author').all(protocolId) as DraftRow[]).map(draftFromRow);
  }

  // ── versions ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Commits `author`'s draft as a new immutable version. Refused with ConflictError when the head moved
   * since the draft was based on it (the draft is kept), and with NothingToCommitError when the text
   * equals the head.
   */
  commit(protocolId: string, opts: CommitOptions): VersionInfo {
    try {
      return this.transaction(() => this.commitDraft(protocolId, opts));
    } catch (err) {
      if (err instanceof StoreError) this.auditRefusedCommit(protocolId, opts, err);
      throw err;
    }
  }

  /** A refused commit changes nothing but this audit entry (written after the rollback). */
  private auditRefusedCommit(protocolId: string, opts: CommitOptions, err: StoreError): void {
    let actor: string;
    try {
      actor = this.actor(opts.author);
    } catch {
      return; // nobody to attribute it to: the refusal itself is about the actor
    }
    // A refused text is described by codes and places only: its messages may quote what was typed, and a
    // secret/sacred passage must never reach the immutable audit log.
    const details =
      err instanceof RefusedTextError
        ? { reason: err.name, problems: err.diagnostics.slice(0, 20).map((d) => ({ code: d.code, line: d.range.start.line, column: d.range.start.column })) }
        : { reason: err.name, message: err.message.slice(0, 2000) };
    this.appendAudit({ actor, action: 'version.commit_refused', subject: String(protocolId).slice(0, 200), details });
  }

  private commitDraft(protocolId: string, opts: CommitOptions): VersionInfo {
    const author = this.actor(opts.author);
    const message = checkMessage(opts.message);
    this.requireProtocol(protocolId);
    const draft = this.getDraft(protocolId, author);
    if (!draft) throw new InvalidInputError(`${author} has no draft of ${protocolId} to commit; save a draft first`);
    if (opts.qiCycleId !== undefined && opts.newQiCycle !== undefined) throw new InvalidInputError('give an existing QI cycle or a new one, not both');
    const gate = gateText(draft.text);
    if (!gate.ok) {
      throw new RefusedTextError(
        `cannot commit ${protocolId}: ${refusalLine(gate, 'the draft')}. Nothing was committed; the draft keeps the text so it can be fixed.`,
        gate.refusals,
      );
    }
    const head = this.headRow(protocolId);
    const headId = head?.id ?? null;
    if (opts.expectedParentId !== headId || draft.parentVersionId !== headId) {
      const based = opts.expectedParentId !== headId ? opts.expectedParentId : draft.parentVersionId;
      throw new ConflictError(
        `${protocolId} has moved on: the draft is based on ${based ?? 'nothing'} but the latest version is ${head ? `${head.seq} (${head.id}) by ${head.author}` : 'none'}. ` +
          'Nothing was committed and the draft is kept; merge it onto the latest version and commit again.',
        protocolId,
        based,
        headId,
      );
    }
    const hash = sha256(draft.text);
    if (head && head.sha256 === hash) {
      throw new NothingToCommitError(`nothing to commit: the draft of ${protocolId} is identical to version ${head.seq}`);
    }
    if (opts.qiCycleId !== undefined) this.requireCycleOf(opts.qiCycleId, protocolId);
    const qiCycleId = opts.newQiCycle ? this.createQiCycle({ ...opts.newQiCycle, protocolId, author }).id : opts.qiCycleId;
    const rebasedOnto = opts.rebasedOnto ?? draft.rebasedOnto;
    const rebase = rebasedOnto ? this.requireNewerBase(protocolId, rebasedOnto) : null;
    const facts = readHeadFacts(draft.text);
    const at = this.timestamp();
    const id = randomUUID();
    const seq = (head?.seq ?? 0) + 1;
    this.db
      .prepare(
        `INSERT INTO versions (id, protocol_id, seq, parent_id, text, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, protocolId, seq, headId, draft.text, hash, author, message, at, qiCycleId ?? null, facts.status, facts.siteName, facts.versionLabel);
    this.db.prepare('DELETE FROM drafts WHERE protocol_id = ? AND author = ?').run(protocolId, author);
    appendAudit(this.db, { actor: author, action: 'version.commit', subject: id, details: { protocolId, seq, sha256: hash, parentId: headId, message, qiCycleId: qiCycleId ?? null, recordSha256: versionRecordHash({ id, protocolId, seq, parentId: headId, sha256: hash, author, message, createdAt: at, qiCycleId: qiCycleId ?? null }) } }, at);
    if (rebase) {
      // The committed text now carries the newer base's changes, so "site against base" must compare with it.
      this.db.prepare('UPDATE protocols SET base_version_id = ? WHERE id = ?').run(rebase.to, protocolId);
      appendAudit(this.db, { actor: author, action: 'protocol.rebase', subject: protocolId, details: { versionId: id, baseProtocolId: rebase.baseProtocolId, from: rebase.from, to: rebase.to } }, at);
    }
    return this.getVersionInfo(id);
  }

  /** Checks that `versionId` is a version of this adaptation's base protocol, and returns the move. */
  private requireNewerBase(protocolId: string, versionId: string): { baseProtocolId: string; from: string; to: string } {
    const { base } = this.getProtocol(protocolId);
    if (!base) throw new InvalidInputError(`${protocolId} is not an adaptation: it has no base to rebase onto`);
    const target = this.db.prepare('SELECT protocol_id, seq FROM versions WHERE id = ?').get(versionId) as { protocol_id: string; seq: number } | undefined;
    if (!target || target.protocol_id !== base.protocolId) {
      throw new InvalidInputError(`version ${versionId} is not a version of ${protocolId}'s base ${base.protocolId}`);
    }
    // A rebase only moves forward: onto an older or the same base would undo or repeat what the site took in.
    const current = (this.db.prepare('SELECT seq FROM versions WHERE id = ?').get(base.versionId) as { seq: number }).seq;
    if (target.seq <= current) {
      throw new InvalidInputError(`${protocolId} is already on version ${current} of ${base.protocolId}; a rebase goes onto a newer version, not ${target.seq}`);
    }
    return { baseProtocolId: base.protocolId, from: base.versionId, to: versionId };
  }

  private headRow(protocolId: string): VersionRow | undefined {
    return this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE protocol_id = ? ORDER BY seq DESC LIMIT 1`).get(protocolId) as VersionRow | undefined;
  }

  head(protocolId: string): VersionInfo | null {
    this.requireProtocol(protocolId);
    const row = this.headRow(protocolId);
    return row ? this.withTags(row) : null;
  }

  /** Newest first, without texts. */
  history(protocolId: string): VersionInfo[] {
    this.requireProtocol(protocolId);
    // Read from the covering index versions_history (no table rows, no texts), as arrays, and build each
    // VersionInfo in one pass: for protocols with thousands of versions the per-row work is what costs.
    const raw = this.db
      .prepare(
        'SELECT id, seq, parent_id, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label FROM versions WHERE protocol_id = ? ORDER BY seq DESC',
      )
      .raw()
      .all(protocolId) as unknown[][];
    const tags = this.cycleTags(protocolId);
    const out: VersionInfo[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const r = raw[i]!;
      const id = r[0] as string;
      const cycle = r[7] as string | null;
      const extra = tags.get(id);
      out[i] = {
        id,
        protocolId,
        seq: r[1] as number,
        parentId: r[2] as string | null,
        sha256: r[3] as string,
        author: r[4] as string,
        message: r[5] as string,
        createdAt: r[6] as string,
        qiCycleId: cycle,
        qiCycleIds: extra ? [...new Set(cycle ? [cycle, ...extra] : extra)].sort() : cycle ? [cycle] : [],
        status: r[8] as string | null,
        siteName: r[9] as string | null,
        versionLabel: r[10] as string | null,
      };
    }
    return out;
  }

  /** QI cycles tagged onto versions of a protocol after the fact, by version id. */
  private cycleTags(protocolId: string): Map<string, string[]> {
    const tags = new Map<string, string[]>();
    const rows = this.db
      // CROSS JOIN keeps the (small) tag table outside: joining from versions would probe it once per version.
      .prepare('SELECT t.version_id, t.qi_cycle_id FROM version_cycle_tags t CROSS JOIN versions v ON v.id = t.version_id WHERE v.protocol_id = ?')
      .raw()
      .all(protocolId) as Array<[string, string]>;
    for (const [versionId, cycleId] of rows) {
      const list = tags.get(versionId);
      if (list) list.push(cycleId);
      else tags.set(versionId, [cycleId]);
    }
    return tags;
  }

  getVersion(versionId: string): Version {
    const row = this.db.prepare(`SELECT ${VERSION_COLUMNS}, text FROM versions WHERE id = ?`).get(versionId) as VersionRow | undefined;
    if (!row) throw new NotFoundError(`no version "${versionId}" in this workspace`);
    return { ...this.withTags(row), text: row.text! };
  }

  private getVersionInfo(versionId: string): VersionInfo {
    const row = this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE id = ?`).get(versionId) as VersionRow | undefined;
    if (!row) throw new NotFoundError(`no version "${versionId}" in this workspace`);
    return this.withTags(row);
  }

  /**
   * Finds a version of a protocol by sequence number ("3"), "head", or id (a unique prefix of at least
   * 6 characters will do), as people type them on the command line.
   */
  findVersion(protocolId: string, ref: string): VersionInfo {
    this.requireProtocol(protocolId);
    let row: VersionRow | undefined;
    if (ref === 'head' || ref === '') row = this.headRow(protocolId);
    else if (/^\d+$/.test(ref)) {
      row = this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE protocol_id = ? AND seq = ?`).get(protocolId, Number(ref)) as VersionRow | undefined;
    } else if (ref.length >= 6) {
      const rows = this.db
        .prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE protocol_id = ? AND substr(id, 1, ?) = ? LIMIT 2`)
        .all(protocolId, ref.length, ref) as VersionRow[];
      if (rows.length > 1) throw new InvalidInputError(`"${ref}" matches more than one version of ${protocolId}; give more characters`);
      row = rows[0];
    }
    if (!row) throw new NotFoundError(`${protocolId} has no version "${ref}"`);
    return this.withTags(row);
  }

  /** One version row with the QI cycles tagged onto it later. */
  private withTags(r: VersionRow): VersionInfo {
    const tagged = this.db.prepare('SELECT qi_cycle_id FROM version_cycle_tags WHERE version_id = ?').pluck().all(r.id) as string[];
    return {
      id: r.id,
      protocolId: r.protocol_id,
      seq: r.seq,
      parentId: r.parent_id,
      sha256: r.sha256,
      author: r.author,
      message: r.message,
      createdAt: r.created_at,
      qiCycleId: r.qi_cycle_id,
      qiCycleIds: [...new Set([...(r.qi_cycle_id ? [r.qi_cycle_id] : []), ...tagged])].sort(),
      status: r.status,
      siteName: r.site_name,
      versionLabel: r.version_label,
    };
  }

  /** Makes an old version's text the author's draft, based on the current head. Nothing is lost. */
  restoreVersion(versionId: string, opts: { author: string }): Draft {
    const author = this.actor(opts.author);
    return this.transaction(() => {
      const version = this.getVersion(versionId);
      const head = this.headRow(version.protocolId)!;
      const at = this.timestamp();
      keepReplacedDraft(this.db, version.protocolId, author, version.text, 'restore', at);
      this.writeDraft(version.protocolId, author, version.text, head.id, at);
      appendAudit(this.db, { actor: author, action: 'version.restore', subject: version.protocolId, details: { versionId, seq: version.seq, headId: head.id } }, at);
      return this.getDraft(version.protocolId, author)!;
    });
  }

  // ── QI cycles ─────────────────────────────────────────────────────────────────────────────────

  createQiCycle(input: { protocolId: string; aim: string; start: string; end?: string; id?: string; author: string }): QiCycle {
    const author = this.actor(input.author);
    const aim = checkText(input.aim, 'aim');
    if (aim.trim() === '') throw new InvalidInputError('a QI cycle needs an aim');
    const start = checkDate(input.start, 'start');
    const end = input.end === undefined ? null : checkDate(input.end, 'end');
    if (end !== null && end < start) throw new InvalidInputError(`the cycle ends (${end}) before it starts (${start})`);
    return this.transaction(() => {
      this.requireProtocol(input.protocolId);
      const number = (this.db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM qi_cycles WHERE protocol_id = ?').get(input.protocolId) as { n: number }).n;
      const id = input.id === undefined ? `${input.protocolId}-cycle-${number}` : checkId(input.id, 'cycle id');
      if (this.db.prepare('SELECT 1 FROM qi_cycles WHERE id = ?').get(id)) throw new InvalidInputError(`a QI cycle with id "${id}" already exists`);
      const at = this.timestamp();
      this.db
        .prepare('INSERT INTO qi_cycles (id, protocol_id, number, aim, start_date, end_date, decision, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.protocolId, number, aim, start, end, 'pending', at, author);
      appendAudit(this.db, { actor: author, action: 'qi.create', subject: id, details: { protocolId: input.protocolId, number, aim, start, end } }, at);
      return this.getQiCycle(id);
    });
  }

  /** Records the end date and/or the decision of a cycle (PDSA "act"). */
  /**
   * Records the end date and/or the decision of a cycle (PDSA "act"). Its aim and start can change only
   * while no version was committed in it or tagged with it: after that they are what those versions cite.
   */
  updateQiCycle(id: string, change: { end?: string; decision?: QiDecision; aim?: string; start?: string }, opts: { author: string }): QiCycle {
    const author = this.actor(opts.author);
    if (change.decision !== undefined && !DECISIONS.includes(change.decision)) {
      throw new InvalidInputError(`decision must be one of ${DECISIONS.join(', ')}`);
    }
    if (change.end !== undefined) checkDate(change.end, 'end');
    if (change.start !== undefined) checkDate(change.start, 'start');
    const newAim = change.aim === undefined ? undefined : checkText(change.aim, 'aim');
    if (newAim !== undefined && newAim.trim() === '') throw new InvalidInputError('a QI cycle needs an aim');
    return this.transaction(() => {
      const before = this.getQiCycle(id);
      if ((newAim !== undefined && newAim !== before.aim) || (change.start !== undefined && change.start !== before.start)) this.requireUnusedCycle(before, 'change its aim or start');
      const start = change.start ?? before.start;
      const aim = newAim ?? before.aim;
      const end = change.end ?? before.end;
      if (end !== null && end < start) throw new InvalidInputError(`the cycle ends (${end}) before it starts (${start})`);
      const decision = change.decision ?? before.decision;
      this.db.prepare('UPDATE qi_cycles SET end_date = ?, decision = ?, aim = ?, start_date = ? WHERE id = ?').run(end, decision, aim, start, id);
      appendAudit(this.db, {
        actor: author,
        action: 'qi.update',
        subject: id,
        details: { before: { end: before.end, decision: before.decision, aim: before.aim, start: before.start }, after: { end, decision, aim, start } },
      }, this.timestamp());
      return this.getQiCycle(id);
    });
  }

  /** Deletes a QI cycle no version was committed in or tagged with (one made by mistake). */
  deleteQiCycle(id: string, opts: { author: string }): void {
    const author = this.actor(opts.author);
    this.transaction(() => {
      const cycle = this.getQiCycle(id);
      this.requireUnusedCycle(cycle, 'delete it');
      this.db.prepare('DELETE FROM qi_cycles WHERE id = ?').run(id);
      appendAudit(this.db, { actor: author, action: 'qi.delete', subject: id, details: { protocolId: cycle.protocolId, number: cycle.number, aim: cycle.aim, start: cycle.start, end: cycle.end } }, this.timestamp());
    });
  }

  /** Ids of the protocol's QI cycles that a version was committed in or tagged with. */
  usedQiCycles(protocolId: string): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT qi_cycle_id FROM versions WHERE protocol_id = ? AND qi_cycle_id IS NOT NULL
         UNION SELECT t.qi_cycle_id FROM version_cycle_tags t JOIN qi_cycles c ON c.id = t.qi_cycle_id WHERE c.protocol_id = ?`,
      )
      .pluck()
      .all(protocolId, protocolId) as string[];
    return new Set(rows);
  }

  private requireUnusedCycle(cycle: QiCycle, what: string): void {
    const used =
      (this.db.prepare('SELECT count(*) AS n FROM versions WHERE qi_cycle_id = ?').get(cycle.id) as { n: number }).n +
      (this.db.prepare('SELECT count(*) AS n FROM version_cycle_tags WHERE qi_cycle_id = ?').get(cycle.id) as { n: number }).n;
    if (used > 0) throw new InvalidInputError(`QI cycle ${cycle.id} is cited by ${used} committed ${used === 1 ? 'version' : 'versions'}; you cannot ${what}`);
  }

  getQiCycle(id: string): QiCycle {
    const row = this.db.prepare('SELECT * FROM qi_cycles WHERE id = ?').get(id) as QiRow | undefined;
    if (!row) throw new NotFoundError(`no QI cycle "${id}" in this workspace`);
    return cycleFromRow(row);
  }

  listQiCycles(protocolId?: string): QiCycle[] {
    const rows = (
      protocolId === undefined
        ? this.db.prepare('SELECT * FROM qi_cycles ORDER BY protocol_id, number').all()
        : this.db.prepare('SELECT * FROM qi_cycles WHERE protocol_id = ? ORDER BY number').all(protocolId)
    ) as QiRow[];
    return rows.map(cycleFromRow);
  }

  private requireCycleOf(cycleId: string, protocolId: string): void {
    const cycle = this.getQiCycle(cycleId);
    if (cycle.protocolId !== protocolId) throw new InvalidInputError(`QI cycle ${cycleId} belongs to ${cycle.protocolId}, not ${protocolId}`);
  }

  /** Links an existing version to a QI cycle of the same protocol (the version itself never changes). */
  tagVersion(versionId: string, qiCycleId: string, opts: { author: string }): VersionInfo {
    const author = this.actor(opts.author);
    return this.transaction(() => {
      const version = this.getVersionInfo(versionId);
      this.requireCycleOf(qiCycleId, version.protocolId);
      if (version.qiCycleIds.includes(qiCycleId)) return version;
      const at = this.timestamp();
      this.db.prepare('INSERT INTO version_cycle_tags (version_id, qi_cycle_id, tagged_at, tagged_by) VALUES (?, ?, ?, ?)').run(versionId, qiCycleId, at, author);
      appendAudit(this.db, { actor: author, action: 'version.tag', subject: versionId, details: { qiCycleId, protocolId: version.protocolId } }, at);
      return this.getVersionInfo(versionId);
    });
  }

  // ── rule settings ───────────────────────────────────────────────────────────────────────────

  /** The protocol's rule settings; the empty defaults when none were ever set. */
  getRuleSettings(protocolId: string): RuleSettings {
    this.requireProtocol(protocolId);
    const row = this.db.prepare('SELECT * FROM rule_settings WHERE protocol_id = ?').get(protocolId) as RuleSettingsRow | undefined;
    if (!row) return { protocolId, reference: {}, enabled: [], disabled: [], updatedAt: null, updatedBy: null };
    return {
      protocolId,
      reference: JSON.parse(row.reference) as Record<string, unknown>,
      enabled: JSON.parse(row.enabled) as string[],
      disabled: JSON.parse(row.disabled) as string[],
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  /** Replaces the protocol's rule settings after checking them; audited as `rules.settings` in the same transaction. */
  setRuleSettings(protocolId: string, input: RuleSettingsInput, opts: { author: string }): RuleSettings {
    const author = this.actor(opts.author);
    const settings = checkRuleSettings(input);
    return this.transaction(() => {
      this.requireProtocol(protocolId);
      const at = this.timestamp();
      this.writeRuleSettings(protocolId, settings, at, author);
      appendAudit(this.db, { actor: author, action: 'rules.settings', subject: protocolId, details: { ...settings } }, at);
      return this.getRuleSettings(protocolId);
    });
  }

  /** Writes checked settings without an audit entry: for import, whose audit chain already records them. */
  writeRuleSettings(protocolId: string, settings: RuleSettingsInput, at: string, author: string): void {
    this.db
      .prepare(
        `INSERT INTO rule_settings (protocol_id, reference, enabled, disabled, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (protocol_id) DO UPDATE SET reference = excluded.reference, enabled = excluded.enabled, disabled = excluded.disabled,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(protocolId, JSON.stringify(settings.reference), JSON.stringify(settings.enabled), JSON.stringify(settings.disabled), at, author);
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

interface RuleSettingsRow {
  reference: string;
  enabled: string;
  disabled: string;
  updated_at: string;
  updated_by: string;
}

function draftFromRow(r: DraftRow): Draft {
  return { protocolId: r.protocol_id, author: r.author, text: r.text, parentVersionId: r.parent_version_id, updatedAt: r.updated_at, rebasedOnto: r.rebased_onto };
}

function cycleFromRow(r: QiRow): QiCycle {
  return {
    id: r.id,
    protocolId: r.protocol_id,
    number: r.number,
    aim: r.aim,
    start: r.start_date,
    end: r.end_date,
    decision: r.decision,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}
