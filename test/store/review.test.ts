import { describe, expect, it } from 'vitest';
import { ReviewRefusedError } from '../../main/core/review';
import { approve, comment, readReviewRecords, requestChanges, requestReview, reviewStatusFor } from '../../main/store/review-store';
import type { Workspace } from '../../main/store/workspace';
import { committable, edited, PROTOCOL_TEXT, SECRET } from '../core/review/fixture';
import { steppingClock, tempWorkspace } from './helpers';

const BLOCK = 'cultural.blocks[opening-circle]';
const ROUTE = 'medicineSessions.routes[im]';

function setup(): { ws: Workspace; id: string } {
  const ws = tempWorkspace({ now: steppingClock() });
  const id = ws.createProtocol({ template: { id: 'review-fixture', text: committable() }, author: 'Alice' }).id;
  return { ws, id };
}

function commitAs(ws: Workspace, id: string, author: string, text: string): void {
  ws.saveDraft(id, text, { author, parentVersionId: ws.head(id)!.id });
  ws.commit(id, { author, message: `edit by ${author}`, expectedParentId: ws.head(id)!.id });
}

const stateOf = (ws: Workspace, id: string, key: string, track: string) => reviewStatusFor(ws, id).sections.find((s) => s.key === key && s.track === track)!;
const reviewAudit = (ws: Workspace) => ws.audit().filter((e) => e.action.startsWith('review.')).reverse();

