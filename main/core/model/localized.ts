/** Localized prose: a plain string (in the protocol's first language) or a language → text map. */
export type LocalizedText = string | Record<string, string>;

/**
 * The text in `lang`, else in the first fallback that has it, else the first non-empty translation.
 * A plain string is returned as is: it is written in the protocol's first language.
 */
export function textIn(t: LocalizedText | undefined | null, lang: string, fallbacks: string[] = []): string {
  if (t === undefined || t === null) return '';
  if (typeof t === 'string') return t;
  for (const code of [lang, ...fallbacks]) {
    const value = t[code];
    if (typeof value === 'string' && value !== '') return value;
  }
  for (const value of Object.values(t)) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

/**
 * Languages a text is written in. A plain string counts as `defaultLanguage`
 * (the protocol's first language) when given, otherwise as no explicit language.
 */
export function languagesOf(t: LocalizedText | undefined | null, defaultLanguage?: string): string[] {
  if (t === undefined || t === null) return [];
  if (typeof t === 'string') return defaultLanguage ? [defaultLanguage] : [];
  return Object.keys(t).filter((code) => typeof t[code] === 'string');
}

/** True when the value has the shape of localized text (used on unvalidated input). */
export function isLocalizedText(value: unknown): value is LocalizedText {
  if (typeof value === 'string') return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string');
}
