import { describe, expect, it } from 'vitest';
import { diffProtocols, formatChanges, parseIdPath, formatIdPath, qiCycleReport, siteChanges } from '../../../main/core/diff';

const before = {
  metadata: { id: 'base', versionLabel: '1.0.0', title: 'Base' },
  medicineSessions: { routes: [{ id: 'im', route: 'IM', unit: 'mg/kg', min: 0.5, max: 1.2 }] },
  cultural: { framing: 'Held with the Elders of the territory.' },
  programme: { weeks: 12 },
  qi: { cycles: [{ id: 'cycle-1', number: 1, aim: 'Fewer BP excursions' }] },
};
const after = {
  metadata: { id: 'base', versionLabel: '1.1.0', title: 'Base' },
  medicineSessions: { routes: [{ id: 'im', route: 'IM', unit: 'mg/kg', min: 0.5, max: 1.5 }] },
  cultural: { framing: 'Held with the Elders and Knowledge Keepers of the territory.' },
  programme: { weeks: 12 },
  qi: { cycles: [{ id: 'cycle-1', number: 1, aim: 'Fewer BP excursions' }, { id: 'cycle-2', number: 2, aim: 'Better | attendance', decision: 'adopt' }] },
};

describe('formatChanges', () => {
  const changes = diffProtocols(before, after);

  it('text: one line per change, clinical first', () => {
    const lines = formatChanges(changes, 'text').trimEnd().split('\n');
    expect(lines[0]).toBe('Clinical changes (1)');
    expect(lines[1]).toBe('  ~ Dose by route IM › Maximum dose: 1.2 mg/kg → 1.5 mg/kg, widened; safety loosened');
    expect(lines[2]).toBe('Cultural changes (1)');
    expect(lines.indexOf('Editorial changes (2)')).toBeGreaterThan(2);
    expect(formatChanges([], 'text')).toBe('No differences.\n');
  });

  it('markdown: a heading and a table per category, with cells escaped', () => {
    const md = formatChanges(changes, 'markdown');
    expect(md.indexOf('## Clinical changes')).toBeLessThan(md.indexOf('## Cultural changes'));
    expect(md).toContain('| Dose by route IM › Maximum dose | changed | 1.2 mg/kg → 1.5 mg/kg | widened |');
    expect(md).toContain('**and Knowledge Keepers**');
    const injected = formatChanges(diffProtocols({ metadata: { title: 'a' } }, { metadata: { title: '<script>x</script> | *b*' } }), 'markdown');
    expect(injected).not.toContain('<script>');
    expect(injected).toContain('&lt;script&gt;');
    expect(injected).toContain('\\| \\*b\\*');
  });

  it('json: the change list as data', () => {
    const data = JSON.parse(formatChanges(changes, 'json'));
    expect(data.count).toBe(changes.length);
    expect(data.changes[0].idPath).toBe('metadata.versionLabel');
  });
});

describe('qiCycleReport', () => {
  it('groups the changes by category with the commits as rationale and names the new cycle', () => {
    const report = qiCycleReport({
      from: { label: '1.0.0', value: before },
      to: { label: '1.1.0', value: after },
      commits: [{ message: 'Raise the IM maximum after review', author: 'Dr A', time: '2026-04-02T10:00:00Z' }],
    });
    expect(report.sections.map((s) => [s.category, s.changes.length])).toEqual([
      ['clinical', 1],
      ['cultural', 1],
      ['editorial', 2],
    ]);
    expect(report.cycles.map((c) => c.id)).toEqual(['cycle-2']);
    expect(report.markdown).toContain('# QI cycle report: from 1.0.0 to 1.1.0');
    expect(report.markdown).toContain('- 2026-04-02T10:00:00Z — Dr A: Raise the IM maximum after review');
    expect(report.markdown).toContain('Better \\| attendance');
    expect(report.markdown.indexOf('## Rationale')).toBeLessThan(report.markdown.indexOf('## Clinical changes'));
  });

  it('parses texts, picks the cycles the commits name, and lets review redact changes', () => {
    const report = qiCycleReport({
      from: { label: 'v1', text: 'qi: {cycles: [{id: c1, number: 1}]}\ncultural: {framing: a}\n' },
      to: { label: 'v2', text: 'qi: {cycles: [{id: c1, number: 1, decision: adopt}, {id: c2, number: 2}]}\ncultural: {framing: b}\n' },
      commits: [{ message: 'm', author: 'x', time: 't', qiCycle: 1 }],
      redact: (c) => (c.category === 'cultural' ? undefined : c),
    });
    expect(report.cycles.map((c) => c.id)).toEqual(['c1']);
    expect(report.sections.map((s) => s.category)).toEqual(['editorial']);
    expect(report.markdown).not.toContain('Cultural changes');
  });
});

describe('siteChanges', () => {
  it('is the diff against the base without the document identity fields', () => {
    const site = structuredClone(after);
    site.metadata.id = 'island';
    const s = siteChanges(after, { ...site, metadata: { ...site.metadata, basedOn: { protocol: 'base', version: '1.1.0' } }, programme: { weeks: 10 } });
    expect(s.changes.map((c) => c.idPath)).toEqual(['programme.weeks']);
    expect(s.counts).toEqual({ added: 0, removed: 0, changed: 1, moved: 0 });
    expect(s.groups.map((g) => g.category)).toEqual(['clinical']);
  });
});

describe('id paths', () => {
  it('round-trip plain and quoted names and indices', () => {
    const text = 'curriculum.weeks[week-5].segments[#2]["odd key"]';
    expect(formatIdPath(parseIdPath(text))).toBe(text);
    expect(() => parseIdPath('a[unclosed')).toThrow(/unclosed/);
  });
});
