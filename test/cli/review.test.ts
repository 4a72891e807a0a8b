/** The `review` CLI, run as the built CLI in a child process. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Workspace } from '../../main/store/workspace';
import { committable, edited, PROTOCOL_TEXT } from '../core/review/fixture';
import { runCli } from './run-cli';

// Each test runs the built CLI several times as child processes: on a loaded two-core machine that
// outlasts the default 30 s, so this is the hang guard here (no figure is asserted).
vi.setConfig({ testTimeout: 120_000 });

const BLOCK = 'cultural.blocks[opening-circle]';
let dir: string;
let db: string;
let id: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ps-cli-review-'));
  db = join(dir, 'ws.sqlite');
  const ws = Workspace.open(db);
  id = ws.createProtocol({ template: { id: 'review-fixture', text: committable() }, author: 'Alice' }).id;
  ws.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[]) => runCli(['review', ...argv], { cwd: dir, env: { PROTOCOL_STUDIO_AUTHOR: 'Alice' } });

describe('protocol-studio review', () => {
  it('prints help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('request-changes PROTOCOL SECTION');
  });

  it('status exits 1 while required sign-offs are missing and lists them', async () => {
    const r = await cli(['status', '--db', db, id]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISS cultural\.blocks\[opening-circle\] — Opening circle \[cultural\]: cultural sign-off required/);
    expect(r.stdout).toContain('MISS medicineSessions.routes[im] — Dose route IM [medical]');
    const json = JSON.parse((await cli(['status', '--db', db, id, '--format', 'json'])).stdout) as { sections: { key: string; state: string }[] };
    expect(json.sections.find((s) => s.key === BLOCK)).toMatchObject({ state: 'not_requested' });
    expect(json.sections.some((s) => s.state === 'not_required')).toBe(false);
  });

  it('request, approve, and status exits 0 once every required sign-off holds; lapses after an edit', async () => {
    expect((await cli(['request', '--db', db, id, BLOCK, '--reviewer', 'Elder Ann Joe', '--role', 'elder'])).stdout).toContain('requested cultural review of cultural.blocks[opening-circle] from Elder Ann Joe');
    const approved = await cli(['approve', '--db', db, id, BLOCK, '--reviewer', 'Elder Ann Joe', '--role', 'elder', '--format', 'json']);
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ kind: 'approve', sectionKey: BLOCK, track: 'cultural' });
    expect(approved.stdout).not.toContain('snapshot');

    const ws = Workspace.open(db);
    const { sections } = JSON.parse((await cli(['status', '--db', db, id, '--format', 'json'])).stdout) as { sections: { key: string; track: string; required: boolean }[] };
    for (const s of sections.filter((x) => x.required && x.key !== BLOCK)) {
      const reviewer = s.track === 'cultural' ? ['Elder Ann Joe', 'elder'] : ['Dr Lee', 'medical_lead'];
      const r = await cli(['approve', '--db', db, id, s.key, '--track', s.track, '--reviewer', reviewer[0]!, '--role', reviewer[1]!]);
      expect(r.code, r.stderr).toBe(0);
    }
    const ok = await cli(['status', '--db', db, id, '--track', 'cultural']);
    expect(ok.code, ok.stdout).toBe(0);
    expect((await cli(['status', '--db', db, id])).code).toBe(0);

    ws.saveDraft(id, edited('We gather in a circle', 'We gather in a wide circle', committable()), { author: 'Bob', parentVersionId: ws.head(id)!.id });
    ws.commit(id, { author: 'Bob', message: 'wording', expectedParentId: ws.head(id)!.id });
    ws.close();
    const lapsed = await cli(['status', '--db', db, id]);
    expect(lapsed.code).toBe(1);
    expect(lapsed.stdout).toMatch(/LAPS cultural\.blocks\[opening-circle\] .*changed since approved by Elder Ann Joe on \d{4}-\d{2}-\d{2}/);
    expect(lapsed.stdout).toContain('Opening circle › Text: text edited');
  });

  it('exits 1 on refusals (four eyes, missing note) and 2 on usage errors', async () => {
    const self = await cli(['approve', '--db', db, id, BLOCK, '--reviewer', 'alice', '--role', 'elder']);
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/refused: alice wrote cultural\.blocks\[opening-circle\].*four eyes/);
    const noNote = await cli(['request-changes', '--db', db, id, BLOCK, '--reviewer', 'Elder Ann Joe', '--role', 'elder']);
    expect(noNote.code).toBe(1);
    expect(noNote.stderr).toContain('needs a note');
    expect((await cli(['comment', '--db', db, id, BLOCK, '--reviewer', 'Bob', '--role', 'program_lead', '--note', 'Looks right'])).code).toBe(0);

    expect((await cli(['approve', '--db', db, id, BLOCK])).code).toBe(2);
    expect((await cli(['status', '--db', db, id, '--audience', 'everyone'])).code).toBe(2);
    expect((await cli(['frobnicate', '--db', db, id])).code).toBe(2);
    const missing = await cli(['status', '--db', join(dir, 'nope.sqlite'), id]);
    expect(missing.code).toBe(2);
    expect(existsSync(join(dir, 'nope.sqlite'))).toBe(false);
    const unknown = await cli(['approve', '--db', db, id, 'cultural.blocks[nope]', '--reviewer', 'X', '--role', 'elder']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no section "cultural.blocks[nope]"');
  });

  it('status prints REV-* diagnostics located in the version text (PROTOCOL@vN:LINE:COL), and as JSON', async () => {
    const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const text = await cli(['status', '--db', db, id]);
    const block = `${id}@v1:${lineOf(PROTOCOL_TEXT, '- id: opening-circle')}:7: warning REV-03 "Opening circle" needs cultural sign-off: cultural sign-off required, not yet requested`;
    expect(text.stdout.split('\n')).toContain(block);
    const due = `${id}@v1:${lineOf(PROTOCOL_TEXT, 'nextReview: 2025-07-15')}:`;
    expect(text.stdout.split('\n').find((l) => l.startsWith(due))).toMatch(/^\S+:\d+:\d+: warning REV-02 The protocol's review was due on 2025-07-15$/);

    // After an approval and an edit by someone else: REV-04 on version 2, with the shared JSON shape.
    await cli(['approve', '--db', db, id, BLOCK, '--reviewer', 'Elder Ann Joe', '--role', 'elder']);
    const changed = edited('We gather in a circle', 'We gather in a wide circle', edited('status: draft', 'status: approved', committable()));
    const ws = Workspace.open(db);
    ws.saveDraft(id, changed, { author: 'Bob', parentVersionId: ws.head(id)!.id });
    ws.commit(id, { author: 'Bob', message: 'wording', expectedParentId: ws.head(id)!.id });
    ws.close();
    const res = await cli(['status', '--db', db, id, '--format', 'json']);
    expect(res.code).toBe(1);
    const out = JSON.parse(res.stdout) as { file: string; diagnostics: Array<Record<string, unknown>> };
    expect(out.file).toBe(`${id}@v2`);
    const lapsed = out.diagnostics.find((d) => d.code === 'REV-04')!;
    expect(Object.keys(lapsed)).toEqual(['severity', 'code', 'message', 'help', 'path', 'range']);
    // The document says it is approved, so a lapsed sign-off is an error.
    expect(lapsed).toMatchObject({
      severity: 'error',
      path: ['cultural', 'blocks', 0],
      range: { start: { line: lineOf(changed, '- id: opening-circle'), column: 7 } },
      message: expect.stringMatching(/^"Opening circle" changed since approved by Elder Ann Joe/),
    });
    expect(lapsed.help).toMatch(/SHA-256/);
    const plain = await cli(['status', '--db', db, id, '--track', 'cultural']);
    expect(plain.stdout).toMatch(new RegExp(`^${id}@v2:\\d+:7: error REV-04 "Opening circle" changed since approved`, 'm'));
  });

  it('withhold: an Elder holds a cultural section back (HELD, exit 1) until a keeper approves it', async () => {
    const held = await cli(['withhold', '--db', db, id, BLOCK, '--reviewer', 'Elder Ann Joe', '--role', 'elder', '--note', 'Ask me before printing.']);
    expect(held).toMatchObject({ code: 0 });
    expect(held.stdout).toMatch(/^Elder Ann Joe withheld cultural\.blocks\[opening-circle\] \(cultural, content [0-9a-f]{12}\)\n$/);
    const status = await cli(['status', '--db', db, id, '--track', 'cultural']);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/HELD cultural\.blocks\[opening-circle\] — Opening circle \[cultural\]: withheld by Elder Ann Joe on \d{4}-\d{2}-\d{2}: Ask me before printing\./);
    const medical = await cli(['withhold', '--db', db, id, 'medicineSessions.routes[im]', '--reviewer', 'Dr Lee', '--role', 'medical_lead', '--note', 'Hold.']);
    expect(medical.code).toBe(1);
    expect(medical.stderr).toContain('only the keepers of a section withhold it');
    expect((await cli(['approve', '--db', db, id, BLOCK, '--reviewer', 'Elder Ann Joe', '--role', 'elder'])).code).toBe(0);
    expect((await cli(['status', '--db', db, id, '--track', 'cultural'])).stdout).toMatch(/ok {3}cultural\.blocks\[opening-circle\]/);
  });
});
