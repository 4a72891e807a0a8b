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
  const cycle = { id: 'cycle-2', number: 2, start: '2026-04-01', aim: 'Fewer BP | excursions', rationale: 'Two excursions in cycle 1', decision: 'pending' };
  const mid = { ...after, programme: { weeks: 10 } };
  const last = { ...mid, cultural: { framing: 'Held with the Elders and Knowledge Keepers of the territory, always.' } };

  it('lists only the changes of the runs given, classified, with both rationales and the label line', () => {
    const report = qiCycleReport({
      cycle,
      fromLabel: '1.0.0',
      toLabel: '1.1.0',
      // Version 2 (before → after) and version 4 (mid → last) are in the cycle; version 3 (after → mid) is not.
      runs: [{ from: { label: '1.0.0', value: before }, to: { label: '1.1.0', value: after } }, { from: { label: 'v3', value: mid }, to: { label: 'v4', value: last } }],
      commits: [
        { message: 'Raise the IM maximum after review', author: 'Dr A', time: '2026-04-02T10:00:00Z', version: 2 },
        { message: 'Framing as the Elders asked', author: 'Dr A', time: '2026-04-09T10:00:00Z', version: 4 },
      ],
      others: [{ message: 'Ten weeks', author: 'B', time: '2026-04-05T10:00:00Z', version: 3 }],
    });
    expect(report.sections.map((s) => [s.category, s.changes.length])).toEqual([
      ['clinical', 1],
      ['cultural', 2],
      ['editorial', 2],
    ]);
    expect(report.changes.map((c) => c.idPath)).not.toContain('programme.weeks');
    expect(report.markdown).toContain('# QI report, Cycle 2: from 1.0.0 to 1.1.0');
    expect(report.markdown).toContain('- Aim: Fewer BP \\| excursions');
    expect(report.markdown).toContain('- Rationale: Two excursions in cycle 1');
    expect(report.markdown).toContain('- 2026-04-02T10:00:00Z — Dr A (version 2): Raise the IM maximum after review');
    expect(report.markdown).toContain('Not in this cycle: 1 commit made between these versions (version 3)');
    expect(report.markdown).not.toContain('Ten weeks');
    expect(report.markdown.indexOf('## Rationale')).toBeLessThan(report.markdown.indexOf('### Clinical changes'));
  });

  it('parses texts and lets review redact changes', () => {
    const report = qiCycleReport({
      cycle: { id: 'c1', number: 1 },
      fromLabel: 'v1',
      toLabel: 'v2',
      runs: [{ from: { label: 'v1', text: 'qi: {cycles: [{id: c1, number: 1}]}\ncultural: {framing: a}\n' }, to: { label: 'v2', text: 'qi: {cycles: [{id: c1, number: 1, decision: adopt}]}\ncultural: {framing: b}\n' } }],
      commits: [{ message: 'm', author: 'x', time: 't' }],
      redact: (c) => (c.category === 'cultural' ? undefined : c),
    });
    expect(report.sections.map((s) => s.category)).toEqual(['editorial']);
    expect(report.markdown).not.toContain('Cultural changes');
    expect(report.markdown).not.toContain('Not in this cycle');
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
