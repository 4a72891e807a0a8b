/** Immutability, tamper detection and migrations. Tampering is done with a raw SQLite connection. */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STORE_MIGRATIONS, applyMigrations } from '../../main/store/migrations';
import { ALL_MIGRATIONS } from '../../main/store/schema';
import { Workspace } from '../../main/store/workspace';
import { approve, requestReview } from '../../main/store/review-store';
import { committable, PROTOCOL_TEXT } from '../core/review/fixture';
import { TEMPLATE_TEXT, tempWorkspace, track } from './helpers';

const author = 'QI lead';

function withVersions(): { ws: Workspace; protocolId: string; v2: string } {
  const ws = tempWorkspace();
  const p = ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT }, author });
  ws.saveDraft(p.id, TEMPLATE_TEXT + '# second\n', { author, parentVersionId: p.headVersionId });
  const v2 = ws.commit(p.id, { author, message: 'second', expectedParentId: p.headVersionId });
  return { ws, protocolId: p.id, v2: v2.id };
}

/** Closes the workspace, lets `fn` tamper with the file directly, and reopens it. */
function tamper(ws: Workspace, fn: (db: Database.Database) => void): Workspace {
  ws.close();
  const raw = new Database(ws.file);
  try {
    fn(raw);
  } finally {
    raw.close();
  }
  return track(Workspace.open(ws.file));
}

describe('immutability', () => {
  it('refuses UPDATE and DELETE on versions and audit entries', () => {
    const { ws, v2 } = withVersions();
    expect(() => ws.db.prepare("UPDATE versions SET text = 'x' WHERE id = ?").run(v2)).toThrow(/immutable/);
    expect(() => ws.db.prepare('DELETE FROM versions WHERE id = ?').run(v2)).toThrow(/immutable/);
    expect(() => ws.db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/immutable/);
    expect(() => ws.db.prepare('DELETE FROM audit_log').run()).toThrow(/immutable/);
    expect(ws.verify().ok).toBe(true);
  });
});

describe('verify detects hand edits made with the triggers dropped', () => {
  it('a version text edited: names the version row', () => {
    const { ws, v2 } = withVersions();
    const after = tamper(ws, (db) => {
      db.exec('DROP TRIGGER versions_no_update');
      db.prepare("UPDATE versions SET text = text || 'x' WHERE id = ?").run(v2);
    });
    const { ok, problems } = after.verify();
    expect(ok).toBe(false);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'version-hash', id: v2, rowid: 2 }));
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'trigger-missing' }));
  });

  it('a version text and its hash column rewritten together: caught by the audit record of the commit', () => {
    const { ws, v2 } = withVersions();
    const after = tamper(ws, (db) => {
      db.exec('DROP TRIGGER versions_no_update');
      db.function('sha256_hex', (t: string) => createHash('sha256').update(t, 'utf8').digest('hex'));
      db.prepare("UPDATE versions SET text = 'forged: true\n', sha256 = sha256_hex('forged: true\n') WHERE id = ?").run(v2);
      // Put the trigger back so only the audit cross-check can notice.
      db.exec("CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions BEGIN SELECT RAISE(ABORT, 'versions are immutable: they cannot be changed'); END;");
    });
    const { problems } = after.verify();
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'version-hash', id: v2, message: expect.stringMatching(/recorded in the audit log/) }),
      expect.objectContaining({ kind: 'version-record', id: v2, message: expect.stringMatching(/record hash differs/) }),
    ]);
  });

  it('an audit row edited: names the row', () => {
    const { ws } = withVersions();
    const after = tamper(ws, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2").run();
    });
    expect(after.verify().problems).toContainEqual(expect.objectContaining({ kind: 'audit-hash', rowid: 2 }));
  });

  it('an audit row deleted from the middle: the chain breaks at the next row', () => {
    const { ws } = withVersions();
    const after = tamper(ws, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    });
    const problems = after.verify().problems;
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'audit-chain', rowid: 3 }));
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'audit-missing' }));
  });

  it('the newest version deleted: the commit recorded in the audit log without its version is named', () => {
    const { ws, v2 } = withVersions();
    const after = tamper(ws, (db) => {
      db.exec('DROP TRIGGER versions_no_delete');
      db.prepare('DELETE FROM versions WHERE id = ?').run(v2);
    });
    const problems = after.verify().problems.filter((p) => p.kind !== 'trigger-missing');
    expect(problems).toEqual([expect.objectContaining({ kind: 'version-missing', table: 'audit_log', message: expect.stringMatching(/records a commit \(.*@2\) whose version is no longer in the workspace/) })]);
  });

  it('a version deleted: the chain of versions and the foreign keys show it', () => {
    const { ws, protocolId } = withVersions();
    const after = tamper(ws, (db) => {
      db.pragma('foreign_keys = OFF');
      db.exec('DROP TRIGGER versions_no_delete');
      db.prepare('DELETE FROM versions WHERE protocol_id = ? AND seq = 1').run(protocolId);
    });
    const kinds = after.verify().problems.map((p) => p.kind);
    expect(kinds).toContain('version-chain');
    expect(kinds).toContain('foreign-key');
  });
});

