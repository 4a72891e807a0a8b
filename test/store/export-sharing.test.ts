/** Folder exports respect sharing levels: refused (nothing written) when content beyond the audience would leave. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { normalizedSectionContent, sectionContentHash, SharingBreachError, type Audience, type SharingLevel } from '../../main/core/review';
import { requestChanges } from '../../main/store/review-store';
import type { Workspace } from '../../main/store/workspace';
import { readTemplate } from '../../main/templates';
import { allText, steppingClock, tempDir, tempWorkspace } from './helpers';

const SECRET = 'RIVER-WORDS given to this programme only';
const author = 'Programme director';

function blockProtocol(level: SharingLevel, opts: { text?: boolean; exportAllowed?: boolean; notes?: string } = {}): string {
  const text = opts.text ?? true;
  return `schemaVersion: 1
metadata:
  id: share-test
  title: Sharing test
  versionLabel: 1.0.0
  status: draft
  medicine: ketamine
cultural:
  blocks:
    - id: river
      type: teaching
      title: River teaching
      placeholder: Ask the Knowledge Keeper about this teaching.
${text ? `      text: "${SECRET}"\n` : ''}      governance:
        sharing: ${level}
        keepers: [{name: Knowledge Keeper Jo Sam, nation: Stz'uminus, role: knowledge_keeper}]
        permissions: {print: true, export: ${opts.exportAllowed ?? true}}
${opts.notes ? `        notes: "${opts.notes}"\n` : ''}`;
}

function workspaceWith(text: string): Workspace {
  const ws = tempWorkspace({ now: steppingClock() });
  ws.createProtocol({ template: { id: 'share-test', text }, author });
  return ws;
}

/**
 * A draft written straight into the table, as an older release could have stored it: secret/sacred content
 * can no longer reach the store through saveDraft (it is left out) or commit (the schema refuses it).
 */
function legacyDraft(ws: Workspace, text: string, author = 'Ana'): void {
  ws.db
    .prepare('INSERT INTO drafts (protocol_id, author, text, parent_version_id, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run('share-test', author, text, ws.head('share-test')!.id, '2026-01-01T00:00:00.000Z');
}

/** A workspace whose stored texts hold the section's content at `level` (sacred content only as a legacy draft). */
function holding(level: SharingLevel): { ws: Workspace; where: string } {
  if (level !== 'secret_sacred') return { ws: workspaceWith(blockProtocol(level)), where: 'share-test version 1' };
  const ws = workspaceWith(blockProtocol(level, { text: false }));
  legacyDraft(ws, blockProtocol(level));
  return { ws, where: 'share-test draft by Ana' };
}

function commit(ws: Workspace, text: string, who = 'Ana'): void {
  const head = ws.head('share-test')!;
  ws.saveDraft('share-test', text, { author: who, parentVersionId: head.id });
  ws.commit('share-test', { author: who, message: 'edit', expectedParentId: head.id });
}

function refusal(fn: () => unknown): SharingBreachError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SharingBreachError);
    return err as SharingBreachError;
  }
  throw new Error('expected the export to be refused');
}

/** Which audiences may receive a section's content in a folder export, written out by hand (issue 5). */
const MAY_RECEIVE: Record<SharingLevel, Audience[]> = {
  open: ['public', 'participant', 'clinical_team', 'program_team', 'site_adaptation', 'community', 'elder_review', 'workspace'],
  program_team: ['clinical_team', 'program_team', 'site_adaptation', 'elder_review', 'workspace'],
  community_only: ['community', 'elder_review', 'workspace'],
  secret_sacred: [],
};
const AUDIENCE_LIST: Audience[] = ['public', 'participant', 'clinical_team', 'program_team', 'site_adaptation', 'community', 'elder_review', 'workspace'];
const LEVEL_WORDS: Record<SharingLevel, string> = {
  open: 'open',
  program_team: 'program team',
  community_only: 'community only',
  secret_sacred: 'secret sacred',
};

