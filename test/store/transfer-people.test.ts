/**
 * Export format 3 carries the people register and the replaced-draft history: the owner's backup restores
 * both as they were (ids, roles, community, contact; every kept draft), an export for anyone else leaves
 * contact details out and says so, and a replaced draft is held to the same sharing check as a draft.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharingBreachError } from '../../main/core/review';
import type { Workspace } from '../../main/store/workspace';
import { steppingClock, tempDir, tempWorkspace } from './helpers';

const WORDS = 'SALMON-RUN-7731 the teaching as the keeper told it';
const CONTACT = 'mary.thomas@clinic.example';

/** A small protocol written from the domain facts: one community-only teaching kept as a placeholder. */
function protocolText(teaching?: string): string {
  return `schemaVersion: 1
metadata:
  id: river-site
  title: River site group KaT
  versionLabel: 1.0.0
  status: draft
  medicine: ketamine
programme:
  format: group
  weeks: 12 # twelve-week course
cultural:
  blocks:
    - id: salmon-teaching
      type: teaching
      title: Salmon teaching
      placeholder: Ask the Knowledge Keeper about this teaching.
${teaching ? `      text: "${teaching}"\n` : ''}      governance:
        sharing: community_only
        keepers: [{name: Elder Joe Sam, nation: Snuneymuxw, role: elder}]
        permissions: {print: true, export: true}
`;
}

/** Two registered people, one protocol, and two replaced drafts: a plain one, and one naming the teaching. */
function registered(): { ws: Workspace; id: string } {
  const ws = tempWorkspace({ now: steppingClock() });
  ws.addPerson({ name: 'Mary Thomas', roles: ['program_director', 'qi_lead'], community: 'Nanaimo', contact: CONTACT });
  ws.addPerson({ name: 'Elder Joe Sam', roles: ['elder'], nation: 'Snuneymuxw', community: 'Snuneymuxw' }, { by: 'mary-thomas' });
  const id = ws.createProtocol({ template: { id: 'river-site', text: protocolText() }, author: 'Mary Thomas' }).id;
  const v1 = ws.head(id)!;
  ws.saveDraft(id, protocolText().replace('weeks: 12', 'weeks: 10'), { author: 'mary-thomas', parentVersionId: v1.id });
  ws.restoreVersion(v1.id, { author: 'mary-thomas' });
  ws.saveDraft(id, protocolText(WORDS), { author: 'elder-joe-sam', parentVersionId: v1.id });
  ws.restoreVersion(v1.id, { author: 'elder-joe-sam' });
  return { ws, id };
}

const rows = (ws: Workspace, sql: string) => ws.db.prepare(sql).all();
const PEOPLE = 'SELECT id, name, roles, community, nation, contact, created_at, created_by FROM people ORDER BY id';
const HISTORY = 'SELECT id, protocol_id, author, parent_version_id, saved_at, replaced_at, reason, text FROM draft_history ORDER BY id';

describe('people and replaced drafts in an export', () => {
  it('the owner backup restores the register and every replaced draft; verify passes and records keep naming the same people', () => {
    const { ws, id } = registered();
    expect(rows(ws, HISTORY)).toHaveLength(2);
    const out = join(tempDir(), 'backup');
    ws.exportTo(out, { audience: 'workspace' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ formatVersion: 3, people: { file: 'people.json', contact: 'carried' } });

    const copy = tempWorkspace({ now: steppingClock(Date.UTC(2026, 6, 1)) });
    copy.importFrom(out, { author: 'Mary Thomas' });
    expect(rows(copy, PEOPLE)).toEqual(rows(ws, PEOPLE));
    expect(rows(copy, HISTORY)).toEqual(rows(ws, HISTORY));
    expect(copy.getPerson('mary-thomas')).toMatchObject({ roles: ['program_director', 'qi_lead'], community: 'Nanaimo', contact: CONTACT });
    expect(copy.replacedDrafts(id, 'Elder Joe Sam').map((d) => [d.reason, d.text.includes(WORDS)])).toEqual([['restore', true]]);
    expect(copy.verify().ok).toBe(true);
    // The importer is a registered person, so the import is recorded under their id; names still resolve to ids.
    expect(copy.audit({ subject: 'workspace' })[0]).toMatchObject({ action: 'workspace.import', actor: 'mary-thomas' });
    expect(copy.actor('Elder Joe Sam')).toBe('elder-joe-sam');
  });

  it('an export for anyone else carries names and roles but no contact details, and says so in the manifest', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    ws.addPerson({ name: 'Mary Thomas', roles: ['program_director'], contact: CONTACT });
    ws.createProtocol({ template: { id: 'river-site', text: protocolText() }, author: 'mary-thomas' });
    const out = join(tempDir(), 'team');
    ws.exportTo(out, { audience: 'program_team' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.people).toMatchObject({ file: 'people.json', contact: 'left out' });
    expect(manifest.people.note).toMatch(/personal data/);
    expect(JSON.parse(readFileSync(join(out, 'people.json'), 'utf8'))).toEqual([
      { id: 'mary-thomas', name: 'Mary Thomas', roles: ['program_director'], community: null, nation: null, createdAt: expect.any(String), createdBy: 'mary-thomas' },
    ]);
    // Nor does the audit chain hold them: adding a person notes only that there is a contact.
    expect(readFileSync(join(out, 'audit.json'), 'utf8')).not.toContain(CONTACT);

    const copy = tempWorkspace();
    copy.importFrom(out, { author: 'Restorer' });
    expect(copy.getPerson('mary-thomas')).toMatchObject({ name: 'Mary Thomas', contact: null });
    expect(copy.verify().ok).toBe(true);
  });

  it('refuses an export whose replaced draft holds a section the audience may not see, and writes nothing', () => {
    const { ws } = registered();
    const out = join(tempDir(), 'team');
    let thrown: unknown;
    try {
      ws.exportTo(out, { audience: 'program_team' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SharingBreachError);
    expect((thrown as SharingBreachError).help).toMatch(/replaced draft \d+ by elder-joe-sam/);
    expect(() => readFileSync(join(out, 'manifest.json'))).toThrow();
  });

  it('refuses an import whose people.json names an unknown role, importing nothing', () => {
    const { ws } = registered();
    const out = join(tempDir(), 'backup');
    ws.exportTo(out, { audience: 'workspace' });
    const file = join(out, 'people.json');
    const edited = readFileSync(file, 'utf8').replace('"elder"', '"chief"');
    const manifestFile = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    // Re-hash so only the role check can refuse it.
    manifest.files['people.json'] = createHash('sha256').update(edited).digest('hex');
    writeFileSync(file, edited);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const copy = tempWorkspace();
    expect(() => copy.importFrom(out)).toThrow(/people\.json\[\d\]\.roles\[0\] is not a known role: "chief"/);
    expect(copy.listPeople()).toEqual([]);
    expect(copy.listProtocols()).toEqual([]);
  });

  it('refuses a format 2 export of a workspace with a register: it would lose who everyone is', () => {
    const { ws } = registered();
    const out = join(tempDir(), 'old');
    ws.exportTo(out, { audience: 'workspace' });
    const manifestFile = join(out, 'manifest.json');
    const { people: _, ...manifest } = JSON.parse(readFileSync(manifestFile, 'utf8'));
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, formatVersion: 2 }));
    expect(() => tempWorkspace().importFrom(out)).toThrow(/format 2\) was made before the people register was exported: its audit log records 2 people added/);
  });
});
