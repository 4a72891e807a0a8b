/**
 * Language codes (BCP-47, as protocols write them) named in the studio's language: "en, ja" reads "English,
 * Japanese" in English and "英語、日本語" in Japanese, so a director sees what the codes they typed mean.
 * A code the browser cannot name (mistyped, or a language it does not know) stays as written, marked.
 */
import { uiLocale } from '.';

export function languageNames(codes: readonly string[]): { code: string; name: string | null }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([uiLocale()], { type: 'language', fallback: 'none' });
  } catch {
    names = null;
  }
  return codes.map((code) => {
    try {
      return { code, name: names?.of(code) ?? null };
    } catch {
      return { code, name: null }; // not a well-formed language tag
    }
  });
}
