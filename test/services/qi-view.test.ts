import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioService } from '../../main/services';

/** A protocol written from scratch (domain.md), not a bundled template. */
const SCRATCH = readFileSync(join(__dirname, '..', 'fixtures', 'scratch', 'group-ceremony.protocol.yaml'), 'utf8');

describe('QI timeline and cycle report', () => {
  let dir: string;
  let svc: StudioService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-qi-'));
    svc = await StudioService.open({ workspacePath: join(dir, 'ws.sqlite'), host: 'browser', author: 'Quinn' });
    svc.ws.createProtocol({ template: { id: 'scratch', text: SCRATCH }, id: 'ceremony', author: 'Quinn' });
  });
  afterEach(() => {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const edit = async (find: string, replace: string, message: string, qiCycleId?: string) => {
    const text = (await svc.openDraft({ protocolId: 'ceremony' })).text;
    expect(text).toContain(find);
    return svc.commit({ protocolId: 'ceremony', text: text.replace(find, replace), message, ...(qiCycleId ? { qiCycleId } : {}) });
  };

  it('places each commit under its cycle with classified changes and the commit message as rationale', async () => {
    const c1 = await svc.createQiCycle({ protocolId: 'ceremony', aim: 'Fewer missed integration sessions', start: '2026-03-01' });
    const c2 = await svc.createQiCycle({ protocolId: 'ceremony', aim: 'Shorter wait after dosing', start: '2026-06-01' });
    await edit('observationMin: 120', 'observationMin: 150', 'Observe longer: two people were drowsy at 2 h', c1.id);
    await edit('title: "Opening"', 'title: "Opening circle"', 'Name the opening as the Elder does');
    await edit('observationMin: 150', 'observationMin: 135', 'Observation back to 135 min after audit', c2.id);

    const t = await svc.qiTimeline({ protocolId: 'ceremony' });
    expect(t.cycles.map((c) => [c.number, c.aim, c.commits.map((x) => x.version)])).toEqual([
      [1, 'Fewer missed integration sessions', [2]],
      [2, 'Shorter wait after dosing', [4]],
    ]);
    const first = t.cycles[0]!.commits[0]!;
    expect(first).toMatchObject({ previous: 1, message: 'Observe longer: two people were drowsy at 2 h', author: 'Quinn', counts: { clinical: 1, cultural: 0 } });
    expect(first.changes[0]!.summary).toMatch(/120 min → 150 min/);
    expect(t.outside.map((x) => x.version)).toEqual([1, 3]);
    expect(t.outside[1]!.counts.cultural).toBeGreaterThan(0);
  });

  it('reports exactly the changes committed in the cycle, not those committed between, with both rationales', async () => {
    const c1 = await svc.createQiCycle({ protocolId: 'ceremony', aim: 'Safer discharge', start: '2026-03-01' });
    await edit('observationMin: 120', 'observationMin: 150', 'Observe longer', c1.id);
    await edit('title: "Opening"', 'title: "Opening circle"', 'Name the opening as the Elder does');
    await edit('observationMin: 150', 'observationMin: 135', 'Back to 135 minutes', c1.id);

    const r = await svc.qiCycleReport({ protocolId: 'ceremony', cycleId: c1.id });
    expect(r.cycle).toMatchObject({ id: c1.id, number: c1.number, aim: 'Safer discharge' });
    expect([r.fromVersion, r.toVersion]).toEqual([1, 4]);
    expect(r.commits.map((c) => [c.version, c.message])).toEqual([[2, 'Observe longer'], [4, 'Back to 135 minutes']]);
    expect(r.others.map((c) => c.version)).toEqual([3]);
    const all = r.sections.flatMap((s) => s.changes.map((c) => `${s.category}: ${c.summary}`)).join('\n');
    expect(all).toMatch(/clinical: .*120 min → 150 min/);
    expect(all).toMatch(/clinical: .*150 min → 135 min, lowered/);
    expect(all).not.toMatch(/Opening circle/);
    expect(r.sections.map((s) => s.category)).toEqual(['clinical']);
  });

  it('shows a new cycle as draft-only until a commit carries it, and refuses a report for a cycle with no commits', async () => {
    const c1 = await svc.createQiCycle({ protocolId: 'ceremony', aim: 'Not started', start: '2026-03-01' });
    expect((await svc.listQiCycles({ protocolId: 'ceremony' })).find((c) => c.id === c1.id)).toMatchObject({ draftOnly: true, used: false });
    await expect(svc.qiCycleReport({ protocolId: 'ceremony', cycleId: c1.id })).rejects.toThrow(/has no commits yet/);
    svc.ws.createProtocol({ template: { id: 'scratch', text: SCRATCH }, id: 'other', author: 'Quinn' });
    await expect(svc.qiCycleReport({ protocolId: 'other', cycleId: c1.id })).rejects.toThrow(/has no commits yet/);
  });

  it('closes a cited cycle with an end, a decision and findings through the service, and shows the findings on the timeline', async () => {
    const c1 = await svc.createQiCycle({ protocolId: 'ceremony', aim: 'Nobody leaves drowsy', start: '2026-03-01' });
    await edit('observationMin: 120', 'observationMin: 150', 'Observe longer', c1.id);
    await expect(svc.updateQiCycle({ protocolId: 'ceremony', cycleId: c1.id, aim: 'Rewritten' })).rejects.toThrow(/aim and start/);
    const closed = await svc.updateQiCycle({ protocolId: 'ceremony', cycleId: c1.id, end: '2026-05-31', decision: 'adopt', findings: 'Nobody drowsy at discharge in 40 sessions' });
    expect(closed).toMatchObject({ end: '2026-05-31', decision: 'adopt', used: true, draftOnly: false });
    expect((await svc.openDraft({ protocolId: 'ceremony' })).text).toContain('findings: Nobody drowsy at discharge in 40 sessions');
    expect((await svc.qiTimeline({ protocolId: 'ceremony' })).cycles[0]).toMatchObject({ decision: 'adopt', findings: 'Nobody drowsy at discharge in 40 sessions' });
    await expect(svc.deleteQiCycle({ protocolId: 'ceremony', cycleId: c1.id })).rejects.toThrow(/cannot be deleted/);
  });

  it('proposes the next version label from the kinds of change', async () => {
    const text = (await svc.openDraft({ protocolId: 'ceremony' })).text;
    const label = /versionLabel: (\S+)/.exec(text)![1]!;
    const [major, minor, patch] = label.split('.').map(Number) as [number, number, number];
    const clinical = await svc.proposeVersionLabel({ protocolId: 'ceremony', text: text.replace('observationMin: 120', 'observationMin: 150') });
    expect(clinical).toMatchObject({ current: label, bump: 'minor', label: `${major}.${minor + 1}.0` });
    expect(clinical.reason).toMatch(/clinical/);
    const loosened = await svc.proposeVersionLabel({ protocolId: 'ceremony', text: text.replace('observationMin: 120', 'observationMin: 60') });
    expect(loosened).toMatchObject({ bump: 'major', label: `${major + 1}.0.0`, loosened: expect.stringMatching(/observation/i) });
    expect(clinical.loosened).toBeNull();
    const v = await svc.commit({ protocolId: 'ceremony', text: text.replace('observationMin: 120', 'observationMin: 150'), message: 'Observe longer', versionLabel: clinical.label });
    expect(v.versionLabel).toBe(clinical.label);
    expect(v.text).toContain(`versionLabel: ${clinical.label}`);
  });
});
