import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../../main/core/validate/suggest';

describe('closestMatch', () => {
  const keys = ['id', 'route', 'unit', 'min', 'max', 'start', 'qi', 'weeks'];

  it('suggests the key a person most likely meant', () => {
    expect(closestMatch('maxDose', keys)).toBe('max');
    expect(closestMatch('unti', keys)).toBe('unit');
    expect(closestMatch('week', keys)).toBe('weeks');
    expect(closestMatch('Route', keys)).toBe('route');
  });

  it('suggests nothing when the candidate would replace most of what was typed', () => {
    expect(closestMatch('a', keys)).toBeUndefined();
    expect(closestMatch('zz', keys)).toBeUndefined();
    expect(closestMatch('observation', keys)).toBeUndefined();
  });
});