describe('migrations', () => {
  it('sets user_version to the number of migrations; reopening changes nothing', () => {
    const { ws, protocolId } = withVersions();
    expect(ws.db.pragma('user_version', { simple: true })).toBe(ALL_MIGRATIONS.length);
    expect(ALL_MIGRATIONS.length).toBeGreaterThanOrEqual(STORE_MIGRATIONS.length);
    const schema = ws.db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
    ws.close();
    const again = track(Workspace.open(ws.file));
    expect(again.db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    expect(again.history(protocolId)).toHaveLength(2);
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(again.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('applies only the missing migrations, in one transaction; a failing one leaves nothing behind', () => {
    const db = new Database(':memory:');
    applyMigrations(db, ['CREATE TABLE a (x INTEGER)']);
    applyMigrations(db, ['CREATE TABLE a (x INTEGER)', 'CREATE TABLE b (y INTEGER)']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(() => applyMigrations(db, ['-', '-', 'CREATE TABLE c (z INTEGER); CREATE TABLE broken (']))
      .toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'c'").get()).toBeUndefined();
    db.close();
  });

  it('history is answered from the covering index alone (no table rows, no texts)', () => {
    const { ws, protocolId } = withVersions();
    const plan = ws.db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id, seq, parent_id, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label FROM versions WHERE protocol_id = ? ORDER BY seq DESC',
      )
      .all(protocolId) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH versions USING COVERING INDEX versions_history (protocol_id=?)']);
    expect(ws.history(protocolId).map((v) => v.seq)).toEqual([2, 1]);
  });

  it('refuses a workspace written by a newer release', () => {
    const { ws } = withVersions();
    ws.close();
    const raw = new Database(ws.file);
    raw.pragma(`user_version = ${ALL_MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => Workspace.open(ws.file)).toThrow(/newer than this release/);
  });
});

describe('verify checks the review records', () => {
  const BLOCK = 'cultural.blocks[opening-circle]';

  function withReviews(): Workspace {
    const ws = tempWorkspace();
    const id = ws.createProtocol({ template: { id: 'review-fixture', text: committable() }, author: 'Alice' }).id;
    requestReview(ws, { protocolId: id, sectionKey: BLOCK, reviewers: [{ name: 'Elder Ann Joe', role: 'elder' }], requestedBy: 'Alice' });
    approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe', role: 'elder' });
    approve(ws, { protocolId: id, sectionKey: 'medicineSessions.routes[im]' }, { reviewer: 'Dr Lee', role: 'medical_lead' });
    expect(ws.verify()).toEqual({ ok: true, problems: [] });
    return ws;
  }

  it('names a removed append-only trigger', () => {
    const after = tamper(withReviews(), (db) => db.exec('DROP TRIGGER review_events_no_delete'));
    expect(after.verify().problems).toEqual([expect.objectContaining({ kind: 'trigger-missing', message: expect.stringContaining('review_events_no_delete') })]);
  });

  it('an approved snapshot edited: names the event row', () => {
    const after = tamper(withReviews(), (db) => {
      db.exec('DROP TRIGGER review_events_no_update');
      db.prepare("UPDATE review_events SET snapshot = replace(snapshot, 'circle', 'square') WHERE id = 1").run();
    });
    expect(after.verify().problems).toContainEqual({
      kind: 'review-hash',
      table: 'review_events',
      rowid: 1,
      message: `review event 1 (approve of rtt-kat-base ${BLOCK} by Elder Ann Joe): the approved content does not match the hash recorded with it`,
    });
  });

  it('a snapshot and its hash rewritten together: caught by the audit entry written with the approval', () => {
    const after = tamper(withReviews(), (db) => {
      db.exec('DROP TRIGGER review_events_no_update');
      db.function('sha256_hex', (t: string) => createHash('sha256').update(t, 'utf8').digest('hex'));
      db.prepare("UPDATE review_events SET snapshot = '{\"forged\":true}', content_hash = sha256_hex('{\"forged\":true}') WHERE id = 2").run();
      db.exec("CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events BEGIN SELECT RAISE(ABORT, 'no'); END;");
    });
    const problems = after.verify().problems;
    expect(problems).toEqual([expect.objectContaining({ kind: 'review-hash', table: 'review_events', rowid: 2, message: expect.stringMatching(/review event 2 .*differs from what audit entry \d+ recorded/) })]);
  });

  it('a review record deleted: the audit entry without its record is named', () => {
    const after = tamper(withReviews(), (db) => {
      db.exec('DROP TRIGGER review_events_no_delete');
      db.prepare('DELETE FROM review_events WHERE id = 2').run();
    });
    expect(after.verify().problems).toContainEqual(expect.objectContaining({ kind: 'review-missing', table: 'audit_log', message: expect.stringMatching(/review\.approve rtt-kat-base\) records a review action that is no longer in review_events/) }));
  });
});
