/**
 * Kill test: children commit in a loop and are killed with SIGKILL at random moments, many times, on
 * one workspace file (two at a time, on two protocols, so kills also land while the other holds the
 * lock). Afterwards the workspace opens, verifies, and holds every version a child reported.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../main/store/workspace';
import { compileForNode } from './fixtures/compile';
import { runUntilKilled } from './fixtures/kill-child';
import { tempDir, track } from './helpers';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'commit-loop.ts');
const KILLS = 50;
const PARALLEL = 2;

/** Runs one child until it is ready, lets it commit for 30–150 ms, kills it; returns the ids it reported. */
async function runAndKill(script: string, file: string, protocolId: string, author: string): Promise<{ ids: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  const { out, signal, stderr } = await runUntilKilled(script, [file, protocolId, author], (o) => (o.startsWith('ready\n') ? 30 + Math.random() * 120 : undefined));
  // Only complete lines count: a line cut by the kill was never fully reported.
  const ids = out.split('\n').slice(0, -1).filter((l) => l !== 'ready');
  return { ids, signal, stderr };
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs during commits without losing or corrupting a committed version`, async () => {
    const script = compileForNode(FIXTURE, ROOT, tempDir());
    const file = join(tempDir(), 'crash.sqlite');
    const setup = Workspace.open(file);
    const protocols = ['crash-a', 'crash-b'].map((id) => setup.createProtocol({ template: { id: 't', text: `schemaVersion: 1\nmetadata: {id: ${id}, title: Crash, versionLabel: 1.0.0, status: draft, medicine: ketamine}\n` }, id, author: 'setup' }).id);
    setup.close();

    const reported: string[] = [];
    for (let round = 0; round < KILLS / PARALLEL; round++) {
      const results = await Promise.all(protocols.slice(0, PARALLEL).map((p, i) => runAndKill(script, file, p, `writer-${i}`)));
      for (const r of results) {
        expect(r.signal, r.stderr).toBe('SIGKILL');
        reported.push(...r.ids);
      }
    }
    expect(reported.length).toBeGreaterThan(0);

    const ws = track(Workspace.open(file));
    expect(ws.verify()).toEqual({ ok: true, problems: [] });
    for (const id of reported) expect(ws.getVersion(id).id).toBe(id);
    const total = protocols.reduce((n, p) => n + ws.history(p).length, 0);
    expect(total).toBeGreaterThanOrEqual(reported.length + protocols.length);
    // Drafts left by a killed writer are whole texts, never torn.
    for (const p of protocols) for (const d of ws.listDrafts(p)) expect(d.text).toMatch(/^schemaVersion: 1\n[\s\S]*\n$/);
  }, 180_000);
});
