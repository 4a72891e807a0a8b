/**
 * Names recorded before the people register. Workspaces that began without a register hold typed names in
 * their records (version authors, drafts, review requests and events, audit actors). Once the workspace has a
 * register, each such name becomes an alias: of the registered person with that name (same name key), else of
 * a legacy person (no roles, never an actor) standing for everyone who typed it that way. Immutable rows keep
 * what they recorded; reading resolves them through the aliases. Drafts, which are mutable and keyed by
 * author, are moved to the person id so the person finds them.
 */
import type { Database } from 'better-sqlite3';
import { idFromName, nameKey } from '../core/people';
import { appendAudit } from './audit';
import { keepReplacedDraft } from './draft-history';

/** Columns that record who did something. */
const RECORDED_ACTORS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['versions', 'author'],
  ['drafts', 'author'],
  ['draft_history', 'author'],
  ['protocols', 'created_by'],
  ['qi_cycles', 'created_by'],
  ['version_cycle_tags', 'tagged_by'],
  ['rule_settings', 'updated_by'],
  ['review_requests', 'reviewer'],
  ['review_requests', 'requested_by'],
  ['review_events', 'reviewer'],
  ['audit_log', 'actor'],
];

/** The audit actor of an adoption that ran on opening the workspace rather than for someone adding a person. */
export const OPENING_ACTOR = 'workspace opened';

/** The person id a recorded actor stands for: itself for an id, the alias's person for a legacy name, else as recorded. */
export function personOf(db: Database, recorded: string): string {
  const alias = db.prepare('SELECT person_id FROM person_aliases WHERE name = ?').pluck().get(recorded) as string | undefined;
  return alias ?? recorded;
}

/** Names recorded anywhere that are neither a person id nor an alias yet. */
function unmappedNames(db: Database): string[] {
  const union = RECORDED_ACTORS.map(([table, column]) => `SELECT ${column} AS name FROM ${table}`).join(' UNION ');
  return db
    .prepare(
      `SELECT name FROM (${union}) WHERE name NOT IN (SELECT id FROM people) AND name NOT IN (SELECT name FROM person_aliases) AND name <> ? ORDER BY name`,
    )
    .pluck()
    .all(OPENING_ACTOR) as string[];
}

/** True when the workspace has a register and some record still names someone who is not mapped to a person. */
export function legacyNamesPending(db: Database): boolean {
  return db.prepare('SELECT 1 FROM people WHERE legacy = 0 LIMIT 1').get() !== undefined && unmappedNames(db).length > 0;
}

function freeId(db: Database, base: string): string {
  const taken = db.prepare('SELECT 1 FROM people WHERE id = ?');
  let id = base;
  for (let n = 2; taken.get(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Maps every recorded name to a person (see the module comment), audited as `people.legacy_names` by `actor`.
 * Does nothing in a workspace without a register (there, names are what records hold). Run inside a transaction.
 */
export function adoptLegacyNames(db: Database, actor: string, at: string): void {
  const names = legacyNamesPending(db) ? unmappedNames(db) : [];
  if (names.length === 0) return;
  const people = db.prepare('SELECT id, name FROM people').all() as Array<{ id: string; name: string }>;
  const byKey = new Map(people.map((p) => [nameKey(p.name), p.id]));
  const insertPerson = db.prepare("INSERT INTO people (id, name, roles, community, nation, contact, created_at, created_by, legacy) VALUES (?, ?, '[]', NULL, NULL, NULL, ?, ?, 1)");
  const insertAlias = db.prepare('INSERT INTO person_aliases (name, person_id) VALUES (?, ?)');
  const aliases: Record<string, string> = {};
  for (const name of names) {
    const key = nameKey(name) || name;
    let id = byKey.get(key);
    if (id === undefined) {
      id = freeId(db, `legacy-${idFromName(name) ?? 'person'}`.slice(0, 70));
      insertPerson.run(id, name, at, id);
      byKey.set(key, id);
    }
    insertAlias.run(name, id);
    aliases[name] = id;
    moveDrafts(db, name, id, at);
  }
  appendAudit(db, { actor, action: 'people.legacy_names', subject: 'people', details: { aliases } }, at);
}

/**
 * A newly registered person whose name is a legacy person's takes that person's place: the aliases point
 * to them, the legacy person goes. Run inside a transaction, after the person is inserted.
 */
export function claimLegacyNames(db: Database, personId: string, name: string, at: string): void {
  const key = nameKey(name);
  const legacy = (db.prepare('SELECT id, name FROM people WHERE legacy = 1').all() as Array<{ id: string; name: string }>).filter((p) => nameKey(p.name) === key);
  for (const p of legacy) {
    const names = db.prepare('SELECT name FROM person_aliases WHERE person_id = ?').pluck().all(p.id) as string[];
    db.prepare('UPDATE person_aliases SET person_id = ? WHERE person_id = ?').run(personId, p.id);
    db.prepare('DELETE FROM people WHERE id = ?').run(p.id);
    for (const n of names) moveDrafts(db, n, personId, at);
  }
}

/**
 * Drafts are keyed by author: a draft saved under a name becomes the person's. Where the person already has a
 * draft of that protocol, the older of the two is kept in the draft history (nothing is lost).
 */
function moveDrafts(db: Database, name: string, personId: string, at: string): void {
  const drafts = db.prepare('SELECT protocol_id, updated_at, text FROM drafts WHERE author = ?').all(name) as Array<{ protocol_id: string; updated_at: string; text: string }>;
  for (const d of drafts) {
    const own = db.prepare('SELECT updated_at, text FROM drafts WHERE protocol_id = ? AND author = ?').get(d.protocol_id, personId) as { updated_at: string; text: string } | undefined;
    if (own && own.updated_at >= d.updated_at) {
      keepReplacedDraft(db, d.protocol_id, name, own.text, 'merge', at);
      db.prepare('DELETE FROM drafts WHERE protocol_id = ? AND author = ?').run(d.protocol_id, name);
      continue;
    }
    if (own) {
      keepReplacedDraft(db, d.protocol_id, personId, d.text, 'merge', at);
      db.prepare('DELETE FROM drafts WHERE protocol_id = ? AND author = ?').run(d.protocol_id, personId);
    }
    db.prepare('UPDATE drafts SET author = ? WHERE protocol_id = ? AND author = ?').run(personId, d.protocol_id, name);
  }
  db.prepare('UPDATE draft_history SET author = ? WHERE author = ?').run(personId, name);
}
