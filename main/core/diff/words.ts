/** Word-level diff of prose (jsdiff), whitespace kept so the runs rebuild both texts. */
import { diffWordsWithSpace } from 'diff';
import type { WordDiff } from './types';

export function wordDiff(before: string, after: string): WordDiff[] {
  return diffWordsWithSpace(before, after).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

export function countWords(runs: readonly WordDiff[], kind: WordDiff['kind']): number {
  return runs.filter((r) => r.kind === kind).reduce((n, r) => n + (r.text.match(/\S+/g)?.length ?? 0), 0);
}
