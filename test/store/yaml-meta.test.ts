import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { markAsAdaptation, readHeadFacts } from '../../main/store/yaml-meta';

const basedOn = { protocol: 'rtt-kat-base', version: '3.2.0' };
const meta = (text: string) => parse(text).metadata;

describe('markAsAdaptation', () => {
  it('changes only the id line and adds basedOn after it, leaving every other byte alone', () => {
    const base = '# top\nmetadata:\n  id: rtt-kat-base   # keep me\n  title: >-\n    folded\n    prose\n  languages: [en, ja]\nprogramme: {weeks: 12}\n';
    expect(markAsAdaptation(base, { id: 'site-a', basedOn })).toBe(
      '# top\nmetadata:\n  id: site-a   # keep me\n  basedOn: {protocol: rtt-kat-base, version: 3.2.0}\n  title: >-\n    folded\n    prose\n  languages: [en, ja]\nprogramme: {weeks: 12}\n',
    );
  });

  it('replaces an existing basedOn and quotes values that need it', () => {
    const base = 'metadata:\n  id: a\n  basedOn: {protocol: old, version: "1"}\n';
    const out = markAsAdaptation(base, { id: 'b: c', basedOn: { protocol: 'x', version: '2' } });
    expect(meta(out)).toEqual({ id: 'b: c', basedOn: { protocol: 'x', version: '2' } });
    expect(out.split('\n')).toHaveLength(4);
  });

  it('falls back to the Document (comments kept) for a flow-style metadata or a missing id', () => {
    for (const base of ['# c\nmetadata: {title: T}\nx: 1 # d\n', '# c\nmetadata:\n  title: T\nx: 1 # d\n']) {
      const out = markAsAdaptation(base, { id: 'site', basedOn });
      expect(meta(out)).toEqual({ title: 'T', id: 'site', basedOn });
      expect(out).toContain('# c');
      expect(out).toContain('# d');
    }
  });

  it('refuses invalid YAML and non-mapping documents with a clear message', () => {
    expect(() => markAsAdaptation('a: [1,\n', { id: 's', basedOn })).toThrow(/not valid YAML/);
    expect(() => markAsAdaptation('- 1\n- 2\n', { id: 's', basedOn })).toThrow(/not a YAML mapping/);
  });
});

describe('readHeadFacts', () => {
  it('reads status, site, label and a localized title from the metadata block', () => {
    const text = 'schemaVersion: 1\nmetadata:\n  # note\n  title: {en: Hello, fr: Bonjour}\n  status: approved\n  versionLabel: 1.2.0\n  site: {name: Clinic}\nbody:\n  metadata: {status: wrong}\n';
    expect(readHeadFacts(text)).toEqual({ id: null, title: 'Hello', status: 'approved', siteName: 'Clinic', versionLabel: '1.2.0' });
  });

  it('gives nulls, never an exception, for malformed or hostile text', () => {
    for (const text of ['metadata: [', 'metadata:\n  status: *nope\n', '- a\n', '', 'metadata:\n  status: [1, 2]\n']) {
      expect(readHeadFacts(text).status).toBeNull();
    }
  });

  it('agrees with a full parse when metadata is not at the top', () => {
    const text = 'programme:\n  weeks: 12\nmetadata:\n  status: draft\n  site:\n    name: "A # not a comment"\nconsent: {}\n';
    expect(readHeadFacts(text)).toMatchObject({ status: 'draft', siteName: 'A # not a comment' });
  });
});
