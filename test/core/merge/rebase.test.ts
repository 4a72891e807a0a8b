import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { rebase, resolveConflicts } from '../../../main/core/merge';
import { diffTexts } from '../../../main/core/diff';

const OLD_BASE = `metadata:
  id: base
  versionLabel: 1.0.0
  languages: [en]
medicineSessions:
  observationMin: 120
  routes:
    - id: im
      route: IM
      unit: mg/kg
      min: 0.5
      max: 1.2
curriculum:
  weeks:
    - {id: week-1, week: 1, theme: Arrival}
    - {id: week-2, week: 2, theme: Trust}
    - {id: week-3, week: 3, theme: Roots}
`;

const SITE = `# Island site adaptation — keep this header
metadata:
  id: island
  versionLabel: 0.3.0 # our own numbering
  basedOn: {protocol: base, version: 1.0.0}
  languages: [en]
medicineSessions:
  observationMin: 120
  routes:
    - id: im
      route: IM
      unit: mg/kg
      min: 0.5 # start low here
      max: 1.2
curriculum:
  weeks:
    - {id: week-1, week: 1, theme: Arrival}
    # week 2 is ours
    - {id: week-2, week: 2, theme: Trust in the circle}
    - {id: week-3, week: 3, theme: Roots}
`;

const edit = (text: string, ...pairs: [string, string][]) => pairs.reduce((t, [a, b]) => {
  expect(t.includes(a), a).toBe(true);
  return t.replace(a, b);
}, text);

