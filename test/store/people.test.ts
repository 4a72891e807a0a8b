/** Issue 13: the people register in the store — ids on every record, role checks on sign-offs, nothing lost. */
import { describe, expect, it } from 'vitest';
import { ReviewRefusedError } from '../../main/core/review';
import { InvalidInputError, NotFoundError, RefusedTextError } from '../../main/store/errors';
import { approve, readReviewRecords, requestReview } from '../../main/store/review-store';
import type { Workspace } from '../../main/store/workspace';
import { committable } from '../core/review/fixture';
import { steppingClock, tempWorkspace, TEMPLATE_TEXT } from './helpers';

const BLOCK = 'cultural.blocks[opening-circle]';
const ROUTE = 'medicineSessions.routes[im]';

/** A workspace with a register: an author, a medical lead, a prescriber, Elders of two nations and a facilitator. */
function registered(): { ws: Workspace; id: string } {
  const ws = tempWorkspace({ now: steppingClock() });
  ws.addPerson({ name: 'Alice Author', roles: ['program_director', 'qi_lead'] });
  const by = { by: 'alice-author' };
  ws.addPerson({ name: 'Dr Lee', roles: ['medical_lead'] }, by);
  ws.addPerson({ name: 'Sam Prescriber', roles: ['prescriber'] }, by);
  ws.addPerson({ name: 'Elder Ann Joe', roles: ['elder'], nation: 'Snuneymuxw' }, by);
  ws.addPerson({ name: 'Elder Bo Kay', roles: ['elder'], nation: 'Cowichan' }, by);
  ws.addPerson({ name: 'Knowledge Keeper Jo Sam', roles: ['knowledge_keeper'], nation: "Stz'uminus" }, by);
  ws.addPerson({ name: 'Fay Facilitator', roles: ['facilitator'] }, by);
  const id = ws.createProtocol({ template: { id: 'review-fixture', text: committable() }, author: 'Alice Author' }).id;
  return { ws, id };
}

describe('people register in the workspace', () => {
  it('records person ids — never names — on versions, drafts, cycles, reviews and audit entries', () => {
    const { ws, id } = registered();
    const head = ws.head(id)!;
    expect(head.author).toBe('alice-author');
    ws.saveDraft(id, committable() + '# edit\n', { author: 'ALICE\u200B author', parentVersionId: head.id });
    expect(ws.getDraft(id, 'alice-author')!.author).toBe('alice-author');
    ws.commit(id, { author: 'Alice Author', message: 'edit', expectedParentId: head.id, newQiCycle: { aim: 'Safer dosing', start: '2026-01-01' } });
    expect(ws.listQiCycles(id)[0]!.createdBy).toBe('alice-author');
    requestReview(ws, { protocolId: id, sectionKey: BLOCK, reviewers: [{ name: 'Elder Ann Joe', role: 'elder' }], requestedBy: 'Alice Author' });
    expect(readReviewRecords(ws, id).requests[0]).toMatchObject({ reviewer: 'elder-ann-joe', requestedBy: 'alice-author' });
    const actors = new Set(ws.audit().map((e) => e.actor));
    expect([...actors].every((a) => /^[a-z0-9-]+$/.test(a))).toBe(true);
    expect(ws.verify()).toEqual({ ok: true, problems: [] });
  });

  it('refuses an actor who is not in the register, or only looks like someone who is', () => {
    const { ws, id } = registered();
    const head = ws.head(id)!.id;
    expect(() => ws.saveDraft(id, committable(), { author: 'Mallory', parentVersionId: head })).toThrow(NotFoundError);
    expect(() => ws.saveDraft(id, committable(), { author: 'Dr L\u0435e', parentVersionId: head })).toThrow(/only look alike/);
    expect(() => ws.addPerson({ name: 'Dr L\u0435e', roles: ['prescriber'] }, { by: 'dr-lee' })).toThrow(InvalidInputError);
  });
});

