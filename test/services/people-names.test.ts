/** People are shown by name, never by the id their records hold: history, review, QI report, binder. */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioService } from '../../main/services';
import { binderFacts } from '../../main/services/binder-facts';
import { peopleNames } from '../../main/services/people-names';
import { Workspace } from '../../main/store/workspace';

const ROOT = join(__dirname, '..', '..');

/** A group protocol written from scratch (domain.md) with a closing circle whose keeper is 佐藤 花子. */
const PROTOCOL = readFileSync(join(ROOT, 'test', 'fixtures', 'scratch', 'japanese-keeper.protocol.yaml'), 'utf8');

const CONTACTS = ['hanako@example.jp', 'ana@clinic.example', 'ana2@clinic.example'];

describe('people shown by name', () => {
  let dir: string;
  let path: string;
  let svc: StudioService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'people-names-'));
    path = join(dir, 'ws.sqlite');
    const ws = Workspace.open(path);
    // Version 1 comes from before the register: its author is a typed name.
    ws.createProtocol({ template: { id: 'scratch', text: PROTOCOL }, id: 'riverbend', author: 'ana  lee' });
    ws.addPerson({ name: '佐藤 花子', roles: ['elder'], community: 'Cedar Lake', contact: CONTACTS[0] });
    ws.addPerson({ name: 'Ana Lee', roles: ['medical_lead'], contact: CONTACTS[1] }, { by: 'person' });
    ws.close();
    // The register refuses a second "Ana Lee"; a workspace imported from elsewhere can still hold two.
    const db = new Database(path);
    db.prepare("INSERT INTO people (id, name, roles, community, nation, contact, created_at, created_by, legacy) VALUES ('ana-lee-2', 'Ana Lee', '[\"prescriber\"]', NULL, NULL, ?, '2026-01-01T00:00:00Z', 'person', 0)").run(CONTACTS[2]);
    db.close();

    svc = await StudioService.open({ workspacePath: path, host: 'browser', personId: 'ana-lee' });
    const v1 = (await svc.openDraft({ protocolId: 'riverbend' })).text;
    await svc.commit({ protocolId: 'riverbend', text: v1.replace('observationMin: 120', 'observationMin: 150'), message: 'Observe longer', newQiCycle: { aim: 'Nobody leaves drowsy', start: '2026-03-01' } });
    await svc.requestReview({ protocolId: 'riverbend', sectionPath: 'medicineSessions.routes[im]', track: 'medical', reviewer: 'ana-lee-2', role: 'prescriber' });
    await svc.setWorkingPerson({ personId: 'ana-lee-2' });
    const v2 = (await svc.openDraft({ protocolId: 'riverbend' })).text;
    const cycle = (await svc.qiTimeline({ protocolId: 'riverbend' })).cycles[0]!.id;
    await svc.commit({ protocolId: 'riverbend', text: v2.replace('observationMin: 150', 'observationMin: 180'), message: 'Observe longer still', qiCycleId: cycle });
    await svc.approve({ protocolId: 'riverbend', sectionPath: 'medicineSessions.routes[im]', track: 'medical' });
    await svc.setWorkingPerson({ personId: 'person' });
    await svc.approve({ protocolId: 'riverbend', sectionPath: 'cultural.blocks[closing-circle]', track: 'cultural' });
  });
  afterEach(() => {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves ids and legacy typed names to the register name, tells namesakes apart, and keeps unknown values as recorded', () => {
    const nameOf = peopleNames(svc.ws);
    expect(['person', 'ana  lee', 'ana-lee', 'ana-lee-2', 'workspace opened'].map(nameOf)).toEqual(['佐藤 花子', 'Ana Lee (ana-lee)', 'Ana Lee (ana-lee)', 'Ana Lee (ana-lee-2)', 'workspace opened']);
  });

  it('history keeps the recorded ids and gives each author’s name beside them', async () => {
    const history = await svc.history({ protocolId: 'riverbend' });
    expect(history.map((v) => [v.author, v.authorName])).toEqual([
      ['ana-lee-2', 'Ana Lee (ana-lee-2)'],
      ['ana-lee', 'Ana Lee (ana-lee)'],
      ['ana  lee', 'Ana Lee (ana-lee)'],
    ]);
  });

  it('review status names the requester, the reviewer asked and the signer, in the history and the message', async () => {
    const st = await svc.reviewStatus({ protocolId: 'riverbend' });
    const im = st.sections.find((s) => s.path === 'medicineSessions.routes[im]' && s.track === 'medical')!;
    expect(im).toMatchObject({ state: 'approved', approvedBy: 'ana-lee-2', approvedByName: 'Ana Lee (ana-lee-2)' });
    expect(im.message).toMatch(/^approved by Ana Lee \(ana-lee-2\) on /);
    expect(im.history.map((e) => [e.kind, e.whoName, e.toName])).toEqual([
      ['requested', 'Ana Lee (ana-lee)', 'Ana Lee (ana-lee-2)'],
      ['approved', 'Ana Lee (ana-lee-2)', null],
    ]);
    const closing = st.sections.find((s) => s.path === 'cultural.blocks[closing-circle]' && s.track === 'cultural')!;
    expect(closing).toMatchObject({ state: 'approved', approvedBy: 'person', approvedByName: '佐藤 花子' });
    expect(closing.message).toMatch(/^approved by 佐藤 花子 on /);
    expect(JSON.stringify(st)).not.toMatch(/@/);
  });

  it('the QI timeline and cycle report name the committers', async () => {
    const timeline = await svc.qiTimeline({ protocolId: 'riverbend' });
    expect(timeline.cycles[0]!.commits.map((c) => c.authorName)).toEqual(['Ana Lee (ana-lee)', 'Ana Lee (ana-lee-2)']);
    const report = await svc.qiCycleReport({ protocolId: 'riverbend', cycleId: timeline.cycles[0]!.id });
    expect(report.commits.map((c) => [c.author, c.authorName])).toEqual([
      ['ana-lee', 'Ana Lee (ana-lee)'],
      ['ana-lee-2', 'Ana Lee (ana-lee-2)'],
    ]);
    expect(JSON.stringify([timeline, report])).not.toMatch(/@/);
  });

  it('the binder stamps, logs and lists sign-offs by name, without contact details', async () => {
    const facts = binderFacts(svc.ws, 'riverbend', { versionRef: '3' }, 'program_team');
    expect(facts.version.author).toBe('Ana Lee (ana-lee-2)');
    expect(facts.changeLogCommits?.map((c) => c.authorName)).toEqual(['Ana Lee (ana-lee)', 'Ana Lee (ana-lee-2)']);
    expect(facts.reviewStatus?.find((s) => s.key === 'cultural.blocks[closing-circle]')).toMatchObject({ approvedBy: '佐藤 花子', message: expect.stringMatching(/^approved by 佐藤 花子/) });
    const { html } = await svc.binderPreview({ protocolId: 'riverbend', version: 3, profile: 'clinical-team', language: 'en' });
    expect(html).toContain('by Ana Lee (ana-lee-2)');
    expect(html).toContain('Observe longer still <span class="muted small">— Ana Lee (ana-lee-2),');
    for (const contact of CONTACTS) expect(html).not.toContain(contact);
  });
});
