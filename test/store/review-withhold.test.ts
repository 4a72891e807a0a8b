/**
 * An Elder's withholding is its own review record: the section stays withheld (whatever else happens) until a
 * keeper of it approves it, the binder and a publish carry only its placeholder meanwhile, and export, import and verify
 * carry it like every other review record.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileByName, renderBinder } from '../../main/core/binder';
import { ReviewRefusedError } from '../../main/core/review';
import { SharingBreachError } from '../../main/core/review/redact';
import { approve, comment, readReviewRecords, requestChanges, reviewStatusFor, withhold } from '../../main/store/review-store';
import type { Workspace } from '../../main/store/workspace';
import { binderFacts } from '../../main/services/binder-facts';
import { publishableText } from '../../main/sync/policy';
import type { Remote } from '../../main/sync/remotes';
import { steppingClock, tempDir, tempWorkspace } from './helpers';

const WORDS = 'CEDAR-SMOKE-4410 the teaching of the cedar smoke';
const BLOCK = 'cultural.blocks[cedar-teaching]';
const ROUTE = 'medicineSessions.routes[im]';

/** Written from the domain facts: a group KaT course with an Elder's teaching the keepers allow to be printed. */
const TEXT = `schemaVersion: 1
metadata:
  id: cedar-lake
  title: Cedar Lake group KaT
  versionLabel: 1.0.0
  status: draft
  medicine: ketamine
programme:
  format: group
  weeks: 12
medicineSessions:
  count: 3
  weeks: [5, 7, 9]
  routes:
    - {id: im, route: IM, unit: mg/kg, min: 0.5, max: 1.0, start: 0.5, weightRequired: true}
cultural:
  blocks:
    - id: cedar-teaching
      type: teaching
      title: Cedar teaching
      placeholder: Ask Elder Rose Bear about this teaching.
      text: "${WORDS}"
      governance:
        sharing: program_team
        keepers:
          - {name: Elder Rose Bear, nation: Cree, community: Cedar Lake, role: elder, permissionToName: true}
          - {name: Knowledge Keeper Tom Bear, nation: Cree, community: Cedar Lake, role: knowledge_keeper}
        permissions: {print: true, export: true}
        reviewRequired: true
`;

function registered(): { ws: Workspace; id: string } {
  const ws = tempWorkspace({ now: steppingClock() });
  ws.addPerson({ name: 'Quinn Lee', roles: ['program_director'] });
  ws.addPerson({ name: 'Elder Rose Bear', roles: ['elder'], community: 'Cedar Lake', nation: 'Cree' }, { by: 'quinn-lee' });
  ws.addPerson({ name: 'Knowledge Keeper Tom Bear', roles: ['knowledge_keeper'], community: 'Cedar Lake', nation: 'Cree' }, { by: 'quinn-lee' });
  ws.addPerson({ name: 'Dr Ana Silva', roles: ['medical_lead'] }, { by: 'quinn-lee' });
  const id = ws.createProtocol({ template: { id: 'cedar-lake', text: TEXT }, author: 'quinn-lee' }).id;
  return { ws, id };
}

const target = (id: string) => ({ protocolId: id, sectionKey: BLOCK });
const cultural = (ws: Workspace, id: string) => reviewStatusFor(ws, id).sections.find((s) => s.key === BLOCK && s.track === 'cultural')!;
const binder = (ws: Workspace, id: string) => {
  const facts = binderFacts(ws, id, { versionRef: 'head' }, 'elder_review', 'en');
  return renderBinder({ ...facts, profile: profileByName('elder-review')!, lang: 'en', generatedAt: '2026-03-01T00:00:00.000Z' });
};

