/**
 * Workspaces from before the people register hold typed names in their records. The migration adds aliases
 * and legacy people; once the workspace has a register, every recorded name resolves to a person id, so
 * drafts, pending review requests and four eyes work on ids for old records too. Immutable rows stay as written.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ReviewRefusedError } from '../../main/core/review';
import { NotFoundError } from '../../main/store/errors';
import { approve, readReviewRecords, requestReview } from '../../main/store/review-store';
import { ALL_MIGRATIONS } from '../../main/store/schema';
import { Workspace } from '../../main/store/workspace';
import { committable } from '../core/review/fixture';
import { steppingClock, tempDir, tempWorkspace, track } from './helpers';

const ROUTE = 'medicineSessions.routes[im]';
const ALIASES = ALL_MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE person_aliases'));

/**
 * A workspace file as the release before the register's aliases wrote it: records by typed names (two
 * spellings of one person among them), a pending review request, and drafts.
 */
function oldWorkspace(): { file: string; id: string; v2: string } {
  const ws = tempWorkspace({ now: steppingClock() });
  const text = committable();
  const id = ws.createProtocol({ template: { id: 'legacy-fixture', text }, author: 'Ana Lee' }).id;
  const v1 = ws.head(id)!.id;
  ws.saveDraft(id, text.replace('max: 1.5', 'max: 1.2'), { author: 'Ben Ray', parentVersionId: v1 });
  const v2 = ws.commit(id, { author: 'Ben Ray', message: 'Lower IM ceiling', expectedParentId: v1 }).id;
  requestReview(ws, { protocolId: id, sectionKey: ROUTE, reviewers: [{ name: 'Dr Kim', role: 'medical_lead' }], requestedBy: 'ana lee' });
  ws.saveDraft(id, text.replace('start: 0.5', 'start: 0.4'), { author: 'ana lee', parentVersionId: v2 });
  ws.close();
  // Back to the schema before the aliases migration: no legacy flag, no alias table (the later review table
  // rebuild runs again as it would have).
  const raw = new Database(ws.file);
  raw.exec('DROP TABLE person_aliases; ALTER TABLE people DROP COLUMN legacy;');
  raw.pragma(`user_version = ${ALIASES}`);
  raw.close();
  return { file: ws.file, id, v2 };
}

const open = (file: string) => track(Workspace.open(file, { now: steppingClock(Date.UTC(2026, 3, 1)) }));

describe('names recorded before the register', () => {
  it('the migration keeps an unregistered workspace working by names, and changes no record', () => {
    const { file, id } = oldWorkspace();
    const ws = open(file);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(ALL_MIGRATIONS.length);
    expect(ws.hasRegister()).toBe(false);
    expect(ws.getDraft(id, 'ana lee')).not.toBeNull();
    expect(ws.history(id).map((v) => v.author)).toEqual(['Ben Ray', 'Ana Lee']);
    expect(ws.verify().ok).toBe(true);
  });

  it('registering the first person maps every recorded name to a person: the registered one, else a legacy person', () => {
    const { file, id } = oldWorkspace();
    const ws = open(file);
    ws.addPerson({ name: 'Ana Lee', roles: ['program_director'] });
    // Both spellings are Ana; the others get a legacy person each, outside the register of people who act.
    expect(['Ana Lee', 'ana lee', 'Ben Ray', 'Dr Kim'].map((n) => ws.personOf(n))).toEqual(['ana-lee', 'ana-lee', 'legacy-ben-ray', 'legacy-dr-kim']);
    expect(ws.getPerson('legacy-ben-ray')).toMatchObject({ name: 'Ben Ray', roles: [] });
    expect(ws.listPeople().map((p) => p.id)).toEqual(['ana-lee']);
    expect(() => ws.actor('Ben Ray')).toThrow(NotFoundError);
    // Ana's draft, typed under another spelling, is hers now.
    expect(ws.getDraft(id, 'ana-lee')?.text).toContain('start: 0.4');
    expect(ws.listDrafts(id).map((d) => d.author)).toEqual(['ana-lee']);
    // Immutable rows are as written; reading review records gives ids.
    expect(ws.history(id).map((v) => v.author)).toEqual(['Ben Ray', 'Ana Lee']);
    expect(readReviewRecords(ws, id).requests[0]).toMatchObject({ reviewer: 'legacy-dr-kim', requestedBy: 'ana-lee' });
    expect(ws.audit({ subject: 'people' })[0]).toMatchObject({ action: 'people.legacy_names', actor: 'ana-lee' });
    expect(ws.verify().ok).toBe(true);
    // A backup carries the legacy people and aliases.
    const out = join(tempDir(), 'backup');
    ws.exportTo(out, { audience: 'workspace' });
    const copy = tempWorkspace();
    copy.importFrom(out, { author: 'Ana Lee' });
    expect(['ana lee', 'Ben Ray'].map((n) => copy.personOf(n))).toEqual(['ana-lee', 'legacy-ben-ray']);
    expect(copy.listPeople().map((p) => p.id)).toEqual(['ana-lee']);
    // Reopening finds nothing left to map.
    const entries = ws.audit().length;
    ws.close();
    expect(open(file).audit().length).toBe(entries);
  });

  it('a person registered later takes over their legacy person: four eyes and pending requests work on their id', () => {
    const { file, id } = oldWorkspace();
    const ws = open(file);
    ws.addPerson({ name: 'Ana Lee', roles: ['program_director'] });
    ws.addPerson({ name: 'Ben Ray', roles: ['medical_lead'] }, { by: 'ana-lee' });
    ws.addPerson({ name: 'Dr Kim', roles: ['medical_lead'] }, { by: 'ana-lee' });
    expect(ws.personOf('Ben Ray')).toBe('ben-ray');
    expect(() => ws.getPerson('legacy-ben-ray')).toThrow(NotFoundError);
    // Ben changed the route in version 2 (recorded as "Ben Ray"): he cannot also approve it.
    expect(() => approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'ben-ray' })).toThrow(ReviewRefusedError);
    expect(() => approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'ben-ray' })).toThrow(/last changed .*four eyes/);
    // Dr Kim, asked by name before the register, answers the request as dr-kim.
    approve(ws, { protocolId: id, sectionKey: ROUTE }, { reviewer: 'dr-kim' });
    const records = readReviewRecords(ws, id);
    expect(records.requests[0]!.reviewer).toBe(records.events[0]!.reviewer);
    expect(ws.verify().ok).toBe(true);
  });

  it('a workspace that had a register before the aliases were added maps its old names when opened', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const id = ws.createProtocol({ template: { id: 'legacy-fixture', text: committable() }, author: 'Ana Lee' }).id;
    ws.close();
    const raw = new Database(ws.file);
    raw.exec('DROP TABLE person_aliases; ALTER TABLE people DROP COLUMN legacy;');
    raw.pragma(`user_version = ${ALIASES}`);
    // The register as the earlier release kept it, written straight into the table.
    raw.prepare("INSERT INTO people (id, name, roles, created_at, created_by) VALUES ('ana', 'ANA LEE', '[\"program_director\"]', '2026-02-01T00:00:00.000Z', 'ana')").run();
    raw.close();
    const again = open(ws.file);
    expect(again.personOf('Ana Lee')).toBe('ana');
    expect(again.audit({ subject: 'people' })[0]).toMatchObject({ action: 'people.legacy_names', actor: 'workspace opened', details: { aliases: { 'Ana Lee': 'ana' } } });
    expect(again.getProtocol(id).createdBy).toBe('Ana Lee');
  });
});
