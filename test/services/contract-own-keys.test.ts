/** Contract objects are checked on their own keys: inherited names (`toString`, `constructor`, `__proto__`) are not fields. */
import { describe, expect, it } from 'vitest';
import { ContractError, validateArgs } from '../../main/contract';
import { json, obj, str, union } from '../../main/contract/schema';

const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
/** As the host receives them: parsed JSON, where `__proto__` is an own key like any other. */
const withKey = (base: Record<string, unknown>, key: string) => JSON.parse(JSON.stringify(base).replace(/^\{/, `{"${key}": "x",`)) as Record<string, unknown>;

describe('contract checks use own properties only', () => {
  it('refuses an inherited name as an extra field of a closed object', () => {
    const check = obj({ protocolId: str() });
    expect(() => check({ protocolId: 'a' }, 'arg')).not.toThrow();
    for (const key of INHERITED) {
      const value = withKey({ protocolId: 'a' }, key);
      expect(Object.keys(value), key).toContain(key);
      expect(() => check(value, 'arg'), key).toThrow(ContractError);
      expect(() => check(value, 'arg'), key).toThrow(`"${key}"`);
    }
  });

  it('refuses an inherited name as the tag of a union', () => {
    const check = union('kind', { text: obj({ kind: str(), text: str() }) });
    expect(() => check({ kind: 'text', text: 'a' }, 'arg')).not.toThrow();
    for (const key of INHERITED) expect(() => check({ kind: key, text: 'a' }, 'arg'), key).toThrow(ContractError);
  });

  it('refuses prototype-reaching keys at any depth of free JSON data', () => {
    const check = json(10_000);
    expect(() => check({ dose: { ketamine: { IM: { max: 1.2 } } } }, 'arg.reference')).not.toThrow();
    for (const payload of ['{"__proto__": {"polluted": true}}', '{"dose": {"constructor": {"prototype": {"x": 1}}}}', '{"a": [{"prototype": 1}]}']) {
      expect(() => check(JSON.parse(payload), 'arg.reference'), payload).toThrow(/not allowed/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses them through validateArgs, as the renderer or the browser host would send them', () => {
    const call = JSON.parse('{"protocolId": "site-a", "text": "", "__proto__": {"isAdmin": true}}') as unknown;
    expect(() => validateArgs('saveDraft', [call])).toThrow(/"__proto__"/);
    expect(() => validateArgs('saveDraft', [{ protocolId: 'site-a', text: '', toString: 'x' }])).toThrow(/"toString"/);
  });
});