describe('sign-offs need the role the track requires', () => {
  it('the medical track: a medical lead or prescriber signs; an Elder or a facilitator is refused', () => {
    const { ws, id } = registered();
    expect(() => approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'Elder Ann Joe' })).toThrow(/cannot sign off the medical track.*medical lead or prescriber/);
    expect(() => approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'Fay Facilitator', role: 'medical_lead' })).toThrow(ReviewRefusedError);
    expect(approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'Sam Prescriber' })).toMatchObject({ reviewer: 'sam-prescriber', role: 'prescriber' });
    expect(approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'dr-lee' })).toMatchObject({ reviewer: 'dr-lee', role: 'medical_lead' });
  });

  it('the cultural track: a keeper named in its governance, or an Elder of its community; an Elder of another nation and a clinician are refused', () => {
    const { ws, id } = registered();
    expect(() => approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Dr Lee' })).toThrow(/cannot sign off the cultural track/);
    expect(() => approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Bo Kay' })).toThrow(/Elder or knowledge keeper of Snuneymuxw/);
    expect(approve(ws, { protocolId: id, sectionKey: BLOCK }, { reviewer: 'Elder Ann Joe' })).toMatchObject({ reviewer: 'elder-ann-joe', role: 'elder' });
    // Named keeper of another block of the same protocol, signing in the role their governance gives them.
    expect(approve(ws, { protocolId: id, sectionKey: 'cultural.blocks[river-teaching]' }, { reviewer: 'Knowledge Keeper Jo Sam' })).toMatchObject({ role: 'knowledge_keeper' });
    expect(readReviewRecords(ws, id).events).toHaveLength(2);
  });

  it('four eyes compares person ids: the author cannot approve under another spelling or a look-alike name', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    ws.addPerson({ name: 'Dr Lee', roles: ['medical_lead'] });
    ws.addPerson({ name: 'Sam Prescriber', roles: ['prescriber'] }, { by: 'dr-lee' });
    const id = ws.createProtocol({ template: { id: 'review-fixture', text: committable() }, author: 'dr-lee' }).id;
    for (const spelling of ['DR LEE', 'Dr\u200B Lee', 'Dr\u00ADLee'.replace('\u00AD', '\u00AD ')]) {
      expect(() => approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: spelling })).toThrow(/four eyes/);
    }
    expect(approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'Sam Prescriber' }).reviewer).toBe('sam-prescriber');
  });
});

describe('nothing is lost', () => {
  function simple(): { ws: Workspace; id: string; head: string } {
    const ws = tempWorkspace({ now: steppingClock() });
    const p = ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT }, author: 'Cy' });
    return { ws, id: p.id, head: p.headVersionId! };
  }

  it('a refused commit with a new QI cycle leaves no cycle and no version', () => {
    const { ws, id, head } = simple();
    ws.saveDraft(id, 'metadata: [unclosed\n', { author: 'Cy', parentVersionId: head });
    expect(() => ws.commit(id, { author: 'Cy', message: 'broken', expectedParentId: head, newQiCycle: { aim: 'Try', start: '2026-01-01' } })).toThrow(RefusedTextError);
    expect(ws.listQiCycles(id)).toEqual([]);
    expect(ws.getDraft(id, 'Cy')!.text).toBe('metadata: [unclosed\n');
    expect(ws.history(id)).toHaveLength(1);
    ws.saveDraft(id, TEMPLATE_TEXT + '# fixed\n', { author: 'Cy', parentVersionId: head });
    const v = ws.commit(id, { author: 'Cy', message: 'fixed', expectedParentId: head, newQiCycle: { aim: 'Try', start: '2026-01-01' } });
    expect(ws.listQiCycles(id)).toHaveLength(1);
    expect(v.qiCycleId).toBe(ws.listQiCycles(id)[0]!.id);
  });

  it('keeps the draft a restore replaces, and brings it back', () => {
    const { ws, id, head } = simple();
    const unsaved = TEMPLATE_TEXT + '# my unsaved work\n';
    ws.saveDraft(id, unsaved, { author: 'Cy', parentVersionId: head });
    ws.restoreVersion(head, { author: 'Cy' });
    expect(ws.getDraft(id, 'Cy')!.text).toBe(TEMPLATE_TEXT);
    const [kept] = ws.replacedDrafts(id, 'Cy');
    expect(kept).toMatchObject({ text: unsaved, reason: 'restore', parentVersionId: head });
    ws.recoverDraft(id, kept!.id, { author: 'Cy' });
    expect(ws.getDraft(id, 'Cy')!.text).toBe(unsaved);
    expect(ws.replacedDrafts(id, 'Cy').map((d) => d.reason)).toEqual(['recover', 'restore']);
    expect(() => ws.recoverDraft(id, kept!.id, { author: 'Someone' })).toThrow(NotFoundError);
  });
});