describe('rebase', () => {
  it('applies base changes the site did not touch and keeps the site’s edits, comments and key order', () => {
    const newBase = edit(OLD_BASE, ['max: 1.2', 'max: 1.5'], ['versionLabel: 1.0.0', 'versionLabel: 1.1.0']);
    const r = rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: SITE });
    expect(r.conflicts).toEqual([]);
    expect(r.text).toContain('max: 1.5');
    expect(r.text).toContain('theme: Trust in the circle');
    for (const comment of ['# Island site adaptation — keep this header', '# our own numbering', '# start low here', '# week 2 is ours']) {
      expect(r.text).toContain(comment);
    }
    const merged = parse(r.text);
    expect(merged.metadata.id).toBe('island');
    expect(merged.metadata.versionLabel).toBe('0.3.0');
    expect(merged.metadata.basedOn).toEqual({ protocol: 'base', version: '1.1.0' });
    expect(Object.keys(merged.medicineSessions.routes[0])).toEqual(['id', 'route', 'unit', 'min', 'max']);
    expect(r.applied.map((c) => c.idPath)).toEqual(['medicineSessions.routes[im].max']);
    // Only the lines that changed differ from the site's text.
    const changedLines = r.text.split('\n').filter((l, i) => l !== SITE.split('\n')[i]);
    expect(changedLines).toEqual(['  basedOn: {protocol: base, version: 1.1.0}', '      max: 1.5']);
  });

  it('reports a conflict when both changed the same field, keeping the site’s value', () => {
    const newBase = edit(OLD_BASE, ['theme: Trust}', 'theme: Trust and safety}'], ['observationMin: 120', 'observationMin: 90']);
    const site = edit(SITE, ['observationMin: 120', 'observationMin: 150 # rural transport']);
    const r = rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: site });
    expect(r.conflicts.map((c) => [c.idPath, c.reason, c.base, c.site, c.oldBase])).toEqual([
      ['medicineSessions.observationMin', 'both-changed', 90, 150, 120],
      ['curriculum.weeks[week-2].theme', 'both-changed', 'Trust and safety', 'Trust in the circle', 'Trust'],
    ]);
    expect(r.conflicts[0]!.label).toBe('Medicine sessions › Observation (min)');
    expect(r.conflicts[1]!.path).toEqual(['curriculum', 'weeks', 1, 'theme']);
    const merged = parse(r.text);
    expect(merged.medicineSessions.observationMin).toBe(150);
    expect(merged.curriculum.weeks[1].theme).toBe('Trust in the circle');
  });

  it('does not report a conflict when both made the same change', () => {
    const newBase = edit(OLD_BASE, ['observationMin: 120', 'observationMin: 150']);
    const site = edit(SITE, ['observationMin: 120', 'observationMin: 150']);
    expect(rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: site }).conflicts).toEqual([]);
  });

  it('reports a conflict when the site deleted an item the base changed', () => {
    const newBase = edit(OLD_BASE, ['theme: Roots}', 'theme: Roots and land}']);
    const site = edit(SITE, ['    - {id: week-3, week: 3, theme: Roots}\n', '']);
    const r = rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: site });
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ idPath: 'curriculum.weeks[week-3]', reason: 'site-removed', site: undefined });
    expect(parse(r.text).curriculum.weeks.map((w: { id: string }) => w.id)).toEqual(['week-1', 'week-2']);
    // Taking the base's side puts the changed item back.
    const resolved = resolveConflicts(r, [{ idPath: 'curriculum.weeks[week-3]', choice: 'base' }]);
    expect(parse(resolved).curriculum.weeks[2]).toEqual({ id: 'week-3', week: 3, theme: 'Roots and land' });
  });

  it('removes what the base removed unless the site changed it', () => {
    const newBase = edit(OLD_BASE, ['    - {id: week-1, week: 1, theme: Arrival}\n', ''], ['    - {id: week-2, week: 2, theme: Trust}\n', '']);
    const r = rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: SITE });
    expect(parse(r.text).curriculum.weeks.map((w: { id: string }) => w.id)).toEqual(['week-2', 'week-3']);
    expect(r.conflicts).toEqual([expect.objectContaining({ idPath: 'curriculum.weeks[week-2]', reason: 'base-removed', base: undefined })]);
    expect(r.applied.map((c) => [c.kind, c.idPath])).toEqual([['removed', 'curriculum.weeks[week-1]']]);
  });

  it('inserts base additions after their predecessor in the base, and base keys next to their neighbours', () => {
    const newBase = edit(
      OLD_BASE,
      ['    - {id: week-3, week: 3, theme: Roots}', '    - {id: week-2b, week: 2, theme: Between}\n    - {id: week-3, week: 3, theme: Roots}'],
      ['  observationMin: 120\n', '  observationMin: 120\n  minSpacingDays: 7 # new in 1.1\n'],
    );
    const r = rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: SITE });
    const merged = parse(r.text);
    expect(merged.curriculum.weeks.map((w: { id: string }) => w.id)).toEqual(['week-1', 'week-2', 'week-2b', 'week-3']);
    expect(Object.keys(merged.medicineSessions)).toEqual(['observationMin', 'minSpacingDays', 'routes']);
    expect(r.text).toContain('minSpacingDays: 7 # new in 1.1');
    expect(r.applied.map((c) => c.kind)).toEqual(['added', 'added']);
  });

  it('merges a translation the site added with an English edit from the base', () => {
    const site = edit(SITE, ['theme: Arrival}', 'theme: {en: Arrival, ja: 到着}}']);
    const newBase = edit(OLD_BASE, ['theme: Arrival}', 'theme: Arriving together}']);
    const r = rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: site });
    expect(r.conflicts).toEqual([]);
    expect(parse(r.text).curriculum.weeks[0].theme).toEqual({ en: 'Arriving together', ja: '到着' });
  });

  it('flags a site that was not adapted from the old base, and refuses unreadable input with its location', () => {
    const site = edit(SITE, ['version: 1.0.0', 'version: 0.9.0']);
    expect(rebase({ oldBaseText: OLD_BASE, newBaseText: OLD_BASE, siteText: site }).warnings[0]).toMatch(/version 0\.9\.0/);
    expect(() => rebase({ oldBaseText: OLD_BASE, newBaseText: 'a: [1\nb: 2\n', siteText: SITE })).toThrow(/^new base:\d+:\d+:/);
    expect(() => rebase({ oldBaseText: OLD_BASE, newBaseText: '- a\n- b\n', siteText: SITE })).toThrow(/mapping at the top level/);
  });
});

