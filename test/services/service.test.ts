import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioService } from '../../main/services';

describe('StudioService on a real workspace', () => {
  let dir: string;
  let svc: StudioService;
  const open = () => StudioService.open({ workspacePath: join(dir, 'ws.sqlite'), host: 'browser', author: 'Ana' });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-svc-'));
    svc = await open();
  });
  afterEach(() => {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates from a template, keeps drafts across a crash, commits and diffs', async () => {
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
    const draft = await svc.openDraft({ protocolId: 'base' });
    expect(draft.baseVersion).toBe(1);
    expect(draft.savedAt).toBeNull();
    const edited = draft.text.replace('max: 1.5', 'max: 1.2');
    await svc.saveDraft({ protocolId: 'base', text: edited });

    // A crash: the process dies without closing; a new service on the same file finds the draft.
    const again = await open();
    const restored = await again.openDraft({ protocolId: 'base' });
    expect(restored.text).toBe(edited);
    expect(restored.savedAt).not.toBeNull();
    again.close();

    const v = await svc.commit({ protocolId: 'base', text: edited, message: 'Lower IM max', expectedBase: 1 });
    expect(v.version).toBe(2);
    const d = await svc.diff({ from: { kind: 'version', protocolId: 'base', version: 1 }, to: { kind: 'version', protocolId: 'base', version: 2 } });
    expect(d.changes.some((c) => c.category === 'clinical' && /1\.5.*1\.2/.test(c.summary))).toBe(true);
    expect((await svc.listProtocols())[0]).toMatchObject({ id: 'base', latestVersion: 2, hasDraft: false });
  });

  it('refuses a commit based on an outdated version with a ConflictError', async () => {
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
    const { text } = await svc.openDraft({ protocolId: 'base' });
    await svc.commit({ protocolId: 'base', text: `${text}\n# one`, message: 'one', expectedBase: 1 });
    await expect(svc.commit({ protocolId: 'base', text: `${text}\n# two`, message: 'two', expectedBase: 1 })).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it('validates every call made through call(), whoever the caller is', async () => {
    await expect(svc.call('validate', { text: 1 })).rejects.toMatchObject({ name: 'ContractError' });
    const r = (await svc.call('validate', { text: 'schemaVersion: 1\nmetadata: [' })) as { diagnostics: { code: string; range: { start: { line: number } } }[] };
    expect(r.diagnostics[0]!.code).toMatch(/^YAML-/);
    expect(r.diagnostics[0]!.range.start.line).toBeGreaterThanOrEqual(2);
  });

  it('adapts a version for a site and diffs it against its base', async () => {
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
    const site = await svc.createAdaptation({ baseProtocolId: 'base', baseVersion: 1, protocolId: 'cedar', siteName: 'Cedar River Clinic', jurisdiction: 'CA-BC' });
    expect(site).toMatchObject({ site: 'Cedar River Clinic', basedOn: { protocol: 'base', version: '1' } });
    const d = await svc.diffAgainstBase({ protocolId: 'cedar' });
    expect(d.changes.map((c) => c.summary).join('\n')).toContain('Cedar River Clinic');
  });

  it('rebases a site onto a newer base; committing the draft moves the site onto that base', async () => {
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
    await svc.createAdaptation({ baseProtocolId: 'base', baseVersion: 1, protocolId: 'cedar', siteName: 'Cedar River Clinic', jurisdiction: 'CA-BC' });
    const baseText = (await svc.openDraft({ protocolId: 'base' })).text;
    await svc.commit({ protocolId: 'base', text: baseText.replace('observationMin: 120', 'observationMin: 150'), message: 'Longer observation', expectedBase: 1 });

    const preview = await svc.rebasePreview({ protocolId: 'cedar', newBaseVersion: 2 });
    expect(preview.conflicts).toEqual([]);
    expect(preview.applied.join('\n')).toMatch(/120 min → 150 min/);
    const draft = await svc.rebaseResolve({ protocolId: 'cedar', newBaseVersion: 2, choices: [] });
    expect(draft.text).toContain('observationMin: 150');
    // A second preview starts from the base the draft already took in: nothing left to apply.
    expect((await svc.rebasePreview({ protocolId: 'cedar', newBaseVersion: 2 })).applied).toEqual([]);

    await svc.commit({ protocolId: 'cedar', text: draft.text, message: 'Take in base v2' });
    expect(svc.ws.getProtocol('cedar').base!.versionId).toBe(svc.ws.head('base')!.id);
    const d = await svc.diffAgainstBase({ protocolId: 'cedar' });
    expect(d.changes.map((c) => c.summary).join('\n')).not.toMatch(/observation/i);
  });

  it('prints the change log since the previous QI cycle and what the site changed, as the CLI does', async () => {
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
    const c1 = await svc.createQiCycle({ protocolId: 'base', aim: 'Baseline cycle' });
    const text = (await svc.openDraft({ protocolId: 'base' })).text;
    await svc.commit({ protocolId: 'base', text: text.replace('observationMin: 120', 'observationMin: 150'), message: 'Observe longer after the BP excursions in cycle 1', qiCycleId: c1.id, expectedBase: 1 });
    const c2 = await svc.createQiCycle({ protocolId: 'base', aim: 'Second cycle' });
    const v2 = (await svc.openDraft({ protocolId: 'base' })).text;
    await svc.commit({ protocolId: 'base', text: v2.replace('max: 1.5', 'max: 1.2'), message: 'Narrow the IM range for cycle 2', qiCycleId: c2.id, expectedBase: 2 });

    const { html } = await svc.binderPreview({ protocolId: 'base', version: 3, profile: 'clinical-team', language: 'en' });
    expect(html).toContain('Narrow the IM range for cycle 2');
    expect(html).toMatch(/1\.5 mg\/kg → 1\.2 mg\/kg/);
    // The change log starts at the previous cycle's version, so the cycle-1 change is not in it.
    expect(html).not.toContain('Observe longer after the BP excursions');

    await svc.createAdaptation({ baseProtocolId: 'base', baseVersion: 3, protocolId: 'cedar', siteName: 'Cedar River Clinic', jurisdiction: 'CA-BC' });
    const siteText = (await svc.openDraft({ protocolId: 'cedar' })).text;
    await svc.saveDraft({ protocolId: 'cedar', text: siteText.replace('observationMin: 150', 'observationMin: 180') });
    const site = await svc.binderPreview({ protocolId: 'cedar', profile: 'site-adaptation', language: 'en' });
    expect(site.html).toMatch(/150 min → 180 min/);
  });
});
