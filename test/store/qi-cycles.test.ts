import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cyclesOf } from '../../main/core/qi';
import { cycleReportFor } from '../../main/services/cycle-report';
import { changeCycle, createCycle, deleteCycle, knownCycles } from '../../main/services/qi-cycles';
import { ConflictError, InvalidInputError } from '../../main/store/errors';
import { Workspace } from '../../main/store/workspace';
import { steppingClock, tempWorkspace, TEMPLATE_TEXT, track } from './helpers';

const author = 'Quinn';

function protocol(ws: Workspace, id: string) {
  return ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT.replace('id: rtt-kat-base', `id: ${id}`) }, id, author });
}

/** Commits `text` with the options given, from `author`'s draft based on the head. */
function commitText(ws: Workspace, id: string, text: string, opts: { message?: string; qiCycleId?: string; newQiCycle?: { aim: string; start: string } } = {}) {
  const head = ws.head(id)!.id;
  ws.saveDraft(id, text, { author, parentVersionId: head });
  return ws.commit(id, { author, message: opts.message ?? 'edit', expectedParentId: head, ...opts });
}

describe('QI cycles: the text is the source of truth, the workspace records which commits were in which cycle', () => {
  it('commits in a cycle only when the committed text holds it; the same id in two protocols is two cycles', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const a = protocol(ws, 'site-a');
    const b = protocol(ws, 'site-b');
    expect(() => commitText(ws, a.id, TEMPLATE_TEXT + '# x\n', { qiCycleId: 'cycle-1' })).toThrow(/no QI cycle "cycle-1" in the text being committed/);
    expect(ws.history(a.id)).toHaveLength(1);
    const va = commitText(ws, a.id, TEMPLATE_TEXT, { newQiCycle: { aim: 'Fewer drop-outs', start: '2026-01-05' } });
    const vb = commitText(ws, b.id, TEMPLATE_TEXT, { newQiCycle: { aim: 'Shorter wait', start: '2026-02-01' } });
    expect([va.qiCycleIds, vb.qiCycleIds]).toEqual([['cycle-1'], ['cycle-1']]);
    expect([va.qiCycleId, vb.qiCycleId]).toEqual(['site-a:cycle-1', 'site-b:cycle-1']);
    expect(ws.usedQiCycles(a.id)).toEqual(new Set(['cycle-1']));
    const committed = ws.getVersion(va.id).text;
    expect(committed).toContain('# stable id');
    expect(cyclesOf(parse(committed))).toEqual([expect.objectContaining({ id: 'cycle-1', number: 1, aim: 'Fewer drop-outs', start: '2026-01-05' })]);
    expect(ws.getDraft(a.id, author)).toBeNull();
    expect(ws.verify()).toEqual({ ok: true, problems: [] });
  });

  it('a refused commit with a new cycle leaves the draft, the versions and the index as they were', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const p = protocol(ws, 'site-a');
    const v1 = p.headVersionId!;
    ws.saveDraft(p.id, TEMPLATE_TEXT + '# mine\n', { author, parentVersionId: v1 });
    commitText(ws, p.id, TEMPLATE_TEXT + '# theirs\n');
    // Quinn's draft is now based on an old head: the commit is refused with a conflict.
    ws.saveDraft(p.id, TEMPLATE_TEXT + '# mine again\n', { author, parentVersionId: v1 });
    expect(() => ws.commit(p.id, { author, message: 'late', expectedParentId: v1, newQiCycle: { aim: 'Try', start: '2026-01-01' } })).toThrow(ConflictError);
    expect(ws.getDraft(p.id, author)!.text).toBe(TEMPLATE_TEXT + '# mine again\n');
    expect(ws.listQiCycles(p.id)).toEqual([]);
    expect(ws.history(p.id)).toHaveLength(2);
    expect(ws.audit()[0]).toMatchObject({ action: 'version.commit_refused' });
  });

  it('writes an accepted version label into the text at commit, comments kept', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const p = protocol(ws, 'site-a');
    ws.saveDraft(p.id, TEMPLATE_TEXT.replace('weeks: 12', 'weeks: 14'), { author, parentVersionId: p.headVersionId });
    const v = ws.commit(p.id, { author, message: 'Longer programme', expectedParentId: p.headVersionId, versionLabel: '3.3.0' });
    expect(v.versionLabel).toBe('3.3.0');
    expect(ws.getVersion(v.id).text).toBe(TEMPLATE_TEXT.replace('weeks: 12', 'weeks: 14').replace('versionLabel: 3.2.0', 'versionLabel: 3.3.0'));
  });

  it('keeps a cited cycle: the text cannot drop it, nor the draft edit delete it or change its aim; an unused one is edited and deleted freely', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const p = protocol(ws, 'site-a');
    const spare = createCycle(ws, p.id, { aim: 'Tpyo', start: '2026-01-01' }, author);
    expect(changeCycle(ws, p.id, spare.id, { aim: 'Typo fixed', start: '2026-01-02' }, author)).toMatchObject({ aim: 'Typo fixed', start: '2026-01-02', used: false, draftOnly: true });
    expect(ws.getDraft(p.id, author)!.text).toContain('# stable id');
    deleteCycle(ws, p.id, spare.id, author);
    const left = ws.getDraft(p.id, author)!.text;
    expect(left.startsWith(TEMPLATE_TEXT.replace('id: rtt-kat-base', 'id: site-a'))).toBe(true);
    expect(cyclesOf(parse(left))).toEqual([]);
    const used = createCycle(ws, p.id, { aim: 'Used', start: '2026-01-01' }, author);
    const draft = ws.getDraft(p.id, author)!;
    ws.commit(p.id, { author, message: 'v2', expectedParentId: draft.parentVersionId, qiCycleId: used.id });
    expect(() => deleteCycle(ws, p.id, used.id, author)).toThrow(/cannot be deleted: 1 committed version cites it/);
    expect(() => changeCycle(ws, p.id, used.id, { aim: 'Rewritten' }, author)).toThrow(/aim and start are what that version cites/);
    expect(changeCycle(ws, p.id, used.id, { end: '2026-03-31', decision: 'adopt' }, author)).toMatchObject({ end: '2026-03-31', decision: 'adopt', used: true });
    expect(() => commitText(ws, p.id, TEMPLATE_TEXT)).toThrow(/leaves out QI cycle "cycle-1", which committed versions cite/);
    expect(knownCycles(ws, p.id, author).map((c) => [c.id, c.used])).toEqual([['cycle-1', true]]);
  });

  it('tags an earlier version only with a cycle the latest version holds', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const p = protocol(ws, 'site-a');
    expect(() => ws.tagVersion(p.headVersionId!, 'cycle-1', { author })).toThrow(InvalidInputError);
    commitText(ws, p.id, TEMPLATE_TEXT, { newQiCycle: { aim: 'Baseline', start: '2026-01-01' } });
    expect(ws.tagVersion(p.headVersionId!, 'cycle-1', { author }).qiCycleIds).toEqual(['cycle-1']);
  });
});

