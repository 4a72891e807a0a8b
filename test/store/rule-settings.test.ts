/** Per-protocol rule settings: stored, checked, audited, and carried through export / import. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../main/store/hash';
import { TEMPLATE_TEXT, steppingClock, tempDir, tempWorkspace } from './helpers';

const author = 'Medical lead';
const IM_MAX = { dose: { ketamine: { IM: { max: 1.2 } } } };

function withProtocol() {
  const ws = tempWorkspace({ now: steppingClock() });
  const p = ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT }, author });
  return { ws, id: p.id };
}

describe('rule settings', () => {
  it('are empty defaults until set, then read back as stored', () => {
    const { ws, id } = withProtocol();
    expect(ws.getRuleSettings(id)).toEqual({ protocolId: id, reference: {}, enabled: [], disabled: [], updatedAt: null, updatedBy: null });
    const saved = ws.setRuleSettings(id, { reference: IM_MAX, enabled: ['MON-02'], disabled: ['READ-01', 'READ-01'] }, { author });
    expect(saved).toMatchObject({ reference: IM_MAX, enabled: ['MON-02'], disabled: ['READ-01'], updatedBy: author });
    expect(saved.updatedAt).toMatch(/^2026-01-15T/);
    expect(ws.getRuleSettings(id)).toEqual(saved);
    // Setting again replaces the whole set.
    ws.setRuleSettings(id, { reference: {}, enabled: [], disabled: ['cultural'] }, { author: 'Ana' });
    expect(ws.getRuleSettings(id)).toMatchObject({ reference: {}, enabled: [], disabled: ['cultural'], updatedBy: 'Ana' });
  });

  it('records each change in the audit chain, in the same transaction', () => {
    const { ws, id } = withProtocol();
    ws.setRuleSettings(id, { reference: IM_MAX, enabled: [], disabled: ['READ-01'] }, { author });
    const entry = ws.audit({ subject: id }).find((e) => e.action === 'rules.settings');
    expect(entry).toMatchObject({ actor: author, details: { reference: IM_MAX, enabled: [], disabled: ['READ-01'] } });
    expect(ws.verify().problems).toEqual([]);
  });

  it.each([
    [{ reference: [], enabled: [], disabled: [] }, /must be a JSON object/],
    [{ reference: 'x', enabled: [], disabled: [] }, /must be a JSON object/],
    [{ reference: { dose: { ketamine: { IM: { mx: 1.2 } } } }, enabled: [], disabled: [] }, /dose\.ketamine\.IM\.mx is not a reference value/],
    [{ reference: { dose: { ketamine: { IM: { max: '1.2' } } } }, enabled: [], disabled: [] }, /dose\.ketamine\.IM\.max must be a number/],
    [{ reference: { setting: { ivFacilityTypes: [3] } }, enabled: [], disabled: [] }, /setting\.ivFacilityTypes\[0\] must be text/],
    [{ reference: { __proto__: null, constructor: 1 }, enabled: [], disabled: [] }, /constructor is not a reference value/],
    [{ reference: {}, enabled: ['DOSE-99'], disabled: [] }, /unknown rule or family "DOSE-99"/],
    [{ reference: {}, enabled: [], disabled: 'READ-01' }, /must be a list/],
    [{ reference: { $comment: 'x'.repeat(70_000) }, enabled: [], disabled: [] }, /limit is/],
  ])('refuses bad settings with a clear message (%#) and writes nothing', (input, message) => {
    const { ws, id } = withProtocol();
    const auditBefore = ws.audit().length;
    expect(() => ws.setRuleSettings(id, input as never, { author })).toThrow(message);
    expect(ws.getRuleSettings(id).updatedAt).toBeNull();
    expect(ws.audit()).toHaveLength(auditBefore);
  });

  it('refuses an unknown protocol', () => {
    const { ws } = withProtocol();
    expect(() => ws.setRuleSettings('nope', { reference: {}, enabled: [], disabled: [] }, { author })).toThrow(/no protocol "nope"/);
  });

  it('survive export and import; older exports without them still import', () => {
    const { ws, id } = withProtocol();
    ws.setRuleSettings(id, { reference: IM_MAX, enabled: ['MON-02'], disabled: ['READ-01'] }, { author });
    const folder = join(tempDir(), 'export');
    ws.exportTo(folder);
    const copy = tempWorkspace();
    copy.importFrom(folder);
    expect(copy.getRuleSettings(id)).toEqual(ws.getRuleSettings(id));
    expect(copy.verify().problems).toEqual([]);

    // An export made before rule settings existed: protocol.json without the field.
    const older = join(tempDir(), 'older');
    const plain = withProtocol();
    plain.ws.exportTo(older);
    const file = join(older, 'protocols/Roots To Thrive — group KaT (12 weeks)/protocol.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('ruleSettings');
    const imported = tempWorkspace();
    imported.importFrom(older);
    expect(imported.getRuleSettings(plain.id).updatedAt).toBeNull();
  });

  it('refuses an export whose rule settings are malformed, naming the file', () => {
    const { ws, id } = withProtocol();
    ws.setRuleSettings(id, { reference: IM_MAX, enabled: [], disabled: [] }, { author });
    const folder = join(tempDir(), 'export');
    ws.exportTo(folder);
    const rel = 'protocols/Roots To Thrive — group KaT (12 weeks)/protocol.json';
    const json = JSON.parse(readFileSync(join(folder, rel), 'utf8'));
    json.ruleSettings.disabled = ['NOT-A-RULE'];
    const text = JSON.stringify(json);
    writeFileSync(join(folder, rel), text);
    // Re-sign the manifest, as a careless hand edit in git would, so the shape check is what refuses it.
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    manifest.files[rel] = sha256(text);
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
    const target = tempWorkspace();
    expect(() => target.importFrom(folder)).toThrow(/protocol\.json\.ruleSettings: disabled rules: unknown rule or family "NOT-A-RULE"/);
    expect(target.listProtocols()).toEqual([]);
  });
});
