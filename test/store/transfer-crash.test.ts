/**
 * Kill test for exports: a child exports over the same folder (a git checkout) in a loop and is killed with
 * SIGKILL at random moments. After each kill, and the recovery every export and import runs first, the folder
 * holds one whole export — every file its manifest lists, with that hash, nothing half-written — and the
 * user's .git is still there.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../main/store/hash';
import { recoverInterruptedExport } from '../../main/store/transfer';
import { Workspace } from '../../main/store/workspace';
import { compileForNode } from './fixtures/compile';
import { runUntilKilled } from './fixtures/kill-child';
import { tempDir, track } from './helpers';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'export-loop.ts');
/** At least this many kills, and more (up to MAX_KILLS) until one has landed while an export was being written. */
const KILLS = 4;
const MAX_KILLS = 12;

async function runAndKill(script: string, file: string, folder: string, protocolId: string): Promise<{ rounds: number; signal: NodeJS.Signals | null; stderr: string }> {
  let readyAt = 0;
  const { out, signal, stderr } = await runUntilKilled(script, [file, folder, protocolId], (o) => {
    if (!readyAt && o.startsWith('ready\n')) readyAt = Date.now();
    // Once one round is done (the export was replaced), kill somewhere inside the next one.
    return /^ready\n\d+\n/.test(o) ? Math.random() * (Date.now() - readyAt) : undefined;
  });
  return { rounds: out.split('\n').slice(1, -1).length, signal, stderr };
}

/** Every file under `dir`, relative, with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? filesUnder(p).map((f) => `${e}/${f}`) : [e];
  });
}

/** Asserts `folder` holds exactly one whole export (and .git); returns its manifest text. */
function assertWholeExport(folder: string): string {
  const manifestText = readFileSync(join(folder, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as { files: Record<string, string> };
  for (const [rel, hash] of Object.entries(manifest.files)) expect(sha256(readFileSync(join(folder, ...rel.split('/')), 'utf8')), rel).toBe(hash);
  const present = filesUnder(folder).filter((f) => !f.startsWith('.git/'));
  expect(present.sort()).toEqual([...Object.keys(manifest.files), 'manifest.json'].sort());
  expect(readFileSync(join(folder, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  return manifestText;
}

describe('export crash safety', () => {
  it(`a SIGKILL during an export (${KILLS}+ times, at random moments) leaves the old export or the new one, never half of one`, async () => {
    const script = compileForNode(FIXTURE, ROOT, tempDir());
    const file = join(tempDir(), 'export-crash.sqlite');
    const setup = track(Workspace.open(file));
    // Many small versions: writing the export's files is most of each round, so kills land inside it.
    const text = (i: number) => `schemaVersion: 1\nmetadata: {id: crash-export, title: Crash export, versionLabel: 1.0.${i}, status: draft, medicine: ketamine}\n`;
    const p = setup.createProtocol({ template: { id: 't', text: text(0) }, id: 'crash-export', author: 'setup' });
    let head = setup.head(p.id)!;
    for (let i = 1; i < 80; i++) {
      setup.saveDraft(p.id, text(i), { author: 'setup', parentVersionId: head.id });
      head = setup.commit(p.id, { author: 'setup', message: `revision ${i}`, expectedParentId: head.id });
    }
    const folder = join(tempDir(), 'checkout');
    setup.exportTo(folder, { audience: 'workspace' });
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    setup.close();

    const seen = new Set<string>([assertWholeExport(folder)]);
    let killedMidway = 0;
    for (let k = 0; k < MAX_KILLS && (k < KILLS || killedMidway === 0); k++) {
      const r = await runAndKill(script, file, folder, p.id);
      expect(r.stderr).toBe('');
      expect(r.signal).toBe('SIGKILL');
      const left = readdirSync(dirname(folder)).filter((e) => e.startsWith('.checkout.'));
      if (left.length > 0 || !existsSync(folder)) killedMidway++;
      recoverInterruptedExport(folder);
      expect(readdirSync(dirname(folder)).filter((e) => e !== 'checkout')).toEqual([]);
      seen.add(assertWholeExport(folder));
    }
    // The loop really replaced the export, and some kills landed while one was being written.
    expect(seen.size).toBeGreaterThan(1);
    expect(killedMidway).toBeGreaterThan(0);
    // And the folder still imports into a workspace that verifies.
    const copy = track(Workspace.open(join(tempDir(), 'copy.sqlite')));
    copy.importFrom(folder, { author: 'restorer' });
    expect(copy.verify().ok).toBe(true);
  }, 120_000);
});
