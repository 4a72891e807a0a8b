/**
 * One end-to-end test per disclosure channel (issue 11): a protocol written from scratch holds marker
 * strings in sections the policy withholds; each channel's real output path is run and its whole output
 * searched for the markers. Where a section may be shown, its marker must appear (so the search means something).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBinder } from '../../main/core/binder';
import { diffProtocols } from '../../main/core/diff/diff';
import { redactChanges, SharingBreachError } from '../../main/core/review';
import { binderFacts, changeLogFor } from '../../main/services/binder-facts';
import { ReviewService } from '../../main/services/review';
import { publishableText } from '../../main/sync/policy';
import type { Remote } from '../../main/sync/remotes';
import { RefusedTextError } from '../../main/store/errors';
import type { Workspace } from '../../main/store/workspace';
import { allText, steppingClock, tempDir, tempWorkspace } from './helpers';
import { parse } from 'yaml';

const SONG = 'MARK-SONG-community-only-7101';
const SONG2 = 'MARK-SONG-changed-7102';
const TEACHING = 'MARK-TEACHING-no-export-7103';
const PRAYER = 'MARK-PRAYER-sacred-7104';

/** Written from domain.md §5: a song the community keeps (not to be printed or exported), a staff teaching, a ceremony held by an Elder. */
const protocol = (song = SONG, prayer = false) => `schemaVersion: 1
metadata:
  id: channels
  title: Channels test
  versionLabel: 1.0.0
  status: draft
  medicine: ketamine
cultural:
  framing: Two-eyed seeing, with the community's own knowledge keepers.
  blocks:
    - id: healing-song
      type: song
      title: Healing song
      text: ${song}
      placeholder: A song the Elder may share in person.
      governance:
        sharing: community_only
        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]
        labels: [{label: tk_community_use_only}]
        permissions: {print: false, export: false}
    - id: river-teaching
      type: teaching
      title: River teaching
      text: ${TEACHING}
      governance:
        sharing: program_team
        keepers: [{name: Knowledge Keeper Jo Sam, nation: Stz'uminus, role: knowledge_keeper, permissionToName: true}]
        permissions: {print: true, export: false}
    - id: opening-prayer
      type: opening
      title: Opening prayer
${prayer ? `      text: ${PRAYER}\n` : ''}      placeholder: Opening led by the Elder in their own way — ask Elder Ann Joe.
      governance:
        sharing: secret_sacred
        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]
`;

const GEN = '2026-03-01T00:00:00.000Z';

/** Version 1, version 2 (the song changed), and a draft someone typed the prayer into (left out when saved). */
function workspace(): { ws: Workspace; id: string } {
  const ws = tempWorkspace({ now: steppingClock() });
  const id = ws.createProtocol({ template: { id: 'channels', text: protocol() }, author: 'Alice' }).id;
  const head = ws.head(id)!;
  ws.saveDraft(id, protocol(SONG2), { author: 'Alice', parentVersionId: head.id });
  ws.commit(id, { author: 'Alice', message: 'New words for the song', expectedParentId: head.id });
  ws.saveDraft(id, protocol(SONG2, true), { author: 'Bob', parentVersionId: ws.head(id)!.id });
  return { ws, id };
}

const without = (out: string, ...markers: string[]) => {
  for (const m of markers) expect(out, `"${m}" leaked`).not.toContain(m);
};

