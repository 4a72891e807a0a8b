import { describe, expect, it } from 'vitest';
import { withheldNow } from '../../../main/core/review/withheld';

const e = (sectionKey: string, kind: string, track = 'cultural') => ({ sectionKey, track, kind });

describe('withheldNow (review events in recorded order)', () => {
  it('holds a section from a withholding until a later approval on its track', () => {
    expect(withheldNow([e('a', 'withhold')])).toEqual([{ key: 'a', state: 'withheld' }]);
    expect(withheldNow([e('a', 'withhold'), e('a', 'comment'), e('a', 'request_changes')])).toEqual([{ key: 'a', state: 'withheld' }]);
    expect(withheldNow([e('a', 'withhold'), e('a', 'approve')])).toEqual([]);
    expect(withheldNow([e('a', 'approve'), e('a', 'withhold')])).toEqual([{ key: 'a', state: 'withheld' }]);
  });

  it('an approval on another track, or of another section, does not lift it', () => {
    expect(withheldNow([e('a', 'withhold'), e('a', 'approve', 'clinical'), e('b', 'approve')])).toEqual([{ key: 'a', state: 'withheld' }]);
  });
});
