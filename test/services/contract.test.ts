import { describe, expect, it } from 'vitest';
import { ContractError, METHOD_NAMES, validateArgs } from '../../main/contract';
import { StudioService } from '../../main/services';

describe('contract input validation', () => {
  it('accepts a well-formed call and returns the checked argument', () => {
    const { method, arg } = validateArgs('saveDraft', [{ protocolId: 'site-a', text: 'schemaVersion: 1\n' }]);
    expect(method).toBe('saveDraft');
    expect(arg).toEqual({ protocolId: 'site-a', text: 'schemaVersion: 1\n' });
    expect(validateArgs('listProtocols', []).arg).toEqual({});
  });

  it('rejects unknown methods, wrong types, unknown fields and oversize strings with the field named', () => {
    expect(() => validateArgs('constructor', [])).toThrow(ContractError);
    expect(() => validateArgs('__proto__', [])).toThrow(/unknown method/);
    expect(() => validateArgs('validate', [{ text: 42 }])).toThrow('validate.text: expected a string, got number');
    expect(() => validateArgs('saveDraft', [{ protocolId: 'a', text: '', extra: 1 }])).toThrow('saveDraft: unknown field "extra"');
    expect(() => validateArgs('commit', [{ protocolId: 'a', text: 'x', message: 'm'.repeat(2_001) }])).toThrow(/commit\.message: string too long/);
    expect(() => validateArgs('validate', [{ text: 'x'.repeat(5_000_001) }])).toThrow(/string too long/);
    expect(() => validateArgs('getVersion', [{ protocolId: 'a', version: 1.5 }])).toThrow('getVersion.version: expected an integer, got number');
    expect(() => validateArgs('openDraft', [{ protocolId: '../../etc/passwd' }])).toThrow(/does not match/);
    expect(() => validateArgs('openDraft', ['site-a'])).toThrow('openDraft: expected an object, got string');
    expect(() => validateArgs('openDraft', [{ protocolId: 'a' }, { protocolId: 'b' }])).toThrow(/at most one argument/);
    expect(() => validateArgs('openDraft', 'x')).toThrow(/must be an array/);
  });

  it('checks unions and enums', () => {
    expect(() => validateArgs('diff', [{ from: { kind: 'draft', protocolId: 'a' }, to: { kind: 'version', protocolId: 'a', version: 2 } }])).not.toThrow();
    expect(() => validateArgs('diff', [{ from: { kind: 'file', path: '/etc/passwd' }, to: { kind: 'draft', protocolId: 'a' } }])).toThrow(
      'diff.from: kind must be one of version, draft',
    );
    expect(() => validateArgs('approve', [{ protocolId: 'a', sectionPath: 'cultural.blocks[x]', reviewer: 'Mary', role: 'admin' }])).toThrow(
      /approve\.role: expected one of elder/,
    );
    expect(() =>
      validateArgs('rebaseResolve', [{ protocolId: 'a', newBaseVersion: 2, choices: [{ id: 'x', take: 'edited' }] }]),
    ).toThrow('rebaseResolve.choices[0].text: expected a string, got undefined');
  });

  it('lists only methods StudioService implements, so the preload exposes nothing else', () => {
    for (const m of METHOD_NAMES) expect(typeof StudioService.prototype[m], m).toBe('function');
    expect(METHOD_NAMES).not.toContain('call');
    expect(METHOD_NAMES).not.toContain('close');
  });
});
