/** What adds versions: creating a protocol (its version 1), committing a draft, restoring an old version as a draft. */
import { randomUUID } from 'node:crypto';
import { gateText, refusalLine } from '../core/gate';
import { appendAudit } from './audit';
import { keepReplacedDraft } from './draft-history';
import { readDraft, writeDraft } from './drafts';
import { ConflictError, InvalidInputError, NothingToCommitError, RefusedTextError, StoreError } from './errors';
import { sha256 } from './hash';
import { chooseProtocolId, getProtocol, requireProtocol } from './protocols';
import { addCycle, setVersionLabel } from '../core/qi';
import { cycleForCommit } from './qi-cycles';
import { versionRecordHash } from './record-payload';
import type { StoreContext } from './store-context';
import type { CommitOptions, CreateProtocolInput, Draft, ProtocolSummary, VersionInfo } from './types';
import { checkId, checkMessage, checkName, checkText, slugify } from './validate-input';
import { getVersion, getVersionInfo, headRow, requireNewerBase } from './versions';
import { markAsAdaptation, readHeadFacts } from './yaml-meta';

/** Creates a protocol from a template text, a file, or as an adaptation of a base version; commits version 1. */
export function createProtocol(ctx: StoreContext, input: CreateProtocolInput): ProtocolSummary {
  const { db } = ctx;
  const author = ctx.actor(input.author);
  if ([input.template, input.base, input.file].filter(Boolean).length !== 1) throw new InvalidInputError('give one of a template, a base version or a file');
  return ctx.transaction(() => {
    let text: string;
    let id: string;
    let title: string;
    let message: string;
    if (input.adaptationOf && !input.template) throw new InvalidInputError('an adaptation link comes with a text that names its base');
    if (input.adaptationOf) {
      const base = getVersion(db, input.adaptationOf.versionId);
      if (base.protocolId !== input.adaptationOf.protocolId) {
        throw new InvalidInputError(`version ${base.id} belongs to protocol ${base.protocolId}, not ${input.adaptationOf.protocolId}`);
      }
    }
    if (input.template) {
      checkId(input.template.id, 'template id');
      text = checkText(input.template.text, `template ${input.template.id}`);
      const facts = readHeadFacts(text);
      title = input.title?.trim() || facts.title || input.template.id;
      id = chooseProtocolId(db, input.id, facts.id ?? slugify(title), input.template.id);
      message = `Created from template ${input.template.id}`;
    } else if (input.file) {
      text = checkText(input.file.text, input.file.name);
      const facts = readHeadFacts(text);
      title = input.title?.trim() || facts.title || input.file.name;
      id = chooseProtocolId(db, input.id, facts.id ?? slugify(title), input.file.name.replace(/\.[^.]*$/, ''));
      message = `Imported from ${input.file.name}`;
    } else {
      const base = getVersion(db, input.base!.versionId);
      if (base.protocolId !== input.base!.protocolId) {
        throw new InvalidInputError(`version ${base.id} belongs to protocol ${base.protocolId}, not ${input.base!.protocolId}`);
      }
      const baseProtocol = getProtocol(db, base.protocolId);
      title = input.title?.trim() || `${baseProtocol.title} (adaptation)`;
      id = chooseProtocolId(db, input.id, slugify(title), `${base.protocolId}-adaptation`);
      const baseFacts = readHeadFacts(base.text);
      text = markAsAdaptation(base.text, {
        id,
        basedOn: { protocol: baseFacts.id ?? base.protocolId, version: base.versionLabel ?? String(base.seq) },
      });
      message = `Adapted from ${base.protocolId} version ${base.seq}`;
    }
    checkName(title, 'title', 500);
    const link = input.base ?? input.adaptationOf;
    const at = ctx.timestamp();
    db.prepare(
      'INSERT INTO protocols (id, title, created_at, created_by, template_id, base_protocol_id, base_version_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, title, at, author, input.template?.id ?? null, link?.protocolId ?? null, link?.versionId ?? null);
    appendAudit(db, { actor: author, action: 'protocol.create', subject: id, details: { title, template: input.template?.id ?? null, base: link ?? null, ...(input.file ? { file: input.file.name } : {}) } }, at);
    writeDraft(db, id, author, text, null, at);
    commitDraft(ctx, id, { author, message, expectedParentId: null });
    return getProtocol(db, id);
  });
}

/**
 * Commits `author`'s draft as a new immutable version. Refused with ConflictError when the head moved
 * since the draft was based on it (the draft is kept), and with NothingToCommitError when the text
 * equals the head.
 */
export function commit(ctx: StoreContext, protocolId: string, opts: CommitOptions): VersionInfo {
  try {
    return ctx.transaction(() => commitDraft(ctx, protocolId, opts));
  } catch (err) {
    if (err instanceof StoreError) auditRefusedCommit(ctx, protocolId, opts, err);
    throw err;
  }
}

/** A refused commit changes nothing but this audit entry (written after the rollback). */
function auditRefusedCommit(ctx: StoreContext, protocolId: string, opts: CommitOptions, err: StoreError): void {
  let actor: string;
  try {
    actor = ctx.actor(opts.author);
  } catch {
    return; // nobody to attribute it to: the refusal itself is about the actor
  }
  // A refused text is described by codes and places only: its messages may quote what was typed, and a
  // secret/sacred passage must never reach the immutable audit log.
  const details =
    err instanceof RefusedTextError
      ? { reason: err.name, problems: err.diagnostics.slice(0, 20).map((d) => ({ code: d.code, line: d.range.start.line, column: d.range.start.column })) }
      : { reason: err.name, message: err.message.slice(0, 2000) };
  ctx.transaction(() => appendAudit(ctx.db, { actor, action: 'version.commit_refused', subject: String(protocolId).slice(0, 200), details }, ctx.timestamp()));
}

function commitDraft(ctx: StoreContext, protocolId: string, opts: CommitOptions): VersionInfo {
  const { db } = ctx;
  const author = ctx.actor(opts.author);
  const message = checkMessage(opts.message);
  requireProtocol(db, protocolId);
  const draft = readDraft(db, protocolId, author);
  if (!draft) throw new InvalidInputError(`${author} has no draft of ${protocolId} to commit; save a draft first`);
  if (opts.qiCycleId !== undefined && opts.newQiCycle !== undefined) throw new InvalidInputError('give an existing QI cycle or a new one, not both');
  let gate = gateText(draft.text);
  if (!gate.ok) {
    throw new RefusedTextError(
      `cannot commit ${protocolId}: ${refusalLine(gate, 'the draft')}. Nothing was committed; the draft keeps the text so it can be fixed.`,
      gate.refusals,
    );
  }
  // A new cycle and an accepted version label are written into the text here, inside the commit's
  // transaction: a refused commit rolls them back with everything else, and the draft stays as it was.
  const at = ctx.timestamp();
  let qiCycleId = opts.qiCycleId;
  if (opts.newQiCycle || opts.versionLabel !== undefined) {
    let text = draft.text;
    try {
      if (opts.newQiCycle) {
        const added = addCycle(text, opts.newQiCycle);
        text = added.text;
        qiCycleId = added.cycle.id;
      }
      if (opts.versionLabel !== undefined) text = setVersionLabel(text, checkName(opts.versionLabel, 'version label', 100));
    } catch (e) {
      if (e instanceof Error && (e.name === 'CycleEditError' || e.name === 'FormEditError')) throw new InvalidInputError(e.message);
      throw e;
    }
    writeDraft(db, protocolId, author, text, draft.parentVersionId, at);
    draft.text = text;
    gate = gateText(text);
    if (!gate.ok) throw new RefusedTextError(`cannot commit ${protocolId}: ${refusalLine(gate, 'the text with the new cycle or label')}. Nothing was committed.`, gate.refusals);
  }
  const head = headRow(db, protocolId);
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
  const cycleKey = cycleForCommit(ctx, protocolId, gate.parsed.value, qiCycleId, author, at);
  const rebasedOnto = opts.rebasedOnto ?? draft.rebasedOnto;
  const rebase = rebasedOnto ? requireNewerBase(db, protocolId, rebasedOnto) : null;
  const facts = readHeadFacts(draft.text);
  const id = randomUUID();
  const seq = (head?.seq ?? 0) + 1;
  db.prepare(
    `INSERT INTO versions (id, protocol_id, seq, parent_id, text, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, protocolId, seq, headId, draft.text, hash, author, message, at, cycleKey, facts.status, facts.siteName, facts.versionLabel);
  db.prepare('DELETE FROM drafts WHERE protocol_id = ? AND author = ?').run(protocolId, author);
  appendAudit(db, { actor: author, action: 'version.commit', subject: id, details: { protocolId, seq, sha256: hash, parentId: headId, message, qiCycleId: cycleKey, recordSha256: versionRecordHash({ id, protocolId, seq, parentId: headId, sha256: hash, author, message, createdAt: at, qiCycleId: cycleKey }) } }, at);
  if (rebase) {
    // The committed text now carries the newer base's changes, so "site against base" must compare with it.
    db.prepare('UPDATE protocols SET base_version_id = ? WHERE id = ?').run(rebase.to, protocolId);
    appendAudit(db, { actor: author, action: 'protocol.rebase', subject: protocolId, details: { versionId: id, baseProtocolId: rebase.baseProtocolId, from: rebase.from, to: rebase.to } }, at);
  }
  return getVersionInfo(db, id);
}

/** Makes an old version's text the author's draft, based on the current head. Nothing is lost. */
export function restoreVersion(ctx: StoreContext, versionId: string, opts: { author: string }): Draft {
  const { db } = ctx;
  const author = ctx.actor(opts.author);
  return ctx.transaction(() => {
    const version = getVersion(db, versionId);
    const head = headRow(db, version.protocolId)!;
    const at = ctx.timestamp();
    keepReplacedDraft(db, version.protocolId, author, version.text, 'restore', at);
    writeDraft(db, version.protocolId, author, version.text, head.id, at);
    appendAudit(db, { actor: author, action: 'version.restore', subject: version.protocolId, details: { versionId, seq: version.seq, headId: head.id } }, at);
    return readDraft(db, version.protocolId, author)!;
  });
}
