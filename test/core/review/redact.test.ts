import { describe, expect, it } from 'vitest';
import { diffProtocols } from '../../../main/core/diff/diff';
import {
  assertExportAllowed,
  AUDIENCES,
  copySection,
  redactChanges,
  redactForAudience,
  SharingBreachError,
  type Audience,
} from '../../../main/core/review';
import { edited, protocol, SECRET } from './fixture';
import { parse } from 'yaml';

type Case = { key: string; secret: string; visibleTo: Audience[] };

/** Which audience sees which section when printing (see the table in main/core/review/sharing.ts and disclosure.ts). */
const CASES: Case[] = [
  { key: 'cultural.blocks[river-teaching]', secret: SECRET.program, visibleTo: ['clinical_team', 'program_team', 'site_adaptation', 'elder_review', 'workspace'] },
  { key: 'cultural.blocks[healing-song]', secret: SECRET.community, visibleTo: ['community', 'elder_review', 'workspace'] },
  { key: 'cultural.blocks[sacred-prayer]', secret: SECRET.sacred, visibleTo: ['workspace'] },
  { key: 'cultural.blocks[labelled-prayer]', secret: SECRET.labelled, visibleTo: ['workspace'] },
  // No print permission recorded: kept out of every binder profile, the Elder review one included.
  { key: 'cultural.blocks[unpermitted-teaching]', secret: SECRET.unpermitted, visibleTo: ['workspace'] },
  { key: 'curriculum.weeks[week-5].segments[w5-ceremony]', secret: SECRET.ceremony, visibleTo: ['community', 'elder_review', 'workspace'] },
  { key: 'consent.sections[contacts]', secret: '555-0101', visibleTo: ['clinical_team', 'program_team', 'site_adaptation', 'elder_review', 'workspace'] },
];

describe('redactForAudience: every sharing level against every audience', () => {
  for (const audience of AUDIENCES) {
    it(`audience ${audience}`, () => {
      const doc = protocol();
      const { value, withheld } = redactForAudience(doc, audience);
      const out = JSON.stringify(value) + JSON.stringify(withheld);
      const expected = CASES.filter((c) => !c.visibleTo.includes(audience)).map((c) => c.key).sort();
      expect(withheld.map((w) => w.key).sort()).toEqual(expected);
      for (const c of CASES) {
        if (c.visibleTo.includes(audience)) expect(out).toContain(c.secret);
        else expect(out).not.toContain(c.secret);
      }
      // Open content is never withheld, and the input is not modified.
      expect(out).toContain('We gather in a circle');
      expect(JSON.stringify(doc)).toContain(SECRET.sacred);
    });
  }

  it('leaves a stub naming whom to ask, without naming keepers who have not agreed to be named', () => {
    const { value, withheld } = redactForAudience(protocol(), 'public');
    const blocks = (value as { cultural: { blocks: Record<string, unknown>[] } }).cultural.blocks;
    const prayer = blocks.find((b) => b.id === 'sacred-prayer')!;
    expect(prayer.placeholder).toBe('Opening led by the Elder in their own way.');
    expect(prayer.text).toBeUndefined();
    expect(prayer.withheld).toMatchObject({ askWhom: 'an elder of Snuneymuxw' });
    const song = blocks.find((b) => b.id === 'healing-song')!;
    expect(song.placeholder).toMatch(/ask an elder of Snuneymuxw/);
    expect(song.governance).toMatchObject({ sharing: 'community_only', labels: [{ label: 'tk_community_use_only' }] });
    expect(JSON.stringify(value)).not.toContain('Ann Joe');
    const w = withheld.find((x) => x.key === 'cultural.blocks[healing-song]')!;
    expect(w).toMatchObject({ title: 'Healing song', keepers: [], level: 'community_only' });
    // Inside the workspace's own review the keepers are named.
    const inside = redactForAudience(protocol(), 'elder_review').withheld.find((x) => x.key === 'cultural.blocks[sacred-prayer]')!;
    expect(inside.askWhom).toBe('Elder Ann Joe (Snuneymuxw)');
  });

  it('a withheld week hides its segments without listing them twice', () => {
    const doc = parse(edited('      theme: First medicine session\n', '      theme: First medicine session\n      governance: {sharing: secret_sacred}\n')) as unknown;
    const { withheld, value } = redactForAudience(doc, 'community');
    expect(withheld.filter((w) => w.key.startsWith('curriculum')).map((w) => w.key)).toEqual(['curriculum.weeks[week-5]']);
    expect(JSON.stringify(value)).not.toContain(SECRET.ceremony);
    expect(JSON.stringify(value)).not.toContain('First medicine session');
  });
});

describe('assertExportAllowed (raw data exports refuse rather than redact)', () => {
  it('refuses a YAML/folder export to an outside audience and names the section and its level', () => {
    let err: unknown;
    try {
      assertExportAllowed(protocol(), 'program_team');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SharingBreachError);
    const message = (err as Error).message;
    // One short line naming the first section and whom to ask; every section is in `help`.
    expect(message.length).toBeLessThanOrEqual(200);
    expect(message).toMatch(/^Export refused \(\+\d+ more\): ".+" \(.+\) .* — ask .+\.$/);
    const help = (err as SharingBreachError).help;
    expect(help).toContain('"Prayer" (cultural.blocks[sacred-prayer], secret sacred');
    expect(help).toContain('cultural.blocks[healing-song], community only');
    // program_team content with keepers needs their export permission, even for the programme team.
    expect(help).toContain('cultural.blocks[river-teaching]');
    expect(message + help).not.toContain(SECRET.sacred);
    expect((err as SharingBreachError).withheld.length).toBeGreaterThanOrEqual(4);
  });

  it('allows the workspace audience and a document with nothing restricted', () => {
    expect(() => assertExportAllowed(protocol(), 'workspace')).not.toThrow();
    const open = { cultural: { blocks: [{ id: 'a', title: 'A', text: 'x', governance: { sharing: 'open' } }] } };
    expect(() => assertExportAllowed(open, 'public')).not.toThrow();
  });
});