describe('migrating a workspace whose cycles lived only in the qi_cycles table', () => {
  const RIVERBEND = TEMPLATE_TEXT.replace('id: rtt-kat-base', 'id: riverbend');
  /** A workspace file as the previous release left it: cycle rows, one tagged onto version 1, and a draft. */
  function oldWorkspace() {
    const ws = tempWorkspace({ now: steppingClock() });
    const p = protocol(ws, 'riverbend');
    ws.saveDraft(p.id, RIVERBEND.replace('weeks: 12', 'weeks: 10'), { author: 'Ana', parentVersionId: p.headVersionId });
    const file = ws.file;
    ws.close();
    const db = new Database(file);
    const insert = db.prepare('INSERT INTO qi_cycles (id, protocol_id, number, aim, start_date, end_date, decision, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('riverbend-cycle-1', 'riverbend', 1, 'Nobody leaves drowsy', '2026-03-01', '2026-05-31', 'adopt', '2026-03-01T09:00:00Z', 'Ana');
    insert.run('riverbend-cycle-2', 'riverbend', 2, 'Shorter wait after dosing', '2026-06-01', null, 'pending', '2026-06-01T09:00:00Z', 'Ana');
    db.prepare('INSERT INTO version_cycle_tags (version_id, qi_cycle_id, tagged_at, tagged_by) VALUES (?, ?, ?, ?)').run(p.headVersionId, 'riverbend-cycle-1', '2026-03-02T09:00:00Z', 'Ana');
    db.close();
    return { file, v1: p.headVersionId! };
  }

  it('writes each cycle the text lacks into the drafts once, with a note, and versions keep pointing at it', () => {
    const { file, v1 } = oldWorkspace();
    const ws = track(Workspace.open(file, { now: steppingClock(Date.UTC(2026, 6, 1)) }));
    const draft = ws.getDraft('riverbend', 'Ana')!;
    expect(draft.text.startsWith(RIVERBEND.replace('weeks: 12', 'weeks: 10'))).toBe(true);
    expect(draft.text).toContain('# QI cycle moved here from the workspace records');
    expect(cyclesOf(parse(draft.text)).map((c) => [c.id, c.number, c.aim, c.start, c.end, c.decision])).toEqual([
      ['riverbend-cycle-1', 1, 'Nobody leaves drowsy', '2026-03-01', '2026-05-31', 'adopt'],
      ['riverbend-cycle-2', 2, 'Shorter wait after dosing', '2026-06-01', null, 'pending'],
    ]);
    expect(draft.parentVersionId).toBe(v1);
    expect(ws.audit().filter((e) => e.action === 'qi.migrate').map((e) => e.subject).sort()).toEqual(['riverbend-cycle-1', 'riverbend-cycle-2']);
    // The cited row stays for version 1's tag; the unused one lives in the text only now.
    expect(ws.listQiCycles('riverbend').map((c) => c.id)).toEqual(['riverbend-cycle-1']);
    expect(ws.history('riverbend')[0]!.qiCycleIds).toEqual(['riverbend-cycle-1']);
    ws.close();

    const again = track(Workspace.open(file));
    expect(again.getDraft('riverbend', 'Ana')!.text).toBe(draft.text);
    const v2 = again.commit('riverbend', { author: 'Ana', message: 'Ten weeks', expectedParentId: v1, qiCycleId: 'riverbend-cycle-2' });
    expect(v2.qiCycleIds).toEqual(['riverbend-cycle-2']);
    const report = cycleReportFor(again, 'riverbend', 'riverbend-cycle-2');
    expect(report.report.markdown).toContain('Shorter wait after dosing');
    expect(report.report.changes.map((c) => c.idPath)).toEqual(['programme.weeks']);
    expect(again.verify()).toEqual({ ok: true, problems: [] });
  });
});
