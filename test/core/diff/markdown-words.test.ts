/** Word changes in markdown (change logs, QI reports): markers round the words, spaces kept between runs. */
import { describe, expect, it } from 'vitest';
import { markdownWords } from '../../../main/core/diff/format';
import { wordDiff } from '../../../main/core/diff/words';

describe('markdownWords', () => {
  it('keeps the space after an inserted phrase outside the bold markers', () => {
    const out = markdownWords(wordDiff('Touch is offered only with consent.', 'Touch at all is offered only with consent.'));
    expect(out).toBe('Touch **at all** is offered only with consent.');
  });

  it('strikes removed words and bolds added ones, each word separated as in the text', () => {
    const out = markdownWords(wordDiff('Observe for 60 minutes after dosing.', 'Observe for 120 minutes after each dose.'));
    expect(out).toBe('Observe for ~~60~~ **120** minutes after ~~dosing~~ **each dose**.');
  });
});
