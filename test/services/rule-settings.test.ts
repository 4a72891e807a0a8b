/** Site rule settings through the service: validation with a protocol's settings, cache invalidation, contract checks. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError, validateArgs } from '../../main/contract';
import { StudioService } from '../../main/services';

const IM_MAX = { dose: { ketamine: { IM: { max: 1.2 } } } };

describe('rule settings in the service', () => {
  let dir: string;
  let svc: StudioService;
  let text: string;
  const codes = async (a: { text: string; protocolId?: string }) => (await svc.validate(a)).diagnostics.map((d) => d.code);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-rules-'));
    svc = await StudioService.open({ workspacePath: join(dir, 'ws.sqlite'), host: 'browser', author: 'Ana' });
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'other' });
    text = (await svc.openDraft({ protocolId: 'base' })).text;
  });
  afterEach(() => {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the catalogue and bundled values with empty settings at first', async () => {
    const view = await svc.getRuleSettings({ protocolId: 'base' });
    expect(view).toMatchObject({ protocolId: 'base', reference: {}, enabled: [], disabled: [], updatedAt: null });
    expect(view.rules.find((r) => r.id === 'DOSE-01')).toMatchObject({ family: 'dose', optIn: false });
    expect(view.rules.some((r) => r.optIn)).toBe(true);
    expect(view.bundledReference).toMatchObject({ dose: { ketamine: { IM: { max: 1.5 } } } });
  });

  it("validates with the protocol's settings once set, and only for that protocol", async () => {
    expect(await codes({ text, protocolId: 'base' })).not.toContain('DOSE-01');
    expect(await codes({ text, protocolId: 'base' })).toContain('READ-01');
    const saved = await svc.setRuleSettings({ protocolId: 'base', reference: IM_MAX, enabled: [], disabled: ['READ-01'] });
    expect(saved).toMatchObject({ reference: IM_MAX, disabled: ['READ-01'], updatedBy: 'Ana' });
    // The cached settings were dropped on save: the very next validation uses the new ones.
    const after = await codes({ text, protocolId: 'base' });
    expect(after).toContain('DOSE-01');
    expect(after).not.toContain('READ-01');
    expect(await codes({ text, protocolId: 'other' })).toEqual(expect.not.arrayContaining(['DOSE-01']));
    // Without a protocol (binder, CLI-like callers) the bundled defaults apply.
    expect(await codes({ text })).toContain('READ-01');
    // Back to defaults.
    await svc.setRuleSettings({ protocolId: 'base', reference: {}, enabled: [], disabled: [] });
    expect(await codes({ text, protocolId: 'base' })).not.toContain('DOSE-01');
  });

  it('runs an opt-in rule once enabled, by id or by family', async () => {
    const { rules } = await svc.getRuleSettings({ protocolId: 'base' });
    expect(rules.find((r) => r.id === 'SETT-02')).toMatchObject({ optIn: true, family: 'setting' });
    expect(await codes({ text, protocolId: 'base' })).not.toContain('SETT-02');
    await svc.setRuleSettings({ protocolId: 'base', reference: {}, enabled: ['SETT-02'], disabled: [] });
    expect(await codes({ text, protocolId: 'base' })).toContain('SETT-02');
    // Disabling the family wins over enabling the rule.
    await svc.setRuleSettings({ protocolId: 'base', reference: {}, enabled: ['SETT-02'], disabled: ['setting'] });
    expect(await codes({ text, protocolId: 'base' })).not.toContain('SETT-02');
  });

  it('refuses bad settings through call() with a clear error and keeps the old ones', async () => {
    await svc.setRuleSettings({ protocolId: 'base', reference: IM_MAX, enabled: [], disabled: [] });
    await expect(svc.call('setRuleSettings', { protocolId: 'base', reference: { dose: { ketamine: { IM: { max: 'low' } } } }, enabled: [], disabled: [] })).rejects.toThrow(
      /dose\.ketamine\.IM\.max must be a number/,
    );
    await expect(svc.call('setRuleSettings', { protocolId: 'base', reference: {}, enabled: ['NOPE-1'], disabled: [] })).rejects.toThrow(/unknown rule or family "NOPE-1"/);
    await expect(svc.call('getRuleSettings', { protocolId: 'missing' })).rejects.toMatchObject({ name: 'NotFoundError' });
    expect((await svc.getRuleSettings({ protocolId: 'base' })).reference).toEqual(IM_MAX);
    expect(await codes({ text, protocolId: 'base' })).toContain('DOSE-01');
  });
});

describe('rule settings contract', () => {
  const call = (arg: unknown) => validateArgs('setRuleSettings', [arg]);
  const ok = { protocolId: 'base', reference: IM_MAX, enabled: ['MON-02'], disabled: ['readability'] };

  it('accepts well-formed settings and an optional protocolId on validate', () => {
    expect(call(ok).arg).toEqual(ok);
    expect(validateArgs('validate', [{ text: 'x', protocolId: 'base' }]).arg).toEqual({ text: 'x', protocolId: 'base' });
  });

  it.each([
    [{ ...ok, reference: [] }, /must be a set of fields/],
    [{ ...ok, reference: { a: 'x'.repeat(70_000) } }, /too large/],
    [{ ...ok, reference: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) }, /nested too deeply/],
    [{ ...ok, enabled: Array.from({ length: 501 }, () => 'MON-02') }, /has too many items/],
    [{ ...ok, disabled: ['READ-01; DROP TABLE'] }, /must be a rule code/],
    [{ ...ok, extra: 1 }, /does not know: "extra"/],
    [{ ...ok, protocolId: '../etc' }, /may use only lowercase letters/],
  ])('rejects %#', (arg, message) => {
    expect(() => call(arg)).toThrow(ContractError);
    expect(() => call(arg)).toThrow(message);
  });
});