describe('withholding a section in review', () => {
  it('records a withholding of its own kind: the section reads "withheld by … on …: note", audited and verified', () => {
    const { ws, id } = registered();
    approve(ws, target(id), { reviewer: 'elder-rose-bear', note: 'As given.' });
    const event = withhold(ws, target(id), { reviewer: 'elder-rose-bear', note: 'Not until the spring gathering.' });
    expect(event).toMatchObject({ kind: 'withhold', reviewer: 'elder-rose-bear', role: 'elder', track: 'cultural' });
    const st = cultural(ws, id);
    expect(st).toMatchObject({ state: 'withheld', withheld: { reviewer: 'elder-rose-bear', note: 'Not until the spring gathering.' } });
    expect(st.message).toMatch(/^withheld by elder-rose-bear on \d{4}-\d\d-\d\d: Not until the spring gathering\.$/);
    expect(st.approvals).toEqual([]);
    expect(ws.audit()[0]).toMatchObject({ action: 'review.withhold', actor: 'elder-rose-bear' });
    expect(ws.verify()).toEqual({ ok: true, problems: [] });
  });

  it('is for the keepers of a cultural section only, and says why', () => {
    const { ws, id } = registered();
    expect(() => withhold(ws, target(id), { reviewer: 'dr-ana-silva', note: 'No.' })).toThrow(ReviewRefusedError);
    expect(() => withhold(ws, target(id), { reviewer: 'elder-rose-bear', note: '  ' })).toThrow(/needs a note saying why/);
    expect(() => withhold(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'dr-ana-silva', note: 'Hold.' })).toThrow(/only the keepers of a section withhold it/);
    expect(readReviewRecords(ws, id).events).toEqual([]);
  });

  it('stays withheld through edits, comments and change requests, until a keeper of the section approves it', () => {
    const { ws, id } = registered();
    withhold(ws, target(id), { reviewer: 'elder-rose-bear', note: 'Ask me first.' });
    const head = ws.head(id)!;
    ws.saveDraft(id, TEXT.replace('cedar smoke', 'cedar smoke and water'), { author: 'quinn-lee', parentVersionId: head.id });
    ws.commit(id, { author: 'quinn-lee', message: 'Add water', expectedParentId: head.id });
    comment(ws, target(id), { reviewer: 'quinn-lee', note: 'Added the water, as asked.' });
    requestChanges(ws, target(id), { reviewer: 'knowledge-keeper-tom-bear', note: 'Say whose teaching it is.' });
    expect(cultural(ws, id).state).toBe('withheld');
    // Another keeper of the section may release it by approving.
    approve(ws, target(id), { reviewer: 'elder-rose-bear', note: 'Now it is right.' });
    expect(cultural(ws, id).state).toBe('changes_requested');
    approve(ws, target(id), { reviewer: 'knowledge-keeper-tom-bear' });
    expect(cultural(ws, id)).toMatchObject({ state: 'approved' });
    expect(ws.verify().ok).toBe(true);
  });

  it('the binder leaves a withheld section out (its placeholder stands in) and prints it again once approved', () => {
    const { ws, id } = registered();
    expect(binder(ws, id)).toContain(WORDS);
    withhold(ws, target(id), { reviewer: 'elder-rose-bear', note: 'Not in print this year.' });
    const held = binder(ws, id);
    expect(held).not.toContain(WORDS);
    expect(held).toContain('Ask Elder Rose Bear about this teaching.');
    approve(ws, target(id), { reviewer: 'knowledge-keeper-tom-bear' });
    expect(binder(ws, id)).toContain(WORDS);
  });

  it('export and import carry the withholding; the copy verifies and is still withheld', () => {
    const { ws, id } = registered();
    withhold(ws, target(id), { reviewer: 'elder-rose-bear', note: 'Ask me first.' });
    const out = join(tempDir(), 'backup');
    expect(ws.exportTo(out, { audience: 'workspace' }).reviews).toBe(1);
    const copy = tempWorkspace();
    copy.importFrom(out, { author: 'Quinn Lee' });
    expect(readReviewRecords(copy, id)).toEqual(readReviewRecords(ws, id));
    expect(cultural(copy, id).state).toBe('withheld');
    expect(copy.verify().ok).toBe(true);
  });

  it('a folder export for anyone but the owner is refused while a version holds a withheld section; approval lifts it', () => {
    const { ws, id } = registered();
    const out = () => join(tempDir(), 'export');
    expect(ws.exportTo(out(), { audience: 'program_team' }).protocols).toBe(1);
    withhold(ws, target(id), { reviewer: 'elder-rose-bear', note: 'Not beyond this room.' });
    let refusal: unknown;
    try {
      ws.exportTo(out(), { audience: 'program_team' });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(SharingBreachError);
    expect(String((refusal as Error).message)).toContain('Cedar teaching');
    // The owner's backup keeps everything, the withholding included.
    expect(ws.exportTo(out(), { audience: 'workspace' }).reviews).toBe(1);
    approve(ws, target(id), { reviewer: 'knowledge-keeper-tom-bear' });
    expect(ws.exportTo(out(), { audience: 'program_team' }).protocols).toBe(1);
  });

  it('a publish to another programme carries only the placeholder of a withheld section', () => {
    const { ws, id } = registered();
    const remote = { name: 'team', url: 'file:///x', branch: 'main', audience: 'program_team', community: null } as unknown as Remote;
    const text = ws.getVersion(ws.head(id)!.id).text;
    expect(publishableText(text, remote, 'cedar-lake version 1', reviewStatusFor(ws, id).sections).text).toContain(WORDS);
    withhold(ws, target(id), { reviewer: 'elder-rose-bear', note: 'Not beyond Cedar Lake.' });
    const published = publishableText(text, remote, 'cedar-lake version 1', reviewStatusFor(ws, id).sections);
    expect(published.text).not.toContain(WORDS);
    expect(published.text).toContain('Ask Elder Rose Bear about this teaching.');
    expect(published.withheld.map((w) => w.key)).toEqual([BLOCK]);
  });
});
