/**
 * The editor sends a keystroke as a change to a text main checked before (`validate({ edit })`): the
 * answer must be the one the whole text gets, and a change main cannot place must fail as stale, so the
 * editor sends the whole text instead of being told about problems in a text nobody wrote.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioService } from '../../main/services';
import { textDelta } from '../../renderer/src/editor/text-delta';

const scratch = readFileSync(join(__dirname, '..', 'fixtures', 'scratch', 'group-first-responders.protocol.yaml'), 'utf8');

describe('validate with an edit of a checked text', () => {
  let dir: string;
  let svc: StudioService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-edit-'));
    svc = await StudioService.open({ workspacePath: join(dir, 'ws.sqlite'), host: 'browser', author: 'Ana' });
  });
  afterEach(() => {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a chain of edits as it answers each whole text', async () => {
    let text = scratch;
    let { textId } = await svc.call('validate', { text }) as { textId: string };
    // Typing, a deletion across lines, a paste that breaks the YAML, and an undo of it.
    const steps = [
      (t: string) => t.replace(/title: (.*)/, 'title: $1 (draft)'),
      (t: string) => t.replace(/\n\s*#[^\n]*/, ''),
      (t: string) => t.replace('metadata:', 'metadata: [\n  oops: "'),
      () => text,
      (t: string) => t.replace(/weeks: \d+/, 'weeks: 60'),
    ];
    for (const step of steps) {
      const next = step(text);
      const edit = { base: textId, ...textDelta(text, next), length: next.length };
      const viaEdit = (await svc.call('validate', { edit })) as { diagnostics: unknown[]; textId: string };
      const whole = (await svc.call('validate', { text: next })) as { diagnostics: unknown[] };
      expect(viaEdit.diagnostics).toEqual(whole.diagnostics);
      expect(viaEdit.textId).not.toBe(textId);
      text = next;
      textId = viaEdit.textId;
    }
  });

  it('refuses, as stale, an edit of a text it no longer holds or that does not fit', async () => {
    const { textId } = (await svc.call('validate', { text: scratch })) as { textId: string };
    const fits = { base: textId, at: 0, remove: 0, insert: '# hello\n', length: scratch.length + 8 };
    await expect(svc.call('validate', { edit: { ...fits, base: 't999' } })).rejects.toMatchObject({ name: 'StaleTextError' });
    await expect(svc.call('validate', { edit: { ...fits, length: fits.length + 1 } })).rejects.toMatchObject({ name: 'StaleTextError' });
    await expect(svc.call('validate', { edit: { ...fits, at: scratch.length, remove: 5 } })).rejects.toMatchObject({ name: 'StaleTextError' });
    // Older texts leave as new ones are checked.
    for (let i = 0; i < 10; i++) await svc.call('validate', { text: `${scratch}# ${i}\n` });
    await expect(svc.call('validate', { edit: fits })).rejects.toMatchObject({ name: 'StaleTextError' });
  });

  it('takes either the text or an edit, never both or neither', async () => {
    const { textId } = (await svc.call('validate', { text: scratch })) as { textId: string };
    const edit = { base: textId, at: 0, remove: 0, insert: '', length: scratch.length };
    await expect(svc.call('validate', { text: scratch, edit })).rejects.toMatchObject({ name: 'ContractError' });
    await expect(svc.call('validate', {})).rejects.toMatchObject({ name: 'ContractError' });
    await expect(svc.call('validate', { edit: { ...edit, at: -1 } })).rejects.toMatchObject({ name: 'ContractError' });
  });
});

describe('textDelta', () => {
  it('finds the one span that differs, and applying it gives the new text', () => {
    const cases: Array<[string, string]> = [
      ['abc', 'abXc'],
      ['abc', 'ac'],
      ['aaa', 'aaaa'],
      ['', 'new'],
      ['old', ''],
      ['same', 'same'],
      ['入院時の説明。', '入院時の詳しい説明。'],
      ['x😀y', 'x😃y'],
    ];
    for (const [from, to] of cases) {
      const d = textDelta(from, to);
      expect(from.slice(0, d.at) + d.insert + from.slice(d.at + d.remove)).toBe(to);
    }
    expect(textDelta('abc', 'abXc')).toEqual({ at: 2, remove: 0, insert: 'X' });
  });
});
