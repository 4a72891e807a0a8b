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
    expect(() => validateArgs('validate', [{ text: 42 }])).toThrow('Text must be text, not a number.');
    expect(() => validateArgs('saveDraft', [{ protocolId: 'a', text: '', extra: 1 }])).toThrow('The request has a field the studio does not know: "extra".');
    expect(() => validateArgs('commit', [{ protocolId: 'a', text: 'x', message: 'm'.repeat(2_001) }])).toThrow('Message is too long (2001 characters; at most 2000).');
    expect(() => validateArgs('validate', [{ text: 'x'.repeat(5_000_001) }])).toThrow(/is too long/);
    expect(() => validateArgs('getVersion', [{ protocolId: 'a', version: 1.5 }])).toThrow('Version must be a whole number, not 1.5.');
    expect(() => validateArgs('openDraft', [{ protocolId: '../../etc/passwd' }])).toThrow('Protocol id may use only lowercase letters a–z, digits and hyphens, starting with a letter or digit.');
    expect(() => validateArgs('openDraft', ['site-a'])).toThrow('The request must be a set of fields, not text.');
    expect(() => validateArgs('openDraft', [{ protocolId: 'a' }, { protocolId: 'b' }])).toThrow(/at most one argument/);
    expect(() => validateArgs('openDraft', 'x')).toThrow(/must be an array/);
  });

  it('words errors for people and keeps the technical field apart, never in the message', () => {
    const caught = (() => {
      try {
        validateArgs('createFromTemplate', [{ templateId: 'rtt-kat-12-week', protocolId: 'x'.repeat(121) }]);
      } catch (e) {
        return e as ContractError;
      }
    })()!;
    expect(caught.message).toBe('Protocol id is too long (121 characters; at most 120).');
    expect(caught.field).toBe('createFromTemplate.protocolId');
    expect(caught.message).not.toMatch(/createFromTemplate|protocolId/);
    expect(() => validateArgs('rebaseResolve', [{ protocolId: 'a', newBaseVersion: 2, choices: [{ id: 'x', take: 'site' }, { id: 7, take: 'site' }] }])).toThrow('Id must be text, not a number.');
    expect(() => validateArgs('binderPreview', [{ protocolId: 'a', profile: 'participant', language: 'english!' }])).toThrow('Language must be a language code such as en, fr or ja.');
  });

  it('checks unions and enums', () => {
    expect(() => validateArgs('diff', [{ from: { kind: 'draft', protocolId: 'a' }, to: { kind: 'version', protocolId: 'a', version: 2 } }])).not.toThrow();
    expect(() => validateArgs('diff', [{ from: { kind: 'file', path: '/etc/passwd' }, to: { kind: 'draft', protocolId: 'a' } }])).toThrow(
      'From needs kind set to one of: version, draft.',
    );
    expect(() => validateArgs('approve', [{ protocolId: 'a', sectionPath: 'cultural.blocks[x]', reviewer: 'Mary', role: 'admin' }])).toThrow(
      /^Role must be one of: elder/,
    );
    expect(() =>
      validateArgs('rebaseResolve', [{ protocolId: 'a', newBaseVersion: 2, choices: [{ id: 'x', take: 'edited' }] }]),
    ).toThrow('Text is missing.');
  });

  it('lists only methods StudioService implements, so the preload exposes nothing else', () => {
    for (const m of METHOD_NAMES) expect(typeof StudioService.prototype[m], m).toBe('function');
    expect(METHOD_NAMES).not.toContain('call');
    expect(METHOD_NAMES).not.toContain('close');
  });
});