describe('resolveConflicts', () => {
  const newBase = edit(OLD_BASE, ['observationMin: 120', 'observationMin: 90']);
  const site = edit(SITE, ['observationMin: 120', 'observationMin: 150 # rural transport']);

  it('takes the base, keeps the site, or writes an edited value, keeping comments', () => {
    const r = rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: site });
    const idPath = 'medicineSessions.observationMin';
    expect(parse(resolveConflicts(r, [{ idPath, choice: 'base' }])).medicineSessions.observationMin).toBe(90);
    expect(resolveConflicts(r, [{ idPath, choice: 'site' }])).toBe(r.text);
    const edited = resolveConflicts(r.text, [{ idPath, choice: 'edited', value: 135 }]);
    expect(edited).toContain('observationMin: 135 # rural transport');
    expect(edited).toContain('# Island site adaptation — keep this header');
  });

  it('refuses a base choice without the merge result and an unknown id path', () => {
    const r = rebase({ oldBaseText: OLD_BASE, newBaseText: newBase, siteText: site });
    expect(() => resolveConflicts(r.text, [{ idPath: 'medicineSessions.observationMin', choice: 'base' }])).toThrow(/base's value is unknown/);
    expect(() => resolveConflicts(r.text, [{ idPath: 'nope[[', choice: 'edited', value: 1 }])).toThrow(/bad id path/);
  });
});

describe('rebase on the bundled RTT template', () => {
  const template = readFileSync(join(__dirname, '../../../templates/rtt-kat-12-week.protocol.yaml'), 'utf8');

  it('keeps the site’s edits and comments and brings in the new base’s edits', () => {
    // The site edits the template through the Document API (as the editor does).
    const site = parseDocument(template);
    site.setIn(['metadata', 'id'], 'island-site');
    site.setIn(['metadata', 'basedOn'], site.createNode({ protocol: 'rtt-kat-base', version: '1.0.0' }));
    site.setIn(['medicineSessions', 'observationMin'], 150);
    const week3 = (site.getIn(['curriculum', 'weeks']) as YAMLSeq).items[2] as YAMLMap;
    week3.set('homework', 'Local homework: a walk on the land with a friend.');
    week3.commentBefore = ' Site: week 3 homework is ours';
    // The new base makes different edits.
    const base = parseDocument(template);
    base.setIn(['metadata', 'versionLabel'], '1.1.0');
    base.setIn(['medicineSessions', 'routes', 0, 'max'], 1.2);
    base.setIn(['monitoring', 'preSessionBpMax', 'systolic'], 140);
    (base.getIn(['screening', 'interactions']) as YAMLSeq).add(base.createNode({ id: 'lamotrigine', substance: 'Lamotrigine', guidance: 'May blunt the effect.' }));
    const siteText = site.toString();

    const r = rebase({ oldBaseText: template, newBaseText: base.toString(), siteText });
    expect(r.conflicts).toEqual([]);
    const merged = parse(r.text);
    expect(merged.medicineSessions.observationMin).toBe(150);
    expect(merged.curriculum.weeks[2].homework).toBe('Local homework: a walk on the land with a friend.');
    expect(merged.medicineSessions.routes[0].max).toBe(1.2);
    expect(merged.monitoring.preSessionBpMax.systolic).toBe(140);
    expect(merged.screening.interactions.at(-1).id).toBe('lamotrigine');
    expect(merged.metadata.basedOn.version).toBe('1.1.0');
    expect(r.text).toContain('# Site: week 3 homework is ours');
    expect(r.text).toContain('# [B] as above'); // the template's comment on routes[im].max
    expect(r.text).toContain('SITE: set your site name');
    // Nothing else moved: the diff from the site to the merge is exactly the base's edits.
    expect(diffTexts(siteText, r.text).map((c) => c.idPath)).toEqual([
      'metadata.basedOn.version',
      'medicineSessions.routes[im].max',
      'screening.interactions[lamotrigine]',
      'monitoring.preSessionBpMax.systolic',
    ]);
  });
});