describe('export: each sharing level × each audience', () => {
  const cases = (Object.keys(MAY_RECEIVE) as SharingLevel[]).flatMap((level) => AUDIENCE_LIST.map((audience) => ({ level, audience, ok: MAY_RECEIVE[level].includes(audience) })));

  it.each(cases)('$level content for $audience: exported $ok', ({ level, audience, ok }) => {
    const { ws, where } = holding(level);
    const parent = tempDir();
    const out = join(parent, 'export');
    if (ok) {
      expect(ws.exportTo(out, { audience })).toMatchObject({ protocols: 1, versions: 1, audience });
      expect(readFileSync(join(out, 'protocols/Sharing test/head.yaml'), 'utf8')).toContain(SECRET);
      expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).audience).toBe(audience);
      return;
    }
    const err = refusal(() => ws.exportTo(out, { audience }));
    // One plain line naming the section and whom to ask; the detail in help.
    expect(err.message.length).toBeLessThanOrEqual(200);
    expect(err.message).toMatch(/^Export for .+ refused: "River teaching" \(cultural\.blocks\[river\]\) .* — ask .+\.$/);
    expect(err.help).toContain(`Export for audience "${audience}" refused`);
    expect(err.help).toContain(`${where}: "River teaching" (cultural.blocks[river], ${LEVEL_WORDS[level]}:`);
    expect(err.help).toMatch(/; ask .+\) holds text\. Nothing was written\./);
    expect(err.withheld.map((w) => w.key)).toEqual(['cultural.blocks[river]']);
    // Nothing was written: no folder, no staging folder, the secret nowhere on disk.
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
    expect(allText(parent)).not.toContain(SECRET);
  });

  it.each(['open', 'program_team', 'community_only', 'secret_sacred'] as SharingLevel[])('%s section holding only its placeholder exports for every audience', (level) => {
    const ws = workspaceWith(blockProtocol(level, { text: false }));
    for (const audience of AUDIENCE_LIST) {
      const out = join(tempDir(), 'export');
      ws.exportTo(out, { audience });
      expect(readFileSync(join(out, 'protocols/Sharing test/head.yaml'), 'utf8')).toContain('Ask the Knowledge Keeper about this teaching.');
    }
  });
});

