/** Stale translations: a recorded source hash that no longer matches the first-language text (TRANS-01/02), and marking one reviewed. */
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { markTranslationReviewed, sourceHash, translationStates } from '../../../main/core/model/translations';
import { validateText } from '../../../main/core/validate/index';
import { diffTexts } from '../../../main/core/diff/index';
import { renderBinder } from '../../../main/core/binder/index';

const TOUCH_EN = 'You choose what touch is offered.';
const TOUCH_JA = 'どのような身体接触を受けるかはあなたが選びます。';

function protocol(en: string, records: string): string {
  return `schemaVersion: 1
metadata:
  id: touch-ja
  title: Touch consent in two languages
  versionLabel: 1.0.0
  status: draft
  medicine: psilocybin
  languages: [en, ja]
consent:
  sections:
    - id: touch
      element: touch
      title: {en: Touch, ja: 身体接触}
      # The Japanese text was checked by the community translator.
      text:
        en: ${en}
        ja: ${TOUCH_JA}
${records}`;
}
const record = (hash: string) => `translations:\n  - {at: "consent.sections[touch].text", lang: ja, sourceHash: ${hash}, translatedOn: 2026-01-02}\n`;
const check = (text: string) => validateText(text, { rules: { includeOptIn: true } }).diagnostics.filter((d) => d.code.startsWith('TRANS') || d.code.startsWith('SCHEMA'));

describe('stale translations', () => {
  it('a translation made from today’s source text is current: no warning', () => {
    const text = protocol(TOUCH_EN, record(sourceHash(TOUCH_EN)));
    expect(check(text).filter((d) => d.code !== 'TRANS-02').map((d) => d.message)).toEqual([]);
    expect(translationStates(parse(text)).find((s) => s.at === 'consent.sections[touch].text')?.state).toBe('current');
  });

  it('warns, at the Japanese text, when the English changed after it was translated', () => {
    const text = protocol('You choose what touch is offered, and you may change it at any time.', record(sourceHash(TOUCH_EN)));
    const [d, ...rest] = check(text).filter((x) => x.code === 'TRANS-01');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'warning', path: ['consent', 'sections', 0, 'text', 'ja'] });
    expect(d!.message).toBe('The Japanese text may be out of date: the English text of consent.sections[touch].text changed after it was translated on 2026-01-02');
    expect(d!.range.start.line).toBe(text.split('\n').findIndex((l) => l.includes(TOUCH_JA)) + 1);
  });

  it('marking it reviewed records the new source hash, clears the warning and keeps the comments', () => {
    const changed = 'You choose what touch is offered, and you may change it at any time.';
    const doc = parseDocument(protocol(changed, record(sourceHash(TOUCH_EN))));
    expect(markTranslationReviewed(doc, 'consent.sections[touch].text', 'ja', '2026-03-01', 'K. Tanaka')).toBe(true);
    const after = doc.toString();
    expect(after).toContain('# The Japanese text was checked by the community translator.');
    expect(after).toContain(sourceHash(changed));
    expect(after).toMatch(/reviewedOn: 2026-03-01/);
    expect(check(after).filter((d) => d.code === 'TRANS-01' || d.code.startsWith('SCHEMA'))).toEqual([]);
    // A later source change is caught again, and says when it was reviewed.
    const again = after.replace(changed, 'Touch is offered only with your consent.');
    expect(check(again).find((d) => d.code === 'TRANS-01')?.message).toMatch(/changed after it was last reviewed on 2026-03-01$/);
  });

  it('marking a text that has no such translation changes nothing', () => {
    const doc = parseDocument(protocol(TOUCH_EN, ''));
    const before = doc.toString();
    expect(markTranslationReviewed(doc, 'consent.sections[touch].text', 'fr', '2026-03-01')).toBe(false);
    expect(markTranslationReviewed(doc, 'consent.sections[nope].text', 'ja', '2026-03-01')).toBe(false);
    expect(doc.toString()).toBe(before);
  });

  it('notes translations with no record of their source, and records naming nothing (TRANS-02, opt-in)', () => {
    const notes = check(protocol(TOUCH_EN, 'translations:\n  - {at: "consent.sections[gone].text", lang: ja, sourceHash: ' + sourceHash('x') + '}\n'));
    expect(notes.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['TRANS-02', 'info', 'The Japanese text of consent.sections[touch].title does not record which English text it translates (translations[])'],
      ['TRANS-02', 'info', 'The Japanese text of consent.sections[touch].text does not record which English text it translates (translations[])'],
      ['TRANS-02', 'info', 'Translation record for Japanese at consent.sections[gone].text names no Japanese text there'],
    ]);
    expect(validateText(protocol(TOUCH_EN, ''), {}).diagnostics.filter((d) => d.code === 'TRANS-02')).toEqual([]);
  });

  it('the diff says which translation the changed English leaves out of date, and only then', () => {
    const before = protocol(TOUCH_EN, record(sourceHash(TOUCH_EN)));
    const after = protocol('Touch is offered only with your consent.', record(sourceHash(TOUCH_EN)));
    const [c, ...rest] = diffTexts(before, after);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ idPath: 'consent.sections[touch].text.en', staleTranslations: ['ja'], category: 'editorial' });
    expect(c!.summary).toMatch(/; the Japanese translation may now be out of date$/);
    // Already stale before: not news in this diff.
    const [again] = diffTexts(after, after.replace('only with', 'only ever with'));
    expect(again!.staleTranslations).toBeUndefined();
  });

  it('a Japanese binder says on its cover where the Japanese text may be out of date', () => {
    const value = parse(protocol('Touch is offered only with your consent.', record(sourceHash(TOUCH_EN))));
    const html = renderBinder({ value, profile: 'clinical-team', lang: 'ja', version: { label: '1.0.0', status: 'draft' }, generatedAt: '2026-03-01T00:00:00Z' });
    expect(html).toContain('次の箇所の日本語 (ja)の本文は古い可能性があります。翻訳後に英語 (en)の本文が変更されました：Touch › Text。');
    const fresh = parse(protocol(TOUCH_EN, record(sourceHash(TOUCH_EN))));
    expect(renderBinder({ value: fresh, profile: 'clinical-team', lang: 'ja', version: { label: '1.0.0', status: 'draft' }, generatedAt: '2026-03-01T00:00:00Z' })).not.toContain('古い可能性');
  });
});