describe('every channel withholds what the policy withholds', () => {
  it('binder: print: false keeps the song out of every profile, Elder review included, with a placeholder naming whom to ask', () => {
    const { ws, id } = workspace();
    for (const profile of ['clinical-team', 'participant', 'elder-review', 'site-adaptation'] as const) {
      const audience = profile === 'clinical-team' ? 'clinical_team' : profile === 'elder-review' ? 'elder_review' : profile === 'participant' ? 'participant' : 'program_team';
      const facts = binderFacts(ws, id, { versionRef: 'head' }, audience);
      const html = renderBinder({ ...facts, profile, lang: 'en', generatedAt: GEN } as Parameters<typeof renderBinder>[0]);
      without(html, SONG, SONG2, PRAYER);
      if (profile === 'elder-review') {
        expect(html).toContain('A song the Elder may share in person.');
        expect(html).toMatch(/Elder Ann Joe/);
        // The TK label that restricts use, in plain words beside the placeholder.
        expect(html).toContain('TK Community Use Only: For use within the community; ask the keepers before it goes further.');
      }
      if (profile === 'clinical-team') expect(html).toContain(TEACHING);
    }
  });

  it('folder export: export: false keeps the teaching from leaving; the refusal names it, not its words', () => {
    const { ws } = workspace();
    const out = join(tempDir(), 'export');
    let err: unknown;
    try {
      ws.exportTo(out, { audience: 'program_team' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SharingBreachError);
    const e = err as SharingBreachError;
    expect(e.message.length).toBeLessThanOrEqual(200);
    expect(e.message).toMatch(/"(River teaching|Healing song)"/);
    without(e.message + e.help, SONG, SONG2, TEACHING, PRAYER);
    expect(existsSync(out)).toBe(false);
  });

  it('backup: the owner gets every stored level; the prayer was never stored', () => {
    const { ws } = workspace();
    const out = join(tempDir(), 'backup');
    ws.exportTo(out, { audience: 'workspace' });
    const all = allText(out);
    expect(all).toContain(SONG2);
    expect(all).toContain(TEACHING);
    without(all, PRAYER);
  });

  it('diff: changes inside the song collapse to one withheld line for everyone outside the community', () => {
    const { ws, id } = workspace();
    const [v1, v2] = ws.history(id).reverse().map((v) => parse(ws.getVersion(v.id).text) as unknown);
    const changes = diffProtocols(v1, v2);
    expect(JSON.stringify(changes)).toContain(SONG2);
    for (const audience of ['public', 'participant', 'clinical_team', 'program_team', 'site_adaptation', 'elder_review'] as const) {
      const out = JSON.stringify(redactChanges(changes, v1, v2, audience));
      without(out, SONG, SONG2);
      expect(out).toContain('Healing song changed — content withheld');
    }
  });

  it('change log (binder): the song change is listed as withheld, never quoted', () => {
    const { ws, id } = workspace();
    const facts = binderFacts(ws, id, { versionRef: 'head' }, 'clinical_team');
    const html = renderBinder({ ...facts, profile: 'clinical-team', lang: 'en', generatedAt: GEN, previous: { label: '1', value: parse(ws.getVersion(ws.history(id).at(-1)!.id).text) } } as Parameters<typeof renderBinder>[0]);
    without(html, SONG, SONG2);
    expect(html).toContain('New words for the song');
  });

  it('change log: the song change is one withheld line', () => {
    const { ws, id } = workspace();
    const log = changeLogFor(ws, id, { versionRef: 'head' }, { audience: 'program_team' })!;
    expect(log.from.seq).toBe(1);
    const out = JSON.stringify(log.sections);
    without(out, SONG, SONG2);
    expect(out).toContain('content withheld');
  });

  it('review view: the cards of the current draft carry no secret/sacred content', () => {
    const { ws, id } = workspace();
    const review = new ReviewService(ws, () => 'Alice');
    const draft = ws.getDraft(id, 'Bob')!;
    without(draft.text, PRAYER);
    const view = JSON.stringify(review.status(id, draft.text));
    without(view, PRAYER);
    expect(view).toContain('Opening prayer');
  });

  it('error and log messages: a refused commit names the section, never quotes it (nor does its audit entry)', () => {
    const { ws, id } = workspace();
    // A draft stored by an older release, holding the prayer: commit refuses it in one line.
    ws.db.prepare('UPDATE drafts SET text = ? WHERE protocol_id = ? AND author = ?').run(protocol(SONG2, true), id, 'Bob');
    let err: unknown;
    try {
      ws.commit(id, { author: 'Bob', message: 'x', expectedParentId: ws.head(id)!.id });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RefusedTextError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/Cultural block \(opening-prayer\) is secret sacred: remove "text"/);
    without(message, PRAYER);
    without(JSON.stringify(ws.db.prepare('SELECT * FROM audit_log').all()), PRAYER, SONG, SONG2, TEACHING);
  });

  it('audit export: the exported audit chain holds hashes and names, never section content', () => {
    const { ws } = workspace();
    const out = join(tempDir(), 'backup');
    ws.exportTo(out, { audience: 'workspace' });
    without(readFileSync(join(out, 'audit.json'), 'utf8'), SONG, SONG2, TEACHING, PRAYER);
  });

  it('sync: a publish to the programme team refuses the song (it holds content) and never quotes it', () => {
    const remote = { name: 'team', url: 'file:///x', branch: 'main', audience: 'program_team', community: null } as unknown as Remote;
    let err: unknown;
    try {
      publishableText(protocol(), remote, 'channels version 1');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SharingBreachError);
    const e = err as SharingBreachError;
    expect(e.message.length).toBeLessThanOrEqual(200);
    without(e.message + e.help, SONG, TEACHING);
    // With only placeholders stored, the publish goes out with the stub naming whom to ask.
    const placeholderOnly = protocol().replace(`      text: ${SONG}\n`, '').replace(`      text: ${TEACHING}\n`, '');
    const published = publishableText(placeholderOnly, remote, 'channels version 1');
    without(published.text, SONG, TEACHING, PRAYER);
    expect(published.text).toContain('A song the Elder may share in person.');
  });
});

describe('review status in a binder', () => {
  it('is what the review view computes at print time (same function, same records, same clock)', () => {
    const { ws, id } = workspace();
    const head = ws.getVersion(ws.head(id)!.id).text;
    const printed = binderFacts(ws, id, { versionRef: 'head' }, 'elder_review').reviewStatus!;
    const view = new ReviewService(ws, () => 'Alice').status(id, head).sections;
    const pick = (s: { key: string; track: string; state: string }) => `${s.key} ${s.track} ${s.state}`;
    expect(printed.map(pick).sort()).toEqual(view.map((s) => pick({ ...s, key: s.path })).sort());
    expect(printed.map(pick)).toContain('cultural.blocks[opening-prayer] cultural not_requested');
  });
});
