import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { setSite } from '../../main/services/site-edit';

describe('setSite', () => {
  it('replaces the site scalars in place, in their own quoting style, and leaves every other byte alone', () => {
    const text = 'metadata:\n  site:\n    name: "SITE: yours"  # SITE: set it\n    jurisdiction: CA-BC\n\n\nprogramme: {weeks: [ 5, 7 ]}\n';
    expect(setSite(text, { name: 'Cedar River Clinic', jurisdiction: 'CA-ON' })).toBe(
      'metadata:\n  site:\n    name: "Cedar River Clinic"  # SITE: set it\n    jurisdiction: CA-ON\n\n\nprogramme: {weeks: [ 5, 7 ]}\n',
    );
  });

  it('adds a missing site and quotes hostile names safely', () => {
    const out = setSite('metadata:\n  title: T\n', { name: 'a: b\n# c' });
    expect(parse(out)).toEqual({ metadata: { title: 'T', site: { name: 'a: b\n# c' } } });
    const inPlace = setSite('metadata:\n  site: {name: x}\n', { name: '"], evil: [' });
    expect(parse(inPlace)).toEqual({ metadata: { site: { name: '"], evil: [' } } });
  });
});
