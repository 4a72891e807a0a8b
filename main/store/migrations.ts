/**
 * Schema migrations, applied in order. `PRAGMA user_version` holds how many have been applied, so each
 * entry must never change once released: add a new entry instead.
 */
import type { Database } from 'better-sqlite3';
import { REVIEW_WITHHOLD_MIGRATION } from './review-schema';

const immutable = (table: string, what: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} are immutable: they cannot be changed'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} are immutable: they cannot be deleted'); END;
`;

/** The store's own migrations. */
export const STORE_MIGRATIONS: string[] = [
  // 1: protocols, immutable versions, drafts, QI cycles, the hash-chained audit log.
  `
CREATE TABLE protocols (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  template_id TEXT,
  base_protocol_id TEXT REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  base_version_id TEXT REFERENCES versions(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE qi_cycles (
  id TEXT PRIMARY KEY,
  protocol_id TEXT NOT NULL REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  number INTEGER NOT NULL,
  aim TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('adopt', 'adapt', 'abandon', 'pending')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (protocol_id, number)
) STRICT;

CREATE TABLE versions (
  id TEXT PRIMARY KEY,
  protocol_id TEXT NOT NULL REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  parent_id TEXT REFERENCES versions(id) DEFERRABLE INITIALLY DEFERRED,
  sha256 TEXT NOT NULL,
  author TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  qi_cycle_id TEXT REFERENCES qi_cycles(id) DEFERRABLE INITIALLY DEFERRED,
  -- Parsed from the text at commit time so listing never reparses YAML.
  status TEXT,
  site_name TEXT,
  version_label TEXT,
  -- Last, so reading the other columns never walks the overflow pages of a long text.
  text TEXT NOT NULL,
  UNIQUE (protocol_id, seq)
) STRICT;
${immutable('versions', 'versions')}

-- Tagging a version with a QI cycle after the fact (the version row itself never changes).
CREATE TABLE version_cycle_tags (
  version_id TEXT NOT NULL REFERENCES versions(id) DEFERRABLE INITIALLY DEFERRED,
  qi_cycle_id TEXT NOT NULL REFERENCES qi_cycles(id) DEFERRABLE INITIALLY DEFERRED,
  tagged_at TEXT NOT NULL,
  tagged_by TEXT NOT NULL,
  PRIMARY KEY (version_id, qi_cycle_id)
) STRICT;

-- One autosaved draft per protocol and author, so two people editing the same protocol never
-- overwrite each other's unsaved work.
CREATE TABLE drafts (
  protocol_id TEXT NOT NULL REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  author TEXT NOT NULL,
  parent_version_id TEXT REFERENCES versions(id) DEFERRABLE INITIALLY DEFERRED,
  updated_at TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (protocol_id, author)
) STRICT;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_subject ON audit_log (subject, action);
${immutable('audit_log', 'audit entries')}
`,
];

/**
 * Store migrations added after the review records' migrations; ALL_MIGRATIONS appends them after those,
 * so existing workspaces keep their numbering.
 */
export const LATER_STORE_MIGRATIONS: string[] = [
  // History listing reads this index alone, newest first: every listed column, never the text.
  `
CREATE INDEX versions_history ON versions
  (protocol_id, seq DESC, id, parent_id, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label);
`,
  // A rebased draft remembers the newer base version it took in, so committing it moves the adaptation's base.
  `
ALTER TABLE drafts ADD COLUMN rebased_onto TEXT REFERENCES versions(id) DEFERRABLE INITIALLY DEFERRED;
`,
  // A site's rule settings per protocol: reference-value overrides (JSON object) and rules switched on/off (JSON lists).
  `
CREATE TABLE rule_settings (
  protocol_id TEXT PRIMARY KEY REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  reference TEXT NOT NULL,
  enabled TEXT NOT NULL,
  disabled TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
`,
  // The people register (issue 13): records name people by id. Roles are a JSON list.
  // The draft history keeps every draft a restore, rebase, template or recovery replaced, so nothing is lost.
  `
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  community TEXT,
  nation TEXT,
  contact TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

CREATE TABLE draft_history (
  id INTEGER PRIMARY KEY,
  protocol_id TEXT NOT NULL REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  author TEXT NOT NULL,
  parent_version_id TEXT,
  saved_at TEXT NOT NULL,
  replaced_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  text TEXT NOT NULL
) STRICT;
CREATE INDEX draft_history_author ON draft_history (protocol_id, author, id);
`,
  // Records from before the register hold typed names. Each such name is an alias of a person: the registered
  // person of that name, else a legacy person (no roles) standing for it, so every record resolves to a person
  // id without rewriting immutable rows (legacy-names.ts fills these).
  `
ALTER TABLE people ADD COLUMN legacy INTEGER NOT NULL DEFAULT 0 CHECK (legacy IN (0, 1));
CREATE TABLE person_aliases (
  name TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX person_aliases_person ON person_aliases (person_id);
`,
  // A keeper withholding a section in review is its own kind of review event.
  REVIEW_WITHHOLD_MIGRATION,
];

/** Triggers that `verify` expects to find; a missing one means someone tampered with the file. */
export const REQUIRED_TRIGGERS = ['versions_no_update', 'versions_no_delete', 'audit_log_no_update', 'audit_log_no_delete'];

/**
 * Applies the migrations not yet applied, all in one transaction, and records the count in
 * `user_version`. Refuses a file written by a newer release rather than guessing.
 */
export function applyMigrations(db: Database, migrations: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `this workspace has schema version ${current}, newer than this release understands (${migrations.length}); update Protocol Studio`,
    );
  }
  if (current === migrations.length) return;
  db.transaction(() => {
    for (const sql of migrations.slice(current)) db.exec(sql);
    // PRAGMA takes no bound parameters; the value is an integer we computed.
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}
