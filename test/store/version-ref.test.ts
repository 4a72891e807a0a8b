/**
 * Version references as people type them: a number, "head", or an id prefix — including an id whose first
 * characters are all digits, which must not be mistaken for a version number that does not exist.
 */
import { describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../../main/store/errors';
import { TEMPLATE_TEXT, tempWorkspace } from './helpers';

// Version ids come from randomUUID: hand out ones whose first eight characters are digits.
const ids = vi.hoisted(() => ['70193443-0000-4000-8000-000000000001', '70193499-0000-4000-8000-000000000002', '00000002-0000-4000-8000-000000000003']);
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  let next = 0;
  return { ...real, randomUUID: () => ids[next++] ?? real.randomUUID() };
});

describe('findVersion', () => {
  it('reads an all-digit id prefix as a prefix when no version has that number, and a number first', () => {
    const ws = tempWorkspace();
    const author = 'Ana';
    const p = ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT }, author });
    let head = p.headVersionId;
    for (const n of [2, 3]) {
      ws.saveDraft(p.id, `${TEMPLATE_TEXT}# v${n}\n`, { author, parentVersionId: head });
      head = ws.commit(p.id, { author, message: `v${n}`, expectedParentId: head }).id;
    }
    const history = ws.history(p.id);
    const byId = new Map(history.map((v) => [v.id, v.seq]));
    // Which version got which id depends on how many ids the store draws per commit; find them by id.
    const first = history.find((v) => v.id === ids[0]);
    expect(first, 'the mocked ids were used for versions').toBeDefined();
    expect(ws.findVersion(p.id, '70193443').seq).toBe(byId.get(ids[0]!));
    // "701934" is a prefix of two ids: ambiguous, said so.
    expect(() => ws.findVersion(p.id, '701934')).toThrow(/more than one version/);
    // A number that is a version's number stays that version, even if an id starts with it.
    expect(ws.findVersion(p.id, '2').seq).toBe(2);
    expect(() => ws.findVersion(p.id, '999999')).toThrow(NotFoundError);
  });
});
