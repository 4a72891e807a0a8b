/**
 * A reviewer's decisions as people read them. Withholding is its own review record now (state `withheld`);
 * workspaces from before kept it as a change request whose note began with a marker, and those still read as
 * withholdings here.
 */
import type { ReviewEvent } from '../../../../main/contract/api';
import { i18next } from '../../i18n';

const WITHHELD = 'Approval withheld: ';

/** The note of an older, change-request withholding (kept to read those records). */
export const withheldNote = (note: string) => `${WITHHELD}${note}`;

/** The event as people read it: a withholding shows as such, its note without the marker. */
export function readEvent(e: ReviewEvent): { kind: ReviewEvent['kind'] | 'withheld'; note: string | null } {
  if (e.kind === 'changes_requested' && e.note?.startsWith(WITHHELD)) return { kind: 'withheld', note: e.note.slice(WITHHELD.length) };
  return { kind: e.kind, note: e.note };
}

/** True when the section's change request is a withheld approval. */
export const isWithheld = (message: string) => message.includes(WITHHELD);

/** A change-request message from the review model ("changes requested by X: note"), with a withholding worded as such. */
export function readMessage(message: string): string {
  const m = /^changes requested by (.+?): Approval withheld: ([\s\S]*)$/.exec(message);
  const text = m ? `${m[1]} withheld approval: ${m[2]}` : message.split(WITHHELD).join('approval withheld: ');
  return text.replace(/[.\s]+$/, '');
}

/** "12 words added and 3 removed", from a word diff, in the studio's language. */
export function changeInWords(words: { kind: 'same' | 'added' | 'removed'; text: string }[]): string {
  const count = (k: 'added' | 'removed') => words.filter((w) => w.kind === k).reduce((n, w) => n + (w.text.match(/\S+/g)?.length ?? 0), 0);
  const added = count('added');
  const removed = count('removed');
  if (added && removed) return i18next.t('review.words.addedAndRemoved', { count: added, removed });
  if (added) return i18next.t('review.words.added', { count: added });
  if (removed) return i18next.t('review.words.removed', { count: removed });
  return i18next.t('review.words.layout');
}
