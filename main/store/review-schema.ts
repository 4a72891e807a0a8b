/**
 * SQL for the review records (issue 5). The workspace appends these to its migration list: entry `i`
 * runs once, at the next `user_version` after the workspace's own migrations.
 *
 * - `review_requests`: a section of a protocol was put in front of a named reviewer on one track.
 * - `review_events`: what a reviewer did (approve / request_changes / withhold / comment). Each event records the
 *   SHA-256 of the section's normalized content and a snapshot of that content, kept inside the
 *   workspace file only, so a lapsed sign-off can show what changed since it was given.
 *
 * Both tables are append-only: a sign-off is never edited, a newer event supersedes it.
 */
const appendOnly = (table: string, what: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} are a record: they cannot be changed'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} are a record: they cannot be deleted'); END;
`;

/** Triggers that `verify` expects to find on the review tables. */
export const REVIEW_TRIGGERS = ['review_requests_no_update', 'review_requests_no_delete', 'review_events_no_update', 'review_events_no_delete'];

/**
 * A keeper's withholding is its own kind of review event. SQLite cannot change a CHECK, so the table is
 * rebuilt with every row copied as it was (same ids), and its index and append-only triggers made again.
 * Appended to the store's later migrations (migrations.ts), which run after these.
 */
export const REVIEW_WITHHOLD_MIGRATION = `
CREATE TABLE review_events_new (
  id            INTEGER PRIMARY KEY,
  protocol_id   TEXT NOT NULL REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  section_key   TEXT NOT NULL,
  track         TEXT NOT NULL CHECK (track IN ('cultural', 'medical')),
  version_id    TEXT REFERENCES versions(id) DEFERRABLE INITIALLY DEFERRED,
  kind          TEXT NOT NULL CHECK (kind IN ('approve', 'request_changes', 'withhold', 'comment')),
  reviewer      TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
  role          TEXT NOT NULL,
  note          TEXT,
  at            TEXT NOT NULL,
  content_hash  TEXT NOT NULL CHECK (length(content_hash) = 64),
  snapshot      TEXT NOT NULL,
  CHECK (kind NOT IN ('request_changes', 'withhold') OR length(trim(coalesce(note, ''))) > 0)
) STRICT;
INSERT INTO review_events_new (id, protocol_id, section_key, track, version_id, kind, reviewer, role, note, at, content_hash, snapshot)
  SELECT id, protocol_id, section_key, track, version_id, kind, reviewer, role, note, at, content_hash, snapshot FROM review_events ORDER BY id;
DROP TABLE review_events;
ALTER TABLE review_events_new RENAME TO review_events;
CREATE INDEX review_events_section ON review_events (protocol_id, section_key, track, id);
${appendOnly('review_events', 'sign-offs and review notes')}
`;

export const REVIEW_MIGRATIONS: string[] = [
  // 1: review requests and review events, append-only.
  `
CREATE TABLE review_requests (
  id            INTEGER PRIMARY KEY,
  protocol_id   TEXT NOT NULL REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  section_key   TEXT NOT NULL,
  track         TEXT NOT NULL CHECK (track IN ('cultural', 'medical')),
  reviewer      TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
  role          TEXT NOT NULL,
  version_id    TEXT REFERENCES versions(id) DEFERRABLE INITIALLY DEFERRED,
  requested_by  TEXT NOT NULL,
  requested_at  TEXT NOT NULL,
  content_hash  TEXT NOT NULL CHECK (length(content_hash) = 64),
  note          TEXT
) STRICT;
CREATE INDEX review_requests_section ON review_requests (protocol_id, section_key, track);

CREATE TABLE review_events (
  id            INTEGER PRIMARY KEY,
  protocol_id   TEXT NOT NULL REFERENCES protocols(id) DEFERRABLE INITIALLY DEFERRED,
  section_key   TEXT NOT NULL,
  track         TEXT NOT NULL CHECK (track IN ('cultural', 'medical')),
  version_id    TEXT REFERENCES versions(id) DEFERRABLE INITIALLY DEFERRED,
  kind          TEXT NOT NULL CHECK (kind IN ('approve', 'request_changes', 'comment')),
  reviewer      TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
  role          TEXT NOT NULL,
  note          TEXT,
  at            TEXT NOT NULL,
  content_hash  TEXT NOT NULL CHECK (length(content_hash) = 64),
  snapshot      TEXT NOT NULL,
  CHECK (kind <> 'request_changes' OR length(trim(coalesce(note, ''))) > 0)
) STRICT;
CREATE INDEX review_events_section ON review_events (protocol_id, section_key, track, id);
${appendOnly('review_requests', 'review requests')}
${appendOnly('review_events', 'sign-offs and review notes')}
`,
];
