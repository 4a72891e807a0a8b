/**
 * The QI round trip through the built CLI (issue #12 "Done when"): a protocol written from scratch, three
 * committed cycles — clinical, editorial, cultural — with a clinical commit outside any cycle in between,
 * and each cycle's report holding exactly its own changes, classes, rationale and "from X to Y" labels.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli';

// Many runs of the built CLI as child processes: on a loaded two-core machine that outlasts the default.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const dir = mkdtempSync(join(tmpdir(), 'ps-qi-rt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'ws.sqlite');
const env = { PROTOCOL_STUDIO_AS: 'Quinn' };

async function cli(...argv: string[]) {
  const r = await runCli(argv, { cwd: dir, env });
  if (r.code !== 0) throw new Error(`${argv.join(' ')} → ${r.code}\n${r.stderr}`);
  return r.stdout;
}

/** Edits Quinn's draft (or the latest version when there is none) and saves it as the draft. */
async function editDraft(find: string, replace: string): Promise<void> {
  const shown = await runCli(['workspace', '--db', db, 'show', 'circle', '--draft'], { cwd: dir, env });
  const text = shown.code === 0 ? shown.stdout : await cli('workspace', '--db', db, 'show', 'circle');
  expect(text).toContain(find);
  writeFileSync(join(dir, 'draft.yaml'), text.replace(find, replace));
  await cli('workspace', '--db', db, 'draft', 'circle', 'draft.yaml');
}

const reports: Record<string, string> = {};
const commits: string[] = [];

beforeAll(async () => {
  copyFileSync(new URL('../fixtures/scratch/group-ceremony.protocol.yaml', import.meta.url), join(dir, 'circle.yaml'));
  await cli('workspace', '--db', db, 'init');
  await cli('workspace', '--db', db, 'new', '--from-file', 'circle.yaml', '--id', 'circle');

  await cli('workspace', '--db', db, 'cycle', 'new', 'circle', '--aim', 'Nobody leaves drowsy', '--start', '2026-03-01', '--rationale', 'Two people were drowsy at two hours in the first cohort');
  await editDraft('observationMin: 120', 'observationMin: 150');
  commits.push(await cli('workspace', '--db', db, 'commit', 'circle', '-m', 'Observe for 150 minutes after dosing', '--cycle', 'cycle-1', '--label', 'auto'));

  await cli('workspace', '--db', db, 'cycle', 'new', 'circle', '--aim', 'A summary people read to the end', '--start', '2026-06-01', '--rationale', 'Participants asked what happens in which week');
  await editDraft('Twelve weekly circles.', 'Twelve weekly circles, one each week.');
  commits.push(await cli('workspace', '--db', db, 'commit', 'circle', '-m', 'Say that circles are weekly', '--cycle', 'cycle-2', '--label', 'auto'));
  // Outside any cycle, between cycle 2's commits: a clinical change that no cycle report may list.
  await editDraft('observationMin: 150', 'observationMin: 160');
  commits.push(await cli('workspace', '--db', db, 'commit', 'circle', '-m', 'Observation 160 minutes at the prescriber’s request'));
  await editDraft('taking part in any ceremony', 'taking part in any ceremony at all');
  commits.push(await cli('workspace', '--db', db, 'commit', 'circle', '-m', 'Make the choice plain', '--cycle', 'cycle-2', '--label', '2.1.2'));

  await cli('workspace', '--db', db, 'cycle', 'new', 'circle', '--aim', 'Name the opening as the Elder does', '--start', '2026-09-01', '--rationale', 'The Elder calls it the opening circle');
  await editDraft('title: "Opening", culturalRefs', 'title: "Opening circle", culturalRefs');
  commits.push(await cli('workspace', '--db', db, 'commit', 'circle', '-m', 'Opening circle, as the Elder names it', '--cycle', 'cycle-3', '--label', 'auto'));

  for (const id of ['cycle-1', 'cycle-2', 'cycle-3']) reports[id] = await cli('qi-report', '--db', db, 'circle', '--cycle', id);
});

describe('QI round trip through the CLI', () => {
  it('proposes each label from the kinds of change and writes it when asked', () => {
    expect(commits[0]).toContain('proposed label: 2.1.0 (clinical content changed');
    expect(commits[0]).toMatch(/committed circle version 2 as 2\.1\.0/);
    expect(commits[1]).toContain('proposed label: 2.1.1 (wording or translations only)');
    expect(commits[2]).toMatch(/committed circle version 4 as 2\.1\.1/); // no --label: the text's label is kept
    expect(commits[3]).toMatch(/committed circle version 5 as 2\.1\.2/);
    expect(commits[4]).toContain('proposed label: 2.2.0 (cultural content changed');
  });

  it('cycle 1: its clinical change, aim, rationale and commit message, from 2.0.0 to 2.1.0', () => {
    const r = reports['cycle-1']!;
    expect(r).toContain('# QI report, Cycle 1: from 2.0.0 to 2.1.0');
    expect(r).toContain('- Aim: Nobody leaves drowsy');
    expect(r).toContain('- Rationale: Two people were drowsy at two hours in the first cohort');
    expect(r).toContain('Observe for 150 minutes after dosing');
    expect(r).toMatch(/### Clinical changes\n[\s\S]*120 min → 150 min/);
    for (const other of ['Editorial changes', 'Cultural changes', '160 min', 'one each week', 'Opening circle', 'Not in this cycle']) expect(r).not.toContain(other);
  });

  it('cycle 2: its two editorial commits only, naming the commit between them that was not in it', () => {
    const r = reports['cycle-2']!;
    expect(r).toContain('# QI report, Cycle 2: from 2.1.0 to 2.1.2');
    expect(r).toContain('- Aim: A summary people read to the end');
    expect(r).toContain('- Rationale: Participants asked what happens in which week');
    expect(r).toContain('Say that circles are weekly');
    expect(r).toContain('Make the choice plain');
    expect(r).toMatch(/### Editorial changes\n/);
    expect(r).toContain('circles**, one each week**');
    expect(r).toContain('**at all**');
    expect(r).toContain('Not in this cycle: 1 commit made between these versions (version 4)');
    for (const other of ['Clinical changes', 'Cultural changes', '160 min', '150 min', 'Opening circle', 'Observation 160 minutes']) expect(r).not.toContain(other);
  });

  it('cycle 3: its cultural change, from 2.1.2 to 2.2.0', () => {
    const r = reports['cycle-3']!;
    expect(r).toContain('# QI report, Cycle 3: from 2.1.2 to 2.2.0');
    expect(r).toContain('- Aim: Name the opening as the Elder does');
    expect(r).toContain('- Rationale: The Elder calls it the opening circle');
    expect(r).toContain('Opening circle, as the Elder names it');
    expect(r).toMatch(/### Cultural changes\n[\s\S]*Opening/);
    for (const other of ['Clinical changes', 'Editorial changes', '160 min', 'one each week']) expect(r).not.toContain(other);
  });

  it('keeps the cycles in the protocol text, in the committed history', async () => {
    const head = await cli('workspace', '--db', db, 'show', 'circle');
    expect(head).toContain('# Twelve-week group KaT with ceremony');
    expect(head.match(/^ {4}- id: cycle-\d$/gm)).toEqual(['    - id: cycle-1', '    - id: cycle-2', '    - id: cycle-3']);
    const json = JSON.parse(await cli('workspace', '--db', db, 'cycle', 'list', 'circle', '--format', 'json'));
    expect(json.map((c: { id: string; used: boolean }) => [c.id, c.used])).toEqual([['cycle-1', true], ['cycle-2', true], ['cycle-3', true]]);
  });
});
