/** Issue 17.3: names compared for four eyes and the register are normalized, and look-alikes are refused. */
import { describe, expect, it } from 'vitest';
import { checkNewPerson, findPerson, looksAlike, mixedScriptWord, nameKey, PersonRefusedError, type Person } from '../../../main/core/people';

const person = (name: string, id: string, roles: Person['roles'] = ['facilitator']): Person => ({
  id,
  name,
  roles,
  community: null,
  nation: null,
  contact: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: id,
});

const REGISTER = [person('Mary Thomas', 'mary-thomas'), person('Ian Reid', 'ian-reid')];

/** Spellings that render like "Mary Thomas" but differ in code points. */
const DISGUISES: [string, string][] = [
  ['zero-width space', 'Ma\u200Bry Thomas'],
  ['word joiner', 'Mary\u2060 Thomas'],
  ['soft hyphen', 'Ma\u00ADry Thomas'],
  ['zero-width joiner', 'Mary Tho\u200Dmas'],
  ['byte order mark', '\uFEFFMary Thomas'],
  ['right-to-left mark', 'Mary\u200F Thomas'],
  ['fullwidth letters', 'Ｍａｒｙ Ｔｈｏｍａｓ'],
  ['other case and spacing', '  MARY   thomas '],
  ['non-breaking space', 'Mary\u00A0Thomas'],
];

describe('name keys', () => {
  for (const [what, spelling] of DISGUISES) {
    it(`gives "${what}" the key of the plain name`, () => {
      expect(nameKey(spelling)).toBe(nameKey('Mary Thomas'));
    });
  }

  it('folds case fully (ß and SS meet) and keeps different names apart', () => {
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'));
    expect(nameKey('Mary Thomas')).not.toBe(nameKey('Marie Thomas'));
  });
});

describe('confusable skeletons (UTS #39)', () => {
  it.each([
    ['Cyrillic а for Latin a', 'M\u0430ry Thomas'],
    ['Cyrillic о for Latin o', 'Mary Th\u043Emas'],
    ['Greek ο for Latin o', 'Mary Th\u03BFmas'],
    ['rn for m', 'Mary Thornas'],
  ])('finds %s confusable with the registered name', (_what, spelling) => {
    expect(looksAlike(spelling, 'Mary Thomas')).toBe(true);
  });

  it('finds capital I and small l confusable, and tells different names apart', () => {
    expect(looksAlike('lan Reid', 'Ian Reid')).toBe(true);
    expect(looksAlike('Mary Thomas', 'Mark Thomas')).toBe(false);
  });
});

describe('mixed scripts', () => {
  it('refuses a word mixing Latin and Cyrillic', () => {
    expect(mixedScriptWord('M\u0430ry Thomas')).toEqual({ word: 'm\u0430ry', scripts: ['Cyrillic', 'Latin'] });
  });

  it('allows words in different scripts, and Japanese mixing Han and kana', () => {
    expect(mixedScriptWord('Mary ᒥᐊᕆ')).toBeNull();
    expect(mixedScriptWord('田中ひろし')).toBeNull();
    expect(mixedScriptWord('Ivan Петров')).toBeNull();
  });
});

describe('the register refuses look-alikes', () => {
  for (const [what, spelling] of [...DISGUISES, ['Cyrillic а', 'M\u0430ry Thomas'] as [string, string], ['rn for m', 'Mary Thornas'] as [string, string]]) {
    it(`refuses a second person named with ${what}`, () => {
      expect(() => checkNewPerson({ name: spelling, roles: ['elder'] }, REGISTER)).toThrow(PersonRefusedError);
    });
  }

  it('adds a distinct name with a readable id and known roles only', () => {
    expect(checkNewPerson({ name: 'Elder Ann Joe', roles: ['elder', 'knowledge_keeper'], community: 'Snuneymuxw' }, REGISTER)).toMatchObject({
      id: 'elder-ann-joe',
      roles: ['elder', 'knowledge_keeper'],
      community: 'Snuneymuxw',
    });
    expect(() => checkNewPerson({ name: 'Dr Lee', roles: ['surgeon'] }, REGISTER)).toThrow(/unknown role "surgeon"/);
    expect(() => checkNewPerson({ name: '\u200B\u2060', roles: ['elder'] }, REGISTER)).toThrow(/needs a name/);
  });

  it('finds a person by id or any spelling of their name, never by a look-alike', () => {
    expect(findPerson(REGISTER, 'mary-thomas').id).toBe('mary-thomas');
    expect(findPerson(REGISTER, 'MARY\u200B THOMAS').id).toBe('mary-thomas');
    expect(() => findPerson(REGISTER, 'M\u0430ry Thomas')).toThrow(/only look alike/);
    expect(() => findPerson(REGISTER, 'Nobody')).toThrow(/no person "Nobody"/);
  });
});

describe('keepers named in governance link to the register', () => {
  it('warns at each keeper the register does not know, matching ids and any spelling of a name', async () => {
    const { parseProtocol } = await import('../../../main/core/parse');
    const { unregisteredKeeperDiagnostics } = await import('../../../main/core/people');
    const text = `schemaVersion: 1
cultural:
  blocks:
    - id: opening
      governance:
        keepers:
          - {name: MARY THOMAS, role: elder}
          - {name: ian-reid, role: knowledge_keeper}
          - {name: Elder Rose Paul, role: elder}
`;
    const found = unregisteredKeeperDiagnostics(parseProtocol(text), REGISTER);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', code: 'PEOPLE-01', path: ['cultural', 'blocks', 0, 'governance', 'keepers', 2, 'name'], range: { start: { line: 9 } } });
    expect(found[0]!.message).toContain('Elder Rose Paul is not in the workspace');
    expect(unregisteredKeeperDiagnostics(parseProtocol(text), [])).toEqual([]);
  });
});
