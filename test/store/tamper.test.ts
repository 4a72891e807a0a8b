/**
 * Issue 17.2: verify covers every recorded field. An insider drops the immutability triggers, edits one
 * field of a version or a review record, and recreates the triggers; verify must name the record and field.
 * A rewrite of the whole audit chain is caught by an anchor kept outside the workspace.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from '../../main/store/audit';
import { canonicalJson } from '../../main/store/hash';
import { approve, requestReview } from '../../main/store/review-store';
import { Workspace } from '../../main/store/workspace';
import { committable } from '../core/review/fixture';
import { steppingClock, tempWorkspace, TEMPLATE_TEXT, track } from './helpers';

const TRIGGERS: Record<string, string> = {
  versions: "CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;",
  review_events: "CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events BEGIN SELECT RAISE(ABORT, 'no'); END;",
  review_requests: "CREATE TRIGGER review_requests_no_update BEFORE UPDATE ON review_requests BEGIN SELECT RAISE(ABORT, 'no'); END;",
};

/** Drops the table's update trigger, runs `sql`, and puts the trigger back, so only verify can notice. */
function edit(ws: Workspace, table: keyof typeof TRIGGERS, sql: string, ...params: unknown[]): Workspace {
  ws.close();
  const raw = new Database(ws.file);
  try {
    raw.exec(`DROP TRIGGER ${table}_no_update`);
    raw.prepare(sql).run(...params);
    raw.exec(TRIGGERS[table]!);
  } finally {
    raw.close();
  }
  return track(Workspace.open(ws.file));
}

function withVersions() {
  const ws = tempWorkspace({ now: steppingClock() });
  const author = 'QI lead';
  const p = ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT }, author });
  ws.saveDraft(p.id, TEMPLATE_TEXT + '# second\n', { author, parentVersionId: p.headVersionId });
  const v2 = ws.commit(p.id, { author, message: 'second', expectedParentId: p.headVersionId, newQiCycle: { aim: 'Fewer dropouts', start: '2026-01-01' } });
  expect(ws.verify()).toEqual({ ok: true, problems: [] });
  return { ws, v1: p.headVersionId!, v2: v2.id };
}