describe('export refusals', () => {
  it('defaults to the program_team audience and names the keepers\u2019 missing export permission', () => {
    const ws = workspaceWith(blockProtocol('program_team', { exportAllowed: false }));
    const err = refusal(() => ws.exportTo(join(tempDir(), 'export')));
    expect(err.message).toBe('Export for program team refused: "River teaching" (cultural.blocks[river]) is for the programme team — ask a knowledge keeper of Stz\'uminus.');
    expect(err.help).toContain('Export for audience "program_team" refused');
    expect(err.help).toContain('the keepers do not allow it to be exported; ask a knowledge keeper of Stz\'uminus');
    // The keepers' name is not given to an outside audience.
    expect(err.message + err.help).not.toContain('Jo Sam');
    expect(ws.exportTo(join(tempDir(), 'export'), { audience: 'workspace' }).audience).toBe('workspace');
  });

  it('refuses a history of restricted text even when the latest version holds only the placeholder', () => {
    const ws = workspaceWith(blockProtocol('community_only'));
    commit(ws, blockProtocol('community_only', { text: false }));
    const err = refusal(() => ws.exportTo(join(tempDir(), 'export'), { audience: 'program_team' }));
    expect(err.help).toContain('share-test version 1: "River teaching"');
    expect(err.help).not.toContain('version 2');
  });

  it('secret or sacred content stored by an older release never leaves, not even in a full workspace backup', () => {
    const ws = workspaceWith(blockProtocol('secret_sacred', { text: false }));
    legacyDraft(ws, blockProtocol('secret_sacred'));
    const err = refusal(() => ws.exportTo(join(tempDir(), 'export'), { audience: 'workspace' }));
    expect(err.message.length).toBeLessThanOrEqual(200);
    expect(err.help).toContain('share-test draft by Ana: "River teaching" (cultural.blocks[river], secret sacred: secret or sacred');
    expect(err.help).toContain('Secret or sacred content never leaves the workspace');
  });

  it('a draft saved now leaves the secret/sacred content out, so the backup works', () => {
    const ws = workspaceWith(blockProtocol('secret_sacred', { text: false }));
    const d = ws.saveDraft('share-test', blockProtocol('secret_sacred'), { author: 'Ana', parentVersionId: ws.head('share-test')!.id });
    expect(d.text).not.toContain(SECRET);
    expect(d.text).toContain('Ask the Knowledge Keeper about this teaching.');
    const out = join(tempDir(), 'export');
    expect(ws.exportTo(out, { audience: 'workspace' }).audience).toBe('workspace');
    expect(allText(out)).not.toContain(SECRET);
  });

  it('refuses the keepers\u2019 governance notes on a withheld section', () => {
    const ws = workspaceWith(blockProtocol('community_only', { text: false, notes: 'The song is sung at dawn facing the river' }));
    const err = refusal(() => ws.exportTo(join(tempDir(), 'export'), { audience: 'program_team' }));
    expect(err.help).toMatch(/holds governance\.notes/);
    expect(ws.exportTo(join(tempDir(), 'export'), { audience: 'community' }).protocols).toBe(1);
  });

  it('refuses review notes about a section the audience may not see', () => {
    const ws = workspaceWith(blockProtocol('community_only', { text: false }));
    requestChanges(ws, { protocolId: 'share-test', sectionKey: 'cultural.blocks[river]' }, { reviewer: 'Elder Ann Joe', role: 'elder', note: 'Say it is sung at dawn' });
    const err = refusal(() => ws.exportTo(join(tempDir(), 'export'), { audience: 'program_team' }));
    expect(err.help).toMatch(/share-test review request changes by Elder Ann Joe \(event 1\): "River teaching" .* holds review note/);
    const out = join(tempDir(), 'export');
    ws.exportTo(out, { audience: 'community' });
    expect(readFileSync(join(out, 'protocols/Sharing test/reviews.json'), 'utf8')).toContain('Say it is sung at dawn');
  });

  it('refuses a review snapshot holding restricted content, naming the event', () => {
    // The placeholder-only version is fine; the snapshot (written directly, as an older client might have) is not.
    const ws = workspaceWith(blockProtocol('community_only', { text: false }));
    const section = (parse(blockProtocol('community_only')) as { cultural: { blocks: unknown[] } }).cultural.blocks[0];
    const snapshot = normalizedSectionContent(section);
    ws.db
      .prepare(
        "INSERT INTO review_events (protocol_id, section_key, track, version_id, kind, reviewer, role, at, content_hash, snapshot) VALUES ('share-test', 'cultural.blocks[river]', 'cultural', ?, 'approve', 'Elder Ann Joe', 'elder', '2026-01-01', ?, ?)",
      )
      .run(ws.head('share-test')!.id, sectionContentHash(section), snapshot);
    const err = refusal(() => ws.exportTo(join(tempDir(), 'export')));
    expect(err.help).toMatch(/^Export for audience "program_team" refused: share-test review approve by Elder Ann Joe \(event 1\): "River teaching" \(cultural\.blocks\[river\], community only: .*\) holds text\. Nothing was written/);
    expect(ws.exportTo(join(tempDir(), 'export'), { audience: 'community' }).reviews).toBe(1);
  });

  it('refuses a text it cannot read, with its location, since its sharing cannot be checked', () => {
    const ws = workspaceWith(blockProtocol('open'));
    ws.saveDraft('share-test', 'cultural:\n  governance: [unclosed\n', { author: 'Ben', parentVersionId: ws.head('share-test')!.id });
    const err = refusal(() => ws.exportTo(join(tempDir(), 'export'), { audience: 'workspace' }));
expect(err.help).toMatch(/share-test draft by Ben: "the whole text" \(\(document\), unknown: it cannot be read \(\d+:\d+: YAML-/);
  });

  it('sees a governance key spelled with an escape sequence', () => {
    const disguised = blockProtocol('secret_sacred').replace('      governance:', '      "gov\\u0065rnance":');
    expect(disguised).toContain('"gov\\u0065rnance":');
    const ws = workspaceWith(blockProtocol('secret_sacred', { text: false }));
    legacyDraft(ws, disguised);
    expect(refusal(() => ws.exportTo(join(tempDir(), 'export'), { audience: 'workspace' })).help).toContain('cultural.blocks[river], secret sacred');
    // Saved now, the disguised key is read like any other and the content left out.
    expect(ws.saveDraft('share-test', disguised, { author: 'Ben', parentVersionId: ws.head('share-test')!.id }).text).not.toContain(SECRET);
  });

  it('over an earlier export, a refusal leaves that export exactly as it was', () => {
    const ws = workspaceWith(blockProtocol('program_team', { text: false }));
    const out = tempDir();
    ws.exportTo(out);
    const before = allText(out);
    commit(ws, blockProtocol('community_only'));
    refusal(() => ws.exportTo(out));
    expect(allText(out)).toBe(before);
    expect(before).not.toContain(SECRET);
  });

  it('rejects an unknown audience', () => {
    const ws = workspaceWith(blockProtocol('open'));
    expect(() => ws.exportTo(join(tempDir(), 'x'), { audience: 'everyone' as Audience })).toThrow(/unknown export audience "everyone"/);
  });
});

describe('the bundled RTT template (placeholders only for sacred content)', () => {
  it('exports for the default audience and as a full backup, and is refused for the public', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const p = ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: readTemplate('rtt-kat-12-week') }, author });
    for (const audience of [undefined, 'workspace'] as const) {
      const out = join(tempDir(), 'export');
      const summary = ws.exportTo(out, audience ? { audience } : {});
      expect(summary.audience).toBe(audience ?? 'program_team');
      const folder = readdirSync(join(out, 'protocols'))[0]!;
      expect(readFileSync(join(out, 'protocols', folder, 'head.yaml'), 'utf8')).toBe(readTemplate('rtt-kat-12-week'));
    }
    // Ceremonial segments without recorded governance stay with the programme team.
    const err = refusal(() => ws.exportTo(join(tempDir(), 'export'), { audience: 'public' }));
    expect(err.help).toContain(`${p.id} version 1: "`);
    expect(err.help).toContain('curriculum.weeks[week-5].segments[w5-opening]');
  });
});