describe('redactChanges: diffs of restricted content', () => {
  const oldText = edited(SECRET.sacred, `${SECRET.sacred} and more`);
  const newDoc = (): unknown => parse(edited(SECRET.community, 'NEW community words', edited('max: 1.5', 'max: 1.2', oldText)));

  it('collapses a withheld section to one line without before, after or words', () => {
    const oldDoc = parse(oldText);
    const next = parse(edited(`${SECRET.sacred} and more`, 'REWRITTEN sacred words', oldText));
    const changes = diffProtocols(oldDoc, next);
    expect(changes.length).toBeGreaterThan(0);
    for (const audience of AUDIENCES.filter((a) => a !== 'workspace')) {
      const out = redactChanges(changes, oldDoc, next, audience);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ sectionKey: 'cultural.blocks[sacred-prayer]', kind: 'changed' });
      expect(out[0]!.summary).toMatch(/^Prayer changed — content withheld \(ask /);
      expect(out[0]).not.toHaveProperty('before');
      expect(out[0]).not.toHaveProperty('after');
      expect(out[0]).not.toHaveProperty('words');
      const all = JSON.stringify(out);
      expect(all).not.toContain('REWRITTEN');
      expect(all).not.toContain(SECRET.sacred);
    }
    expect(JSON.stringify(redactChanges(changes, oldDoc, next, 'workspace'))).toContain('REWRITTEN');
  });

  it('keeps visible changes whole and hides only the restricted ones', () => {
    const oldDoc = parse(oldText);
    const next = newDoc();
    const changes = diffProtocols(oldDoc, next);
    const out = redactChanges(changes, oldDoc, next, 'clinical_team');
    const dose = out.find((c) => c.idPath.startsWith('medicineSessions.routes[im]'));
    expect(dose).toMatchObject({ before: 1.5, after: 1.2 });
    const song = out.filter((c) => c.idPath.startsWith('cultural.blocks[healing-song]'));
    expect(song).toHaveLength(1);
    expect(JSON.stringify(out)).not.toContain('NEW community words');
    expect(JSON.stringify(out)).not.toContain(SECRET.community);
    // The community itself sees its own song change.
    expect(JSON.stringify(redactChanges(changes, oldDoc, next, 'community'))).toContain('NEW community words');
  });

  it('withholds a section that was restricted before even if it is open now (the old text is the disclosure)', () => {
    const oldDoc = protocol();
    const opened = parse(edited('sharing: community_only\n        keepers: [{name: Elder Ann Joe', 'sharing: open\n        keepers: [{name: Elder Ann Joe')) as unknown;
    const out = redactChanges(diffProtocols(oldDoc, opened), oldDoc, opened, 'public');
    expect(out.map((c) => c.sectionKey)).toEqual(['cultural.blocks[healing-song]']);
    expect(JSON.stringify(out)).not.toContain(SECRET.community);
  });
});

describe('copySection (adaptation to another site)', () => {
  it('keeps origin attached and refuses what the keepers have not allowed to leave', () => {
    const copy = copySection(protocol(), 'cultural.blocks[opening-circle]');
    expect((copy.governance as Record<string, unknown>).origin).toEqual({ community: 'Snuneymuxw First Nation', nation: 'Coast Salish' });
    const site = { cultural: { blocks: [copy] } };
    expect(JSON.stringify(redactForAudience(site, 'public').value)).toContain('Coast Salish');
    expect(() => copySection(protocol(), 'cultural.blocks[healing-song]')).toThrow(SharingBreachError);
    expect(() => copySection(protocol(), 'cultural.blocks[sacred-prayer]')).toThrow(/"Prayer" \(cultural\.blocks\[sacred-prayer\]\) is secret sacred — ask /);
    expect(() => copySection(protocol(), 'cultural.blocks[nope]')).toThrow(/no section/);
  });

  it('fills a missing origin from the keepers so provenance travels with the copy', () => {
    const doc = parse(edited('sharing: community_only\n        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]\n        labels: [{label: tk_community_use_only, text: For Snuneymuxw members}]\n        permissions: {print: true}',
      'sharing: open\n        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]')) as unknown;
    const copy = copySection(doc, 'cultural.blocks[healing-song]');
    expect((copy.governance as Record<string, unknown>).origin).toEqual({ nation: 'Snuneymuxw' });
  });
});

describe('cultural sections without governance', () => {
  it('stay with the programme team until their keepers record a sharing level', () => {
    const doc = parse(edited(
      '          governance:\n            sharing: community_only\n            keepers: [{name: Elder Mary Thomas, nation: Snuneymuxw, role: elder}]\n            permissions: {print: true}\n',
      '',
    )) as unknown;
    const key = 'curriculum.weeks[week-5].segments[w5-ceremony]';
    const pub = redactForAudience(doc, 'public');
    expect(pub.withheld.find((w) => w.key === key)).toMatchObject({ level: 'program_team', reason: expect.stringMatching(/without recorded governance/) });
    expect(JSON.stringify(pub.value)).not.toContain(SECRET.ceremony);
    expect(JSON.stringify(redactForAudience(doc, 'program_team').value)).toContain(SECRET.ceremony);
  });
});
