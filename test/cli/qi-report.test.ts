import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Workspace } from '../../main/store/workspace';
import { runCli } from './run-cli';

// Each test runs the built CLI several times as child processes: on a loaded two-core machine that
// outlasts the default 30 s, so this is the hang guard here (no figure is asserted).
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'ps-qi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'The teaching as the Elder gave it in the spring.';
// A small but complete protocol: commits pass the input gate.
const V1 = `schemaVersion: 1
metadata: {id: base, title: Base, status: draft, medicine: ketamine, versionLabel: 1.0.0, languages: [en]}
medicineSessions:
  observationMin: 120
  routes:
    - {id: im, route: IM, unit: mg/kg, min: 0.5, max: 1.5}
cultural:
  blocks:
    - id: teaching
      type: teaching
      title: Coming to Know
      text: A first teaching.
      governance: {sharing: community_only, permissions: {print: true}, keepers: [{name: Elder Rose, nation: Snuneymuxw, role: elder}]}
`;

describe('protocol-studio qi-report', () => {
  const db = join(dir, 'ws.sqlite');
  const ws = Workspace.open(db);
  const author = 'Ana';
  const p = ws.createProtocol({ template: { id: 'mini', text: V1 }, id: 'base', author });
  ws.saveDraft(p.id, V1.replace('max: 1.5', 'max: 1.2'), { author, parentVersionId: p.headVersionId! });
  const v2 = ws.commit(p.id, { author, message: 'Narrow IM after two BP excursions', expectedParentId: p.headVersionId!, newQiCycle: { aim: 'Fewer BP excursions', start: '2026-04-01' }, versionLabel: '1.1.0' });
  ws.saveDraft(p.id, ws.getVersion(v2.id).text.replace('A first teaching.', SECRET), { author, parentVersionId: v2.id });
  ws.commit(p.id, { author, message: 'Teaching as given by the Elder', expectedParentId: v2.id, qiCycleId: 'cycle-1' });
  ws.close();

  it('reports the latest cycle by category, with the cycle and the commit messages as rationale', async () => {
    const r = await runCli(['qi-report', '--db', db, 'base'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# QI report, Cycle 1: from 1.0.0 to 1.1.0');
    expect(r.stdout).toContain('- Aim: Fewer BP excursions');
    expect(r.stdout).toMatch(/1\.5 mg\/kg → 1\.2 mg\/kg/);
    expect(r.stdout).toContain('Narrow IM after two BP excursions');
    expect(r.stdout.indexOf('Clinical')).toBeGreaterThanOrEqual(0);
  });

  it('withholds the text of a community-only section from the programme team, naming whom to ask', async () => {
    const r = await runCli(['qi-report', '--db', db, 'base', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).toMatch(/content withheld \(ask [^)]*\)/);
    const elders = await runCli(['qi-report', '--db', db, 'base', '--audience', 'community'], { cwd: dir });
    expect(elders.stdout).toContain('spring');
  });

  it('exits 1 with no cycle to report and 2 on usage errors', async () => {
    expect((await runCli(['qi-report', '--db', db, 'base@1'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['qi-report', '--db', db, 'base', '--cycle', 'nope'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['qi-report', '--db', db, 'base', '--audience', 'everyone'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['qi-report', '--db', join(dir, 'missing.sqlite'), 'base'], { cwd: dir })).code).toBe(2);
  });
});
