/**
 * The last few texts main checked, each named by an id the answer carries, so the editor can send the next
 * keystroke as a change to one of them instead of the whole protocol (100 KB over the host's HTTP is tens
 * of milliseconds per keystroke). Only a handful are kept: a client whose base is gone sends the whole
 * text again.
 */
import type { TextEdit } from '../contract';

const KEEP = 8;

export class StaleTextError extends Error {
  override name = 'StaleTextError';
}

export class RecentTexts {
  private readonly texts = new Map<string, string>();
  private counter = 0;

  /** Keeps `text` and names it (a new name each time, so a stale id never names a newer text). */
  remember(text: string): string {
    const id = `t${++this.counter}`;
    this.texts.set(id, text);
    if (this.texts.size > KEEP) this.texts.delete(this.texts.keys().next().value!);
    return id;
  }

  /** The text an edit describes; StaleTextError when its base is gone or the edit does not fit it. */
  apply(edit: TextEdit): string {
    const base = this.texts.get(edit.base);
    if (base === undefined) throw new StaleTextError('the text this change was made to is no longer held; send the whole text');
    if (edit.at + edit.remove > base.length) throw new StaleTextError('the change reaches past the end of the text it was made to; send the whole text');
    const text = base.slice(0, edit.at) + edit.insert + base.slice(edit.at + edit.remove);
    if (text.length !== edit.length) throw new StaleTextError(`the changed text has ${text.length} characters, not ${edit.length}; send the whole text`);
    return text;
  }
}
