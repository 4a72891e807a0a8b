import { describe, expect, it } from 'vitest';
import type { Person, ReviewSection } from '../../main/contract/api';
import { changeInWords, readEvent, readMessage, withheldNote } from '../../renderer/src/views/review/decisions';
import { personLabel, withNames } from '../../renderer/src/views/review/reviewer';

describe('review decisions in words', () => {
  it('reads a withheld approval back from its change request, and leaves other notes alone', () => {
    const e = { kind: 'changes_requested' as const, who: 'rose', whoName: 'Rose', role: 'elder', to: null, toName: null, at: '2026-03-01T10:00:00Z', note: withheldNote('Not in this text.') };
    expect(readEvent(e)).toEqual({ kind: 'withheld', note: 'Not in this text.' });
    expect(readEvent({ ...e, note: 'Please add the helpers.' })).toEqual({ kind: 'changes_requested', note: 'Please add the helpers.' });
    expect(readMessage('changes requested by Rose: Approval withheld: Not in this text.')).toBe('Rose withheld approval: Not in this text');
    expect(readMessage('changes requested by Rose: add the helpers.')).toBe('changes requested by Rose: add the helpers');
  });

  it('counts changed words, not runs', () => {
    const same = (text: string) => ({ kind: 'same' as const, text });
    expect(changeInWords([same('We close '), { kind: 'added', text: 'and sing ' }, same('together.')])).toBe('2 words added');
    expect(changeInWords([{ kind: 'removed', text: 'slowly' }, { kind: 'added', text: 'gently and kindly' }])).toBe('3 words added and 1 removed');
    expect(changeInWords([{ kind: 'removed', text: 'slowly' }])).toBe('1 word removed');
    expect(changeInWords([same('a  b')])).toBe('Only spacing or layout changed');
  });

  it('shows the names main gives where review records hold person ids', () => {
    const s = {
      message: 'approved by Grandmother Rose on 2026-03-01',
      approvedBy: 'rose',
      approvedByName: 'Grandmother Rose',
      pendingReviewers: ['rose-2'],
      pendingReviewerNames: ['Rose Martin'],
      withheld: { by: 'rose', byName: 'Grandmother Rose', at: '', note: null },
      history: [{ kind: 'requested', who: 'quinn', whoName: 'quinn', role: null, to: 'rose', toName: 'Grandmother Rose', at: '', note: null }],
    } as unknown as ReviewSection;
    const named = withNames(s);
    expect([named.approvedBy, named.pendingReviewers, named.withheld?.by, named.history[0]!.who, named.history[0]!.to]).toEqual(['Grandmother Rose', ['Rose Martin'], 'Grandmother Rose', 'quinn', 'Grandmother Rose']);
    expect(named.message).toBe(s.message);
  });

  it('tells namesakes apart by id in the list of whom to ask', () => {
    const people = [
      { id: 'ana-lee', name: 'Ana Lee' },
      { id: 'ana-lee-2', name: 'ANA LEE' },
      { id: 'person', name: '佐藤 花子' },
    ] as Person[];
    expect(people.map((p) => personLabel(p, people))).toEqual(['Ana Lee (ana-lee)', 'ANA LEE (ana-lee-2)', '佐藤 花子']);
  });
});
