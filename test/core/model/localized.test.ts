import { describe, expect, it } from 'vitest';
import { isLocalizedText, languagesOf, textIn } from '../../../main/core/model/localized';

describe('textIn', () => {
  it('returns a plain string whatever the language asked for', () => {
    expect(textIn('Touch', 'ja', ['en'])).toBe('Touch');
  });
  it('prefers the requested language, then the fallbacks in order', () => {
    const t = { en: 'Touch', fr: 'Toucher', ja: '身体接触' };
    expect(textIn(t, 'ja', ['en'])).toBe('身体接触');
    expect(textIn(t, 'de', ['fr', 'en'])).toBe('Toucher');
  });
  it('falls back to any non-empty translation rather than printing nothing', () => {
    expect(textIn({ ja: '署名' }, 'en', ['fr'])).toBe('署名');
    expect(textIn({ en: '', ja: '署名' }, 'en', [])).toBe('署名');
  });
  it('gives an empty string for missing text', () => {
    expect(textIn(undefined, 'en')).toBe('');
    expect(textIn(null, 'en')).toBe('');
  });
});

describe('languagesOf', () => {
  it('lists the languages of a map', () => {
    expect(languagesOf({ en: 'a', ja: 'b' })).toEqual(['en', 'ja']);
  });
  it('counts a plain string as the default language only when one is given', () => {
    expect(languagesOf('a', 'en')).toEqual(['en']);
    expect(languagesOf('a')).toEqual([]);
    expect(languagesOf(undefined, 'en')).toEqual([]);
  });
});

describe('isLocalizedText', () => {
  it('accepts strings and string maps, rejects everything else', () => {
    expect(isLocalizedText('x')).toBe(true);
    expect(isLocalizedText({ en: 'x' })).toBe(true);
    expect(isLocalizedText({ en: 3 })).toBe(false);
    expect(isLocalizedText(['x'])).toBe(false);
    expect(isLocalizedText(null)).toBe(false);
  });
});
