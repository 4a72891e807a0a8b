/** A language code in words ("ja" → "Japanese", or "日本語" in Japanese); the code itself when the runtime does not know it. */
export function languageName(code: string, inLang = 'en'): string {
  try {
    return new Intl.DisplayNames([inLang, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Japanese (ja)": the name with its code, for notices where the code is what a user types (`--lang ja`). */
export function languageLabel(code: string, inLang = 'en'): string {
  const name = languageName(code, inLang);
  return name !== code ? `${name} (${code})` : code;
}