describe('verify: every recorded field of a version', () => {
  const cases: [field: string, sql: string][] = [
    ['author', "UPDATE versions SET author = 'Someone Else' WHERE id = ?"],
    ['message', "UPDATE versions SET message = 'a different reason' WHERE id = ?"],
    ['time', "UPDATE versions SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = ?"],
    ['QI cycle', 'UPDATE versions SET qi_cycle_id = NULL WHERE id = ?'],
  ];
  for (const [field, sql] of cases) {
    it(`names the ${field} of a version edited behind the triggers`, () => {
      const { ws, v2 } = withVersions();
      const after = edit(ws, 'versions', sql, v2);
      expect(after.verify().problems).toEqual([
        expect.objectContaining({ kind: 'version-record', id: v2, message: expect.stringContaining(`: ${field} differs from what the audit log recorded`) }),
      ]);
    });
  }

  it('names the parent of a version re-pointed behind the triggers (and the broken version chain)', () => {
    const { ws, v2 } = withVersions();
    const after = edit(ws, 'versions', 'UPDATE versions SET parent_id = NULL WHERE id = ?', v2);
    const problems = after.verify().problems;
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'version-record', id: v2, message: expect.stringContaining(': parent differs') }));
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'version-chain', id: v2 }));
  });

  it('names the text of a version edited behind the triggers', () => {
    const { ws, v2 } = withVersions();
    const after = edit(ws, 'versions', "UPDATE versions SET text = text || '# forged' WHERE id = ?", v2);
    expect(after.verify().problems).toEqual([expect.objectContaining({ kind: 'version-hash', id: v2 })]);
  });

  it('records the hash of the canonical version payload in the commit entry (what a signature will cover)', () => {
    const { ws, v2 } = withVersions();
    const entry = ws.audit().find((e) => e.action === 'version.commit' && e.subject === v2)!;
    expect(entry.details.recordSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verify: every review record against its audit entry', () => {
  const BLOCK = 'cultural.blocks[opening-circle]';

  function withReviews(): Workspace {
    const ws = tempWorkspace({ now: steppingClock() });
    const id = ws.createProtocol({ template: { id: 'review-fixture', text: committable() }, author: 'Alice' }).id;
    requestReview(ws, { protocolId: id, sectionKey: BLOCK, reviewers: [{ name: 'Elder Ann Joe', role: 'elder' }], requestedBy: 'Alice', note: 'Please look' });
    approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe', role: 'elder', note: 'As spoken at the circle' });
    expect(ws.verify()).toEqual({ ok: true, problems: [] });
    return ws;
  }

  const events: [string, string][] = [
    ['reviewer', "UPDATE review_events SET reviewer = 'Elder Someone' WHERE id = 1"],
    ['role', "UPDATE review_events SET role = 'knowledge_keeper' WHERE id = 1"],
    ['note', "UPDATE review_events SET note = 'A different note' WHERE id = 1"],
    ['time', "UPDATE review_events SET at = '2020-01-01T00:00:00.000Z' WHERE id = 1"],
    ['version', 'UPDATE review_events SET version_id = NULL WHERE id = 1'],
  ];
  for (const [field, sql] of events) {
    it(`names the ${field} of a sign-off edited behind the triggers`, () => {
      const after = edit(withReviews(), 'review_events', sql);
      expect(after.verify().problems).toContainEqual(
        expect.objectContaining({ kind: 'review-record', table: 'review_events', rowid: 1, message: expect.stringContaining(`: ${field} differs from what audit entry`) }),
      );
    });
  }

  const requests: [string, string][] = [
    ['requester', "UPDATE review_requests SET requested_by = 'Mallory' WHERE id = 1"],
    ['reviewer asked', "UPDATE review_requests SET reviewer = 'Mallory' WHERE id = 1"],
    ['note', 'UPDATE review_requests SET note = NULL WHERE id = 1'],
  ];
  for (const [field, sql] of requests) {
    it(`names the ${field} of a review request edited behind the triggers`, () => {
      const after = edit(withReviews(), 'review_requests', sql);
      expect(after.verify().problems).toContainEqual(
        expect.objectContaining({ kind: 'review-record', table: 'review_requests', rowid: 1, message: expect.stringContaining(`: ${field} differs from what audit entry`) }),
      );
    });
  }
});

describe('verify --anchor: a rewritten audit chain', () => {
  /** Rewrites the whole chain after changing one version's author, so that the chain itself verifies. */
  function rewriteChain(ws: Workspace, versionId: string): Workspace {
    ws.close();
    const raw = new Database(ws.file);
    try {
      raw.exec('DROP TRIGGER versions_no_update; DROP TRIGGER audit_log_no_update');
      raw.prepare("UPDATE versions SET author = 'Mallory' WHERE id = ?").run(versionId);
      raw.prepare("UPDATE audit_log SET actor = 'Mallory' WHERE subject = ? AND action = 'version.commit'").run(versionId);
      let prev = GENESIS_HASH;
      const rows = raw.prepare('SELECT seq, at, actor, action, subject, details FROM audit_log ORDER BY seq').all() as Array<{ seq: number; at: string; actor: string; action: string; subject: string; details: string }>;
      for (const r of rows) {
        const details = JSON.parse(r.details) as Record<string, unknown>;
        if (r.subject === versionId && r.action === 'version.commit') delete details.recordSha256;
        const hash = auditHash(prev, { seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details });
        raw.prepare('UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(canonicalJson(details), prev, hash, r.seq);
        prev = hash;
      }
      raw.exec(TRIGGERS.versions!);
      raw.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;");
    } finally {
      raw.close();
    }
    return track(Workspace.open(ws.file));
  }

  it('passes verify without an anchor, and fails with the anchor written before the rewrite', () => {
    const { ws, v2 } = withVersions();
    const anchor = ws.anchor()!;
    expect(ws.verify({ anchor })).toEqual({ ok: true, problems: [] });
    const after = rewriteChain(ws, v2);
    expect(after.verify().ok).toBe(true);
    const result = after.verify({ anchor });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'anchor', rowid: anchor.seq, message: expect.stringContaining('the audit chain was rewritten') })]);
  });

  it('names entries removed past the anchor, and accepts a chain that only grew since', () => {
    const { ws } = withVersions();
    const anchor = ws.anchor()!;
    ws.appendAudit({ actor: 'QI lead', action: 'qi.note', subject: ws.listProtocols()[0]!.id, details: { note: 'later' } });
    expect(ws.verify({ anchor }).ok).toBe(true);
    const ahead = { ...anchor, seq: anchor.seq + 5 };
    expect(ws.verify({ anchor: ahead }).problems).toEqual([expect.objectContaining({ kind: 'anchor', message: expect.stringContaining('entries were removed') })]);
  });
});
