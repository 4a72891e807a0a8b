/**
 * The short history of replaced drafts: when a restore, rebase, template, import or recovery replaces
 * someone's unsaved draft, the replaced text is kept here first, so it can be brought back.
 * Autosaves of the same draft are not kept (they would flood it); only replacements are.
 */
import type { Database } from 'better-sqlite3';
import { NotFoundError } from './errors';

/** How many replaced drafts are kept per protocol and person; the oldest go first. */
export const DRAFT_HISTORY_LIMIT = 20;

/** `merge`: two drafts of one person (a name recorded before the register, and their id) became one. */
export type ReplaceReason = 'restore' | 'rebase' | 'template' | 'import' | 'recover' | 'merge';

export interface ReplacedDraft {
  id: number;
  protocolId: string;
  author: string;
  text: string;
  parentVersionId: string | null;
  savedAt: string;
  replacedAt: string;
  reason: string;
}

interface Row {
  id: number;
  protocol_id: string;
  author: string;
  text: string;
  parent_version_id: string | null;
  saved_at: string;
  replaced_at: string;
  reason: string;
}

const fromRow = (r: Row): ReplacedDraft => ({
  id: r.id,
  protocolId: r.protocol_id,
  author: r.author,
  text: r.text,
  parentVersionId: r.parent_version_id,
  savedAt: r.saved_at,
  replacedAt: r.replaced_at,
  reason: r.reason,
});

/**
 * Keeps `author`'s current draft of a protocol before it is replaced by `newText`; nothing is kept when
 * there is no draft or its text is unchanged. Returns the kept entry's id. Run inside a transaction.
 */
export function keepReplacedDraft(db: Database, protocolId: string, author: string, newText: string, reason: ReplaceReason, at: string): number | null {
  const current = db.prepare('SELECT text, parent_version_id, updated_at FROM drafts WHERE protocol_id = ? AND author = ?').get(protocolId, author) as
    | { text: string; parent_version_id: string | null; updated_at: string }
    | undefined;
  if (!current || current.text === newText) return null;
  const { lastInsertRowid } = db
    .prepare('INSERT INTO draft_history (protocol_id, author, parent_version_id, saved_at, replaced_at, reason, text) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(protocolId, author, current.parent_version_id, current.updated_at, at, reason, current.text);
  db.prepare(
    `DELETE FROM draft_history WHERE protocol_id = ? AND author = ? AND id NOT IN
       (SELECT id FROM draft_history WHERE protocol_id = ? AND author = ? ORDER BY id DESC LIMIT ?)`,
  ).run(protocolId, author, protocolId, author, DRAFT_HISTORY_LIMIT);
  return Number(lastInsertRowid);
}

/** `author`'s replaced drafts of a protocol, newest first. */
export function listReplacedDrafts(db: Database, protocolId: string, author: string): ReplacedDraft[] {
  return (db.prepare('SELECT * FROM draft_history WHERE protocol_id = ? AND author = ? ORDER BY id DESC').all(protocolId, author) as Row[]).map(fromRow);
}

export function getReplacedDraft(db: Database, id: number, protocolId: string, author: string): ReplacedDraft {
  const row = db.prepare('SELECT * FROM draft_history WHERE id = ? AND protocol_id = ? AND author = ?').get(id, protocolId, author) as Row | undefined;
  if (!row) throw new NotFoundError(`no replaced draft ${id} of ${protocolId} for ${author}`);
  return fromRow(row);
}

/** Every replaced draft of a protocol, whoever's, oldest first (for export). */
export function listReplacedDraftsOf(db: Database, protocolId: string): ReplacedDraft[] {
  return (db.prepare('SELECT * FROM draft_history WHERE protocol_id = ? ORDER BY id').all(protocolId) as Row[]).map(fromRow);
}