describe('review store', () => {
  it('records request → approve with the content hash and a snapshot, and writes one audit entry per action', () => {
    const { ws, id } = setup();
    requestReview(ws, { protocolId: id, sectionKey: BLOCK, reviewers: [{ name: 'Elder Ann Joe', role: 'elder' }], requestedBy: 'Alice', note: 'Please check the wording' });
    expect(stateOf(ws, id, BLOCK, 'cultural')).toMatchObject({ state: 'requested', pendingReviewers: ['Elder Ann Joe'] });
    const signed = approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe', role: 'elder' });
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stateOf(ws, id, BLOCK, 'cultural')).toMatchObject({ state: 'approved', approvedBy: 'Elder Ann Joe', contentHash: signed.contentHash });
    const records = readReviewRecords(ws, id);
    expect(records.requests).toHaveLength(1);
    expect(records.events).toHaveLength(1);
    expect(JSON.stringify(records.events[0]!.snapshot)).toContain('We gather in a circle');

    const audit = reviewAudit(ws);
    expect(audit.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['review.request', 'Alice', id],
      ['review.approve', 'Elder Ann Joe', id],
    ]);
    expect(audit[1]!.details).toMatchObject({ section: BLOCK, track: 'cultural', role: 'elder', contentHash: signed.contentHash, versionId: ws.head(id)!.id });
    // The note's text stays in the review records; the audit chain carries only its hash.
    expect(audit[0]!.details.noteSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(audit)).not.toContain('Please check the wording');
    expect(ws.verify().ok).toBe(true);
  });

  it('lapses the sign-off when the section changes, holds it when another section changes', () => {
    const { ws, id } = setup();
    approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe', role: 'elder' });
    commitAs(ws, id, 'Bob', edited('max: 1.5', 'max: 1.2', committable()));
    expect(stateOf(ws, id, BLOCK, 'cultural').state).toBe('approved');
    commitAs(ws, id, 'Bob', edited('We gather in a circle', 'We gather in a wide circle', edited('max: 1.5', 'max: 1.2', committable())));
    const st = stateOf(ws, id, BLOCK, 'cultural');
    expect(st).toMatchObject({ state: 'lapsed', lapsedBecause: 'content_changed' });
    expect(st.message).toMatch(/^changed since approved by Elder Ann Joe on 2026-01-15$/);
    expect(st.diff!.map((c) => c.idPath)).toEqual([`${BLOCK}.text`]);
    // A draft text can be checked before it is committed.
    const draft = reviewStatusFor(ws, id, { text: PROTOCOL_TEXT }).sections.find((s) => s.key === BLOCK && s.track === 'cultural')!;
    expect(draft.state).toBe('approved');
  });

  it('refuses approval by the author or the last editor of the section (four eyes), writing nothing', () => {
    const { ws, id } = setup();
    commitAs(ws, id, 'Bob', edited('We gather in a circle', 'We gather in a wide circle', committable()));
    const before = ws.audit().length;
    for (const reviewer of ['Alice', 'Bob']) {
      expect(() => approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer, role: 'elder' })).toThrow(ReviewRefusedError);
    }
    expect(readReviewRecords(ws, id).events).toHaveLength(0);
    expect(ws.audit().length).toBe(before);
    // Bob changed only the block, so he may approve the dose route Alice wrote.
    expect(approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'Bob', role: 'prescriber' }).track).toBe('medical');
  });

  it('refuses a change request without a note; records it with one', () => {
    const { ws, id } = setup();
    expect(() => requestChanges(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe', role: 'elder' })).toThrow(/needs a note/);
    expect(() => requestChanges(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe', role: 'elder', note: '  ' })).toThrow(/needs a note/);
    expect(reviewAudit(ws)).toHaveLength(0);
    requestChanges(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe', role: 'elder', note: 'Name the territory' });
    comment(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Alice', role: 'program_lead', note: 'Will do' });
    expect(stateOf(ws, id, BLOCK, 'cultural')).toMatchObject({ state: 'changes_requested', changesRequested: [{ reviewer: 'Elder Ann Joe', note: 'Name the territory' }] });
    expect(reviewAudit(ws).map((e) => e.action)).toEqual(['review.request_changes', 'review.comment']);
    // The database itself refuses a change request without a note and any rewrite of the record.
    expect(() => ws.db.prepare("UPDATE review_events SET note = 'x'").run()).toThrow(/cannot be changed/);
    expect(() => ws.db.prepare('DELETE FROM review_events').run()).toThrow(/cannot be deleted/);
    expect(() =>
      ws.db
        .prepare("INSERT INTO review_events (protocol_id, section_key, track, kind, reviewer, role, at, content_hash, snapshot) VALUES (?, ?, 'cultural', 'request_changes', 'X', 'elder', 'now', ?, '{}')")
        .run(id, BLOCK, 'a'.repeat(64)),
    ).toThrow(/CHECK constraint/);
  });

  it('keeps the medical track independent: a medical sign-off does not satisfy the cultural one', () => {
    const { ws, id } = setup();
    approve(ws, { protocolId: id, sectionKey: BLOCK, track: 'medical' }, { reviewer: 'Dr Lee', role: 'medical_lead' });
    expect(stateOf(ws, id, BLOCK, 'medical').state).toBe('approved');
    expect(stateOf(ws, id, BLOCK, 'cultural').state).toBe('not_requested');
    approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe', role: 'elder' });
    requestChanges(ws, { protocolId: id, sectionKey: BLOCK, track: 'medical' }, { reviewer: 'Dr Lee', role: 'medical_lead', note: 'Add fire safety' });
    expect(stateOf(ws, id, BLOCK, 'cultural').state).toBe('approved');
    expect(stateOf(ws, id, BLOCK, 'medical').state).toBe('changes_requested');
    expect(() => approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'Elder Ann Joe', role: 'elder' })).toThrow(/cannot sign off the medical track/);
  });

  it('rejects unknown sections and protocols with a clear message', () => {
    const { ws, id } = setup();
    expect(() => approve(ws, { protocolId: id, sectionKey: 'cultural.blocks[opening]' }, { reviewer: 'X', role: 'elder' })).toThrow(/no section "cultural.blocks\[opening\]"/);
    expect(() => reviewStatusFor(ws, 'nope')).toThrow(/no protocol "nope"/);
    expect(() => requestReview(ws, { protocolId: id, sectionKey: 'curriculum.weeks[week-1]', reviewers: [{ name: 'X', role: 'elder' }], requestedBy: 'Alice' })).toThrow(/no review track by default/);
    expect(() => reviewStatusFor(ws, id, { text: 'a: [' })).toThrow(/YAML-SYNTAX|:1:\d+:/);
  });

  it('redacts lapse diffs of restricted sections for outside audiences', () => {
    const { ws, id } = setup();
    approve(ws, { protocolId: id, sectionKey: 'cultural.blocks[healing-song]' }, { reviewer: 'Elder Mary Thomas', role: 'elder' });
    commitAs(ws, id, 'Bob', edited(SECRET.community, 'NEW song words', committable()));
    const outside = reviewStatusFor(ws, id, { audience: 'program_team' });
    const song = outside.sections.find((s) => s.key === 'cultural.blocks[healing-song]' && s.track === 'cultural')!;
    expect(song.state).toBe('lapsed');
    expect(JSON.stringify(outside.sections)).not.toContain('NEW song words');
    expect(JSON.stringify(outside.sections)).not.toContain(SECRET.community);
  });
});
