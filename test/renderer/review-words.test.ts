import { describe, expect, it } from 'vitest';
import type { Person, ReviewSection } from '../../main/contract/api';
import { changeInWords, readEvent, readMessage, withheldNote } from '../../renderer/src/views/review/decisions';
import { withNames } from '../../renderer/src/views/review/reviewer';

describe('review decisions in words', () => {
  it('reads a withheld approval back from its change request, and leaves other notes alone', () => {
    const e = { kind: 'changes_requested' as const, who: 'rose', role: 'elder', to: null, at: '2026-03-01T10:00:00Z', note: withheldNote('Not in this text.') };
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

  it('shows register names where review records hold person ids, without touching longer ids', () => {
    const people = [
      { id: 'rose', name: 'Grandmother Rose' },
      { id: 'rose-2', name: 'Rose Martin' },
    ] as Person[];
    const s = {
      message: 'changes requested by rose-2 and rose: note',
      approvedBy: 'rose',
      pendingReviewers: ['rose-2'],
      history: [{ kind: 'requested', who: 'quinn', role: null, to: 'rose', at: '', note: null }],
    } as unknown as ReviewSection;
    const named = withNames(s, people);
    expect(named.message).toBe('changes requested by Rose Martin and Grandmother Rose: note');
    expect([named.approvedBy, named.pendingReviewers, named.history[0]!.who, named.history[0]!.to]).toEqual(['Grandmother Rose', ['Rose Martin'], 'quinn', 'Grandmother Rose']);
    expect(withNames(s, [])).toBe(s);
  });
});
