import { describe, expect, it } from 'vitest';
import { diffProtocols, diffTexts, ProtocolTextError } from '../../../main/core/diff';
import type { ProtocolChange } from '../../../main/core/diff';

const byIdPath = (changes: ProtocolChange[], idPath: string) => changes.filter((c) => c.idPath === idPath);
const one = (changes: ProtocolChange[], idPath: string) => {
  const found = byIdPath(changes, idPath);
  expect(found, `${idPath} in ${changes.map((c) => c.idPath).join(', ')}`).toHaveLength(1);
  return found[0]!;
};

const weeks = (...items: object[]) => ({ metadata: { languages: ['en'] }, curriculum: { weeks: items } });

describe('diffProtocols — kinds of change', () => {
  it('reports nothing for equal documents, even with different key order', () => {
    expect(diffProtocols({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('reports added, removed and changed fields with paths and id paths', () => {
    const changes = diffProtocols(
      weeks({ id: 'week-1', week: 1, theme: 'Arrival', homework: 'Walk' }),
      weeks({ id: 'week-1', week: 1, theme: 'Arriving', integration: 'Share' }),
    );
    expect(changes.map((c) => [c.kind, c.idPath])).toEqual([
      ['changed', 'curriculum.weeks[week-1].theme'],
      ['removed', 'curriculum.weeks[week-1].homework'],
      ['added', 'curriculum.weeks[week-1].integration'],
    ]);
    const theme = changes[0]!;
    expect(theme.path).toEqual(['curriculum', 'weeks', 0, 'theme']);
    expect(theme.before).toBe('Arrival');
    expect(theme.after).toBe('Arriving');
    expect(theme.sectionKey).toBe('curriculum.weeks[week-1]');
    expect(theme.label).toBe('Week 1 › Theme');
  });

  it('reports whole list items added and removed, with removed items at their old place', () => {
    const changes = diffProtocols(
      weeks({ id: 'week-1', week: 1 }, { id: 'week-2', week: 2 }, { id: 'week-3', week: 3 }),
      weeks({ id: 'week-1', week: 1 }, { id: 'week-3', week: 3 }, { id: 'week-4', week: 4 }),
    );
    expect(changes.map((c) => [c.kind, c.idPath, c.path])).toEqual([
      ['removed', 'curriculum.weeks[week-2]', ['curriculum', 'weeks', 1]],
      ['added', 'curriculum.weeks[week-4]', ['curriculum', 'weeks', 2]],
    ]);
    expect(changes[1]!.label).toBe('Week 4');
    expect(changes[1]!.after).toEqual({ id: 'week-4', week: 4 });
  });

  it('finds changes nested in items of items', () => {
    const before = weeks({ id: 'week-5', week: 5, segments: [{ id: 'w5-medicine', title: 'Medicine session', kind: 'medicine', durationMin: 120 }] });
    const after = weeks({ id: 'week-5', week: 5, segments: [{ id: 'w5-medicine', title: 'Medicine session', kind: 'medicine', durationMin: 150 }] });
    const c = one(diffProtocols(before, after), 'curriculum.weeks[week-5].segments[w5-medicine].durationMin');
    expect(c.sectionKey).toBe('curriculum.weeks[week-5].segments[w5-medicine]');
    expect(c.label).toBe('Week 5 › Medicine session › Duration (min)');
    expect(c.summary).toBe('Week 5 › Medicine session › Duration (min): 120 min → 150 min, raised');
    expect(c.unit).toBe('min');
  });

  it('treats lists of plain values as one change', () => {
    const changes = diffProtocols({ medicineSessions: { weeks: [5, 7, 9] } }, { medicineSessions: { weeks: [5, 8, 9] } });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'changed', idPath: 'medicineSessions.weeks', before: [5, 7, 9], after: [5, 8, 9] });
  });

  it('reports a type change as a change of the whole value', () => {
    const [c] = diffProtocols({ programme: { cohortSize: 30 } }, { programme: { cohortSize: { min: 20, max: 40 } } });
    expect(c).toMatchObject({ kind: 'changed', idPath: 'programme.cohortSize', before: 30 });
  });
});

describe('diffProtocols — matching and moves', () => {
  it('matches items by id wherever they are and reports a move, not a removal and an addition', () => {
    const changes = diffProtocols(
      weeks({ id: 'week-1', week: 1 }, { id: 'week-2', week: 2 }, { id: 'week-3', week: 3 }),
      weeks({ id: 'week-2', week: 2 }, { id: 'week-3', week: 3 }, { id: 'week-1', week: 1 }),
    );
    expect(changes.map((c) => [c.kind, c.idPath, c.before, c.after])).toEqual([['moved', 'curriculum.weeks[week-1]', 0, 2]]);
  });

  it('does not call every item moved when one is inserted at the start', () => {
    const list = Array.from({ length: 6 }, (_, i) => ({ id: `week-${i + 1}`, week: i + 1 }));
    const changes = diffProtocols(weeks(...list), weeks({ id: 'week-0', week: 0 }, ...list));
    expect(changes.map((c) => c.kind)).toEqual(['added']);
  });

  it('matches an item without id whose text was edited slightly (content match)', () => {
    const before = { screening: { inclusion: [{ text: 'Adults aged 19 or over' }, { text: 'Referred by a family physician or nurse practitioner' }] } };
    const after = { screening: { inclusion: [{ text: 'Adults aged 19 or over' }, { text: 'Referred by a family physician, nurse practitioner' }] } };
    const changes = diffProtocols(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'changed', idPath: 'screening.inclusion[#1].text' });
  });

  it('does not match unrelated items without ids', () => {
    const changes = diffProtocols({ notes: [{ text: 'Bring water' }] }, { notes: [{ text: 'Emergency plan is posted at the door' }] });
    expect(changes.map((c) => c.kind).sort()).toEqual(['added', 'removed']);
  });

  it('never pairs two items whose ids differ, however similar', () => {
    const changes = diffProtocols(
      { screening: { interactions: [{ id: 'lithium', substance: 'Lithium', guidance: 'Review' }] } },
      { screening: { interactions: [{ id: 'lithium-2', substance: 'Lithium', guidance: 'Review' }] } },
    );
    expect(changes.map((c) => c.kind)).toEqual(['removed', 'added']);
  });
});

describe('diffProtocols — ranges, numbers and units', () => {
  const route = (min: number, max: number, unit = 'mg/kg') => ({
    medicineSessions: { routes: [{ id: 'im', route: 'IM', unit, min, max }] },
  });

  it('marks a raised maximum as widened, with the dose unit from the document', () => {
    const c = one(diffProtocols(route(0.5, 1.2), route(0.5, 1.5)), 'medicineSessions.routes[im].max');
    expect(c.note).toBe('widened');
    expect(c.unit).toBe('mg/kg');
    expect(c.summary).toBe('Dose by route IM › Maximum dose: 1.2 mg/kg → 1.5 mg/kg, widened; safety loosened');
    expect(c.safety).toBe('loosened');
    expect(c.category).toBe('clinical');
  });

  it('marks a raised minimum as narrowed and a moved range as shifted', () => {
    expect(one(diffProtocols(route(100, 300, 'mg'), route(150, 300, 'mg')), 'medicineSessions.routes[im].min')).toMatchObject({ note: 'narrowed', unit: 'mg' });
    const shifted = diffProtocols(route(0.5, 1.0), route(0.75, 1.25));
    expect(shifted.map((c) => c.note)).toEqual(['shifted', 'shifted']);
  });

  it('marks group sizes and plain numbers', () => {
    const changes = diffProtocols(
      { programme: { smallGroupSize: { min: 6, max: 9 } }, monitoring: { preSessionBpMax: { systolic: 150, diastolic: 90 } } },
      { programme: { smallGroupSize: { min: 5, max: 9 } }, monitoring: { preSessionBpMax: { systolic: 140, diastolic: 90 } } },
    );
    expect(one(changes, 'programme.smallGroupSize.min').note).toBe('widened');
    const bp = one(changes, 'monitoring.preSessionBpMax.systolic');
    expect(bp).toMatchObject({ note: 'lowered', unit: 'mmHg' });
    expect(bp.summary).toContain('150 mmHg → 140 mmHg, lowered');
  });
});

describe('diffProtocols — categories', () => {
  it('sorts changes into clinical, cultural and editorial by the one table', () => {
    const before = {
      metadata: { title: 'A' },
      medicineSessions: { observationMin: 120 },
      screening: { suicideRiskEscalation: 'Call' },
      monitoring: { emergencyPlan: 'Plan' },
      consent: { version: '1' },
      cultural: { framing: 'x' },
      curriculum: {
        weeks: [
          {
            id: 'week-4',
            week: 4,
            theme: 'T',
            segments: [{ id: 'w4-ceremony', kind: 'ceremony', durationMin: 20 }],
            governance: { keepers: [{ name: 'E', role: 'elder' }], sharing: 'community_only' },
          },
          { id: 'week-5', week: 5, theme: 'T' },
        ],
      },
      team: [{ id: 'elder', role: 'elder', protocol: { offering: 'tobacco' } }],
    };
    const after = structuredClone(before);
    after.metadata.title = 'B';
    after.medicineSessions.observationMin = 90;
    after.screening.suicideRiskEscalation = 'Call now';
    after.monitoring.emergencyPlan = 'Plan B';
    after.consent.version = '2';
    after.cultural.framing = 'y';
    after.curriculum.weeks[0]!.theme = 'U';
    after.curriculum.weeks[1]!.theme = 'U';
    after.team[0]!.protocol.offering = 'ask first';
    const cat = Object.fromEntries(diffProtocols(before, after).map((c) => [c.idPath, c.category]));
    expect(cat).toEqual({
      'metadata.title': 'editorial',
      'medicineSessions.observationMin': 'clinical',
      // Rewording without a number changed is editorial, even in a clinical section.
      'screening.suicideRiskEscalation': 'editorial',
      'monitoring.emergencyPlan': 'editorial',
      'consent.version': 'clinical',
      'cultural.framing': 'cultural',
      'curriculum.weeks[week-4].theme': 'cultural',
      'curriculum.weeks[week-5].theme': 'editorial',
      'team[elder].protocol.offering': 'cultural',
    });
  });

  it('treats a ceremony segment as cultural and records the sharing level of its governance', () => {
    const seg = (d: number) => weeks({ id: 'week-1', week: 1, segments: [{ id: 'opening', kind: 'ceremony', durationMin: d }] });
    expect(diffProtocols(seg(10), seg(15))[0]!.category).toBe('cultural');
    const block = (text: string) => ({ cultural: { blocks: [{ id: 'opening-circle', title: 'Opening circle', text, governance: { sharing: 'secret_sacred' } }] } });
    const [c] = diffProtocols(block('a'), block('b'));
    expect(c).toMatchObject({ sharing: 'secret_sacred', sectionKey: 'cultural.blocks[opening-circle]', label: 'Opening circle › Text' });
    // An added block carries its own sharing level, so review can redact it.
    const [added] = diffProtocols({ cultural: { blocks: [] } }, block('a'));
    expect(added).toMatchObject({ kind: 'added', sharing: 'secret_sacred', category: 'cultural' });
  });
});

describe('diffProtocols — text', () => {
  it('gives long text a word-level diff that rebuilds both versions', () => {
    const a = 'Participants stay for at least two hours after the dose and leave with an escort.';
    const b = 'Participants stay for at least three hours after the dose and leave only with an escort.';
    const [c] = diffProtocols({ medicineSessions: { setting: a } }, { medicineSessions: { setting: b } });
    const words = c!.words!;
    expect(words.filter((w) => w.kind !== 'added').map((w) => w.text).join('')).toBe(a);
    expect(words.filter((w) => w.kind !== 'removed').map((w) => w.text).join('')).toBe(b);
    expect(words.filter((w) => w.kind === 'removed').map((w) => w.text.trim())).toEqual(['two']);
    expect(c!.summary).toBe('Medicine sessions › Setting: text edited (2 words added, 1 removed)');
  });

  it('keeps short text as a plain before → after', () => {
    const [c] = diffProtocols({ metadata: { title: 'Old' } }, { metadata: { title: 'New' } });
    expect(c!.words).toBeUndefined();
  });

  it('compares localized text per language, a plain string being the first language', () => {
    const before = { metadata: { languages: ['en', 'ja'] }, programme: { summary: 'Twelve weeks of group work and three medicine sessions.' } };
    const after = { metadata: { languages: ['en', 'ja'] }, programme: { summary: { en: 'Twelve weeks of group work and three medicine sessions.', ja: '12週間' } } };
    const changes = diffProtocols(before, after).filter((c) => c.idPath.startsWith('programme'));
    expect(changes.map((c) => [c.kind, c.idPath, c.label])).toEqual([['added', 'programme.summary.ja', 'Programme › Summary (ja)']]);
    const edited = structuredClone(after);
    edited.programme.summary.ja = '12週間のグループワーク';
    const [ja] = diffProtocols(after, edited);
    expect(ja).toMatchObject({ kind: 'changed', idPath: 'programme.summary.ja' });
  });
});

describe('diffProtocols — walk state', () => {
  it('labels a translation removed when a language map becomes a plain string', () => {
    const before = { metadata: { languages: ['en', 'ja'] }, programme: { summary: { en: 'Twelve weeks.', ja: '12週間' } } };
    const after = { metadata: { languages: ['en', 'ja'] }, programme: { summary: 'Twelve weeks.', format: 'group' } };
    expect(diffProtocols(before, after).map((c) => [c.kind, c.idPath, c.label])).toEqual([
      ['removed', 'programme.summary.ja', 'Programme › Summary (ja)'],
      ['added', 'programme.format', 'Programme › Format'],
    ]);
  });

  it('gives each change the section and sharing of its own enclosing items, not of the items walked before', () => {
    const block = (id: string, sharing: string, text: string) => ({ id, type: 'teaching', title: id, text, governance: { sharing } });
    const before = { cultural: { blocks: [block('a', 'community_only', 'one'), block('b', 'open', 'two')] }, programme: { weeks: 12 } };
    const after = { cultural: { blocks: [block('a', 'community_only', 'uno'), block('b', 'open', 'dos')] }, programme: { weeks: 10 } };
    expect(diffProtocols(before, after).map((c) => [c.idPath, c.sectionKey, c.sharing, c.category])).toEqual([
      ['cultural.blocks[a].text', 'cultural.blocks[a]', 'community_only', 'cultural'],
      ['cultural.blocks[b].text', 'cultural.blocks[b]', 'open', 'cultural'],
      ['programme.weeks', undefined, undefined, 'clinical'],
    ]);
  });

  it('pairs many identical items without ids in order', () => {
    const items = Array.from({ length: 500 }, () => ({ text: 'Same text' }));
    expect(diffProtocols({ notes: items }, { notes: structuredClone(items) })).toEqual([]);
    const fewer = structuredClone(items).slice(1);
    // Identical items are interchangeable: the surplus one is the last.
    expect(diffProtocols({ notes: items }, { notes: fewer }).map((c) => [c.kind, c.idPath])).toEqual([['removed', 'notes[#499]']]);
  });

  it('never pairs id-less items of very different length, in long lists too', () => {
    const long = 'A long paragraph about the plan for the day. '.repeat(20);
    const before = { notes: Array.from({ length: 150 }, (_, i) => ({ text: `${long} ${i}` })) };
    const after = { notes: [...before.notes.slice(1), { text: 'Short' }] };
    expect(diffProtocols(before, after).map((c) => [c.kind, c.idPath])).toEqual([
      ['removed', 'notes[#0]'],
      ['added', 'notes[#149]'],
    ]);
  });
});

describe('diffProtocols — order and input', () => {
  it('is deterministic and in document order', () => {
    const a = weeks({ id: 'week-1', week: 1, theme: 'a' }, { id: 'week-2', week: 2, theme: 'b' });
    const b = weeks({ id: 'week-1', week: 1, theme: 'c' }, { id: 'week-2', week: 2, theme: 'd' });
    const first = diffProtocols(a, b);
    expect(diffProtocols(a, b)).toEqual(first);
    expect(first.map((c) => c.idPath)).toEqual(['curriculum.weeks[week-1].theme', 'curriculum.weeks[week-2].theme']);
  });

  it('diffTexts parses both texts and reports YAML errors with file, line and column', () => {
    expect(diffTexts('a: 1\n', 'a: 2\n')).toHaveLength(1);
    expect(() => diffTexts('a: 1\n', 'a: [1\nb: 2\n', { newName: 'new.yaml' })).toThrow(ProtocolTextError);
    expect(() => diffTexts('a: 1\n', 'a: [1\nb: 2\n', { newName: 'new.yaml' })).toThrow(/^new\.yaml:\d+:\d+: YAML-/);
  });

  it('survives odd values: nulls, numeric ids, duplicated ids, keys with dots', () => {
    const changes = diffProtocols(
      { list: [{ id: 1, v: null }, { id: 'x', v: 1 }, { id: 'x', v: 2 }], 'odd.key': 1 },
      { list: [{ id: 1, v: 0 }, { id: 'x', v: 1 }, { id: 'x', v: 3 }], 'odd.key': 2 },
    );
    expect(changes.map((c) => c.idPath)).toEqual(['list[1].v', 'list[x].v', '["odd.key"]']);
  });
});
