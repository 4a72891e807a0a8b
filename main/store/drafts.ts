/** Per-author drafts: autosave (sacred content left out), read, and bringing back a replaced draft. */
import type { Database } from 'better-sqlite3';
import { stripSacredContent } from '../core/review/sacred';
import { appendAudit } from './audit';
import { getReplacedDraft, keepReplacedDraft, listReplacedDrafts, type ReplacedDraft, type ReplaceReason } from './draft-history';
import { InvalidInputError } from './errors';
import { sha256 } from './hash';
import { requireProtocol } from './protocols';
import type { StoreContext } from './store-context';
import type { Draft } from './types';
import { checkText } from './validate-input';
import { headRow, requireNewerBase } from './versions';

interface DraftRow {
  protocol_id: string;
  author: string;
  text: string;
  parent_version_id: string | null;
  updated_at: string;
  rebased_onto: string | null;
}

export interface SaveDraftOptions {
  author: string;
  parentVersionId: string | null;
  rebasedOnto?: string | null;
  replacing?: ReplaceReason;
}

/** Autosaves `author`'s draft of a protocol. Creates no version; the draft remembers its parent. */
export function saveDraft(ctx: StoreContext, protocolId: string, text: string, opts: SaveDraftOptions): Draft {
  const { db } = ctx;
  const author = ctx.actor(opts.author);
  checkText(text, 'draft text');
  // Secret/sacred content is never stored: left out here, the rest of the edit kept (core/review/sacred.ts).
  const sacred = stripSacredContent(text);
  if (sacred.text === null) throw new InvalidInputError(`draft of ${protocolId} not saved: ${sacred.refused}; fix the YAML and it saves again`);
  const kept = sacred.text;
  return ctx.transaction(() => {
    requireProtocol(db, protocolId);
    if (opts.parentVersionId !== null) {
      const parent = db.prepare('SELECT protocol_id FROM versions WHERE id = ?').get(opts.parentVersionId) as { protocol_id: string } | undefined;
      if (!parent || parent.protocol_id !== protocolId) {
        throw new InvalidInputError(`the draft's parent ${String(opts.parentVersionId)} is not a version of ${protocolId}`);
      }
    }
    // Autosaves leave a pending rebase alone; a rebase sets it, and null clears it.
    if (opts.rebasedOnto) requireNewerBase(db, protocolId, opts.rebasedOnto);
    const at = ctx.timestamp();
    // A rebase, template or import replaces the draft wholesale: keep what it replaces.
    const replacing = opts.replacing ?? (opts.rebasedOnto ? 'rebase' : undefined);
    if (replacing) keepReplacedDraft(db, protocolId, author, kept, replacing, at);
    writeDraft(db, protocolId, author, kept, opts.parentVersionId, at);
    if (opts.rebasedOnto !== undefined) {
      db.prepare('UPDATE drafts SET rebased_onto = ? WHERE protocol_id = ? AND author = ?').run(opts.rebasedOnto, protocolId, author);
    }
    appendAudit(db, {
      actor: author,
      action: 'draft.save',
      subject: protocolId,
      details: { sha256: sha256(kept), parentVersionId: opts.parentVersionId, bytes: Buffer.byteLength(kept, 'utf8') },
    }, at);
    return readDraft(db, protocolId, author)!;
  });
}

/** Writes a draft row without an audit entry: callers audit what they did. */
export function writeDraft(db: Database, protocolId: string, author: string, text: string, parentVersionId: string | null, at: string): void {
  db.prepare(
    `INSERT INTO drafts (protocol_id, author, text, parent_version_id, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (protocol_id, author) DO UPDATE SET text = excluded.text, parent_version_id = excluded.parent_version_id, updated_at = excluded.updated_at`,
  ).run(protocolId, author, text, parentVersionId, at);
}

/** The draft of the recorded author `authorId`, or without one the most recently saved draft of anyone. */
export function readDraft(db: Database, protocolId: string, authorId?: string): Draft | null {
  const row = (
    authorId === undefined
      ? db.prepare('SELECT * FROM drafts WHERE protocol_id = ? ORDER BY updated_at DESC, author LIMIT 1').get(protocolId)
      : db.prepare('SELECT * FROM drafts WHERE protocol_id = ? AND author = ?').get(protocolId, authorId)
  ) as DraftRow | undefined;
  return row ? draftFromRow(row) : null;
}

export function listDrafts(db: Database, protocolId: string): Draft[] {
  return (db.prepare('SELECT * FROM drafts WHERE protocol_id = ? ORDER BY author').all(protocolId) as DraftRow[]).map(draftFromRow);
}

/** The drafts of `author` that a restore, rebase, template, import or recovery replaced, newest first. */
export function replacedDrafts(ctx: StoreContext, protocolId: string, author: string): ReplacedDraft[] {
  requireProtocol(ctx.db, protocolId);
  return listReplacedDrafts(ctx.db, protocolId, ctx.actor(author));
}

/** Brings a replaced draft back as `author`'s draft; the draft it replaces is kept in turn. */
export function recoverDraft(ctx: StoreContext, protocolId: string, entryId: number, opts: { author: string }): Draft {
  const { db } = ctx;
  const author = ctx.actor(opts.author);
  return ctx.transaction(() => {
    requireProtocol(db, protocolId);
    const entry = getReplacedDraft(db, entryId, protocolId, author);
    const at = ctx.timestamp();
    keepReplacedDraft(db, protocolId, author, entry.text, 'recover', at);
    const head = headRow(db, protocolId);
    // The draft's own parent if it still exists, else the head: either way a commit is checked against the head.
    writeDraft(db, protocolId, author, entry.text, entry.parentVersionId ?? head?.id ?? null, at);
    appendAudit(db, { actor: author, action: 'draft.recover', subject: protocolId, details: { entryId, sha256: sha256(entry.text), replacedAt: entry.replacedAt } }, at);
    return readDraft(db, protocolId, author)!;
  });
}

function draftFromRow(r: DraftRow): Draft {
  return { protocolId: r.protocol_id, author: r.author, text: r.text, parentVersionId: r.parent_version_id, updatedAt: r.updated_at, rebasedOnto: r.rebased_onto };
}
