/**
 * Backups (issue 11, item 4): the owner's full backup works when protocols hold sacred placeholders, and
 * restoring it gives back the same workspace; exports to anyone else list what was withheld and why, and
 * carry the restriction (governance) with the texts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../main/store/hash';
import { approve, readReviewRecords, requestReview, reviewStatusFor } from '../../main/store/review-store';
import type { Workspace } from '../../main/store/workspace';
import { readTemplate } from '../../main/templates';
import { steppingClock, tempDir, tempWorkspace } from './helpers';

const RTT = readTemplate('rtt-kat-12-week');
const OPENING = 'cultural.blocks[medicine-day-opening]';
const MARKER = 'MARKER-BACKUP-5521 the words of the opening prayer';

const rows = (ws: Workspace, sql: string) => ws.db.prepare(sql).all();

/** The RTT template with its ceremony placeholders, an Elder's sign-off on one, and a later edit. */
function workspaceWithCeremonies(): { ws: Workspace; id: string } {
  const ws = tempWorkspace({ now: steppingClock() });
  const id = ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: RTT }, author: 'Alice' }).id;
  requestReview(ws, { protocolId: id, sectionKey: OPENING, reviewers: [{ name: 'Elder Ann Joe', role: 'elder' }], requestedBy: 'Alice' });
  approve(ws, { protocolId: id, sectionKey: OPENING }, { reviewer: 'Elder Ann Joe', role: 'elder' });
  // Someone types the prayer itself into the sacred block: the saved draft leaves it out.
  const head = ws.head(id)!;
  const typed = RTT.replace('      placeholder:\n        en: Opening led by an Elder in their own way', `      text: ${MARKER}\n      placeholder:\n        en: Opening led by an Elder in their own way`);
  expect(typed).toContain(MARKER);
  const draft = ws.saveDraft(id, typed.replace('versionLabel: ', 'versionLabel: 9'), { author: 'Bob', parentVersionId: head.id });
  expect(draft.text).not.toContain(MARKER);
  ws.commit(id, { author: 'Bob', message: 'New version label', expectedParentId: head.id });
  ws.saveDraft(id, typed, { author: 'Carol', parentVersionId: ws.head(id)!.id });
  return { ws, id };
}

describe('full workspace backup (audience workspace)', () => {
  it('backs up a workspace holding the RTT-KaT template with ceremony placeholders, and restores the same workspace', () => {
    const { ws, id } = workspaceWithCeremonies();
    const out = join(tempDir(), 'backup');
    const summary = ws.exportTo(out, { audience: 'workspace' });
    expect(summary).toMatchObject({ protocols: 1, versions: 2, reviews: 2, audience: 'workspace' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.withheld).toBeUndefined();

    const copy = tempWorkspace({ now: steppingClock(Date.UTC(2026, 5, 1)) });
    copy.importFrom(out, { author: 'Restorer' });
    // Same versions (ids, order, texts, hashes), drafts, sign-offs and audit chain.
    const versions = 'SELECT id, seq, parent_id, text, sha256, author, message, created_at FROM versions ORDER BY seq';
    expect(rows(copy, versions)).toEqual(rows(ws, versions));
    const drafts = 'SELECT protocol_id, author, text, parent_version_id, updated_at FROM drafts ORDER BY author';
    expect(rows(copy, drafts)).toEqual(rows(ws, drafts));
    expect(readReviewRecords(copy, id)).toEqual(readReviewRecords(ws, id));
    const now = new Date(Date.UTC(2026, 5, 1));
    expect(reviewStatusFor(copy, id, { now })).toEqual(reviewStatusFor(ws, id, { now }));
    const opening = reviewStatusFor(copy, id, { now }).sections.find((s) => s.key === OPENING && s.track === 'cultural')!;
    expect(opening).toMatchObject({ state: 'approved', approvedBy: 'Elder Ann Joe' });
    const audit = 'SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq';
    const original = rows(ws, audit);
    expect(rows(copy, audit).slice(0, original.length)).toEqual(original);
    expect(copy.verify()).toEqual({ ok: true, problems: [] });
    // The typed prayer was never stored, so it is nowhere in the backup or the restored workspace.
    expect(JSON.stringify([rows(copy, versions), rows(copy, drafts), rows(copy, audit)])).not.toContain('MARKER-BACKUP');
  });
});

describe('exports to other audiences', () => {
  it('write a manifest of what was withheld and why, and keep the restriction in the texts', () => {
    const { ws } = workspaceWithCeremonies();
    const out = join(tempDir(), 'team');
    ws.exportTo(out, { audience: 'program_team' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { audience: string; withheld: Array<Record<string, unknown>> };
    expect(manifest.audience).toBe('program_team');
    const opening = manifest.withheld.find((w) => w.section === OPENING)!;
    expect(opening).toMatchObject({
      protocol: 'rtt-kat-base',
      title: 'Opening on medicine-session days',
      level: 'secret_sacred',
      reason: expect.stringMatching(/secret or sacred/),
      askWhom: expect.stringMatching(/elder/i),
    });
    expect(opening.labels).toEqual([expect.stringMatching(/^TK Secret \/ Sacred: /)]);
    // Smudging is community_only: withheld from the programme team too, with its own reason.
    expect(manifest.withheld.find((w) => w.section === 'cultural.blocks[smudging]')).toMatchObject({ level: 'community_only', reason: 'shared only with members of the source community' });
    // Each section is listed once, however many versions and drafts hold it.
    expect(new Set(manifest.withheld.map((w) => w.section)).size).toBe(manifest.withheld.length);
    // The restriction travels: the texts keep the sections' governance.
    const head = readFileSync(join(out, 'protocols', readdirSync(join(out, 'protocols'))[0]!, 'head.yaml'), 'utf8');
    expect(head).toContain('sharing: secret_sacred');
  });
});

describe('restoring a tampered backup', () => {
  it('refuses a draft holding secret/sacred content in one short line, and restores nothing', () => {
    const { ws } = workspaceWithCeremonies();
    const out = join(tempDir(), 'backup');
    ws.exportTo(out, { audience: 'workspace' });
    // Put the prayer into the exported draft and fix its hash in the manifest, as a forger would.
    const manifestFile = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: Record<string, string> };
    const draft = Object.keys(manifest.files).find((f) => f.includes('/drafts/'))!;
    const typed = readFileSync(join(out, ...draft.split('/')), 'utf8').replace('    - id: medicine-day-opening\n      type: opening\n', `    - id: medicine-day-opening\n      type: opening\n      text: ${MARKER}\n`);
    expect(typed).toContain(MARKER);
    writeFileSync(join(out, ...draft.split('/')), typed);
    manifest.files[draft] = sha256(typed);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const copy = tempWorkspace();
    let err: unknown;
    try {
      copy.importFrom(out, { author: 'Restorer' });
    } catch (e) {
      err = e;
    }
    const message = (err as Error).message;
    expect(message.length).toBeLessThanOrEqual(200);
    expect(message).toMatch(/refused: ".*" \(cultural\.blocks\[medicine-day-opening\]\) is secret sacred — ask /);
    expect(message).not.toContain('MARKER-BACKUP');
    expect(copy.listProtocols()).toEqual([]);
  });
});
