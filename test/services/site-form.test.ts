/** Site setup through the service and contract: the form of a draft, edits written back, bad edits refused in words. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../main/contract';
import { StudioService } from '../../main/services';

describe('site setup in the service', () => {
  let dir: string;
  let svc: StudioService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-site-form-'));
    svc = await StudioService.open({ workspacePath: join(dir, 'ws.sqlite'), host: 'browser', author: 'Ana' });
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
  });
  afterEach(() => {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adapts a site through the form calls alone and commits it with the comments intact', async () => {
    let text = (await svc.openDraft({ protocolId: 'base' })).text;
    const before = await svc.call('siteForm', { text, protocolId: 'base' });
    const routes = (before as { decisions: { id: string; lists: { items: { label: string; path: (string | number)[] }[] }[] }[] }).decisions.find((d) => d.id === 'routes')!.lists[0]!;
    const im = routes.items.find((i) => i.label.startsWith('IM'))!;
    text = (
      (await svc.call('editSite', {
        text,
        edits: [
          { op: 'set', path: ['metadata', 'site', 'name'], value: 'Salt Spring Community Clinic' },
          { op: 'set', path: ['programme', 'weeks'], value: 10 },
          { op: 'remove', path: im.path },
        ],
      })) as { text: string }
    ).text;
    const after = await svc.siteForm({ text, protocolId: 'base' });
    expect(after.done).toBeGreaterThan((before as { done: number }).done);
    expect(after.decisions.find((d) => d.id === 'routes')!.lists[0]!.items.map((i) => i.label)).toEqual(['SL · mg']);
    const v = await svc.commit({ protocolId: 'base', text, message: 'Salt Spring: 10 weeks, sublingual only' });
    const stored = (await svc.getVersion({ protocolId: 'base', version: v.version })).text;
    expect(stored).toContain('  weeks: 10                 # [V] RTT-2025, RTT-web, Tsang-2023\n');
    expect(stored).toContain('# How to adapt: search for "SITE:"');
  });

  it('adds an item through the contract, and refuses an add with a malformed choice', async () => {
    const text = (await svc.openDraft({ protocolId: 'base' })).text;
    const out = (await svc.call('editSite', { text, edits: [{ op: 'add', path: ['medicineSessions', 'routes'], value: 'IN' }] })) as { text: string };
    const form = await svc.siteForm({ text: out.text, protocolId: 'base' });
    expect(form.decisions.find((d) => d.id === 'routes')!.lists[0]!.items.map((i) => i.label)).toEqual(['IM · mg/kg', 'SL · mg', 'IN · mg']);
    await expect(svc.call('editSite', { text, edits: [{ op: 'add', path: ['medicineSessions', 'routes'], value: 7 }] })).rejects.toThrow(ContractError);
    await expect(svc.call('editSite', { text, edits: [{ op: 'add', path: ['medicineSessions', 'routes'], value: 'XX' }] })).rejects.toThrow(/Choose what to add/);
  });

  it('warns beside a keeper’s field when the people register does not know them, as validate does', async () => {
    await svc.addPerson({ name: 'Grandmother Rose', roles: ['elder'], community: 'Cedar Lake' });
    const base = (await svc.openDraft({ protocolId: 'base' })).text;
    const path = ['cultural', 'blocks', 0, 'governance', 'keepers'];
    let text = (await svc.editSite({ text: base, edits: [{ op: 'add', path, value: 'Elder Tom Cardinal' }] })).text;
    text = (await svc.editSite({ text, edits: [{ op: 'add', path, value: 'Grandmother Rose' }] })).text;
    const keepers = (await svc.siteForm({ text, protocolId: 'base' })).decisions.find((d) => d.id === 'keepers')!.fields;
    const warned = (name: string) => keepers.find((f) => f.value === name)!.problems.filter((p) => p.code === 'PEOPLE-01');
    const validated = (await svc.validate({ text, protocolId: 'base' })).diagnostics.filter((d) => d.code === 'PEOPLE-01' && d.message.startsWith('Elder Tom Cardinal'));
    expect(warned('Elder Tom Cardinal').map((p) => [p.severity, p.plain ?? p.message])).toEqual(validated.map((d) => [d.severity, d.plain ?? d.message]));
    expect(validated).toHaveLength(1);
    expect(warned('Grandmother Rose')).toEqual([]);
  });

  it('gives each diagnostic a plain sentence and fix, and refuses bad edits with words, not field paths', async () => {
    const text = (await svc.openDraft({ protocolId: 'base' })).text.replace('delivery: hybrid', 'delivery: hybird');
    const { diagnostics } = await svc.validate({ text });
    const enumProblem = diagnostics.find((d) => d.code === 'SCHEMA-ENUM')!;
    expect(enumProblem.plain).toMatch(/^Delivery must be one of/);
    expect(enumProblem.fix).toMatchObject({ kind: 'replace', text: 'hybrid' });
    await expect(svc.call('editSite', { text: 'a: [', edits: [{ op: 'set', path: ['a'], value: 1 }] })).rejects.toThrow(/fix them in the editor/);
    await expect(svc.call('editSite', { text, edits: [{ op: 'set', path: ['__proto__'], value: 1 }] })).rejects.toThrow(ContractError);
    await expect(svc.call('editSite', { text, edits: [{ op: 'set', path: ['programme', 'weeks'], value: Number.NaN }] })).rejects.toThrow('Value must be a finite number.');
  });
});
