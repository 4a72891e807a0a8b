/**
 * How much of a protocol's prose exists in a language: a binder printed in a language the text lacks must
 * say so instead of quietly printing another language under translated headings.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const LANGUAGE_KEY = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A language → text map: every key a language code, every value a string, one key a language of the protocol ({id, at} is not). */
function isLanguageMap(v: unknown, declared: ReadonlySet<string>): v is Record<string, string> {
  if (!isObj(v)) return false;
  const entries = Object.entries(v);
  return entries.some(([k]) => declared.has(k)) && entries.every(([k, t]) => LANGUAGE_KEY.test(k) && typeof t === 'string');
}

export interface LanguageCoverage {
  /** Translatable texts: language maps, and plain strings in prose positions. */
  total: number;
  /** Of those, the ones with no text in the language. */
  missing: number;
}

/** Prose fields whose plain strings count as texts in the first language (keys, not schema: this must not throw). */
const PROSE_KEYS = new Set(['title', 'text', 'summary', 'theme', 'description', 'placeholder', 'integration', 'homework', 'setting', 'titration', 'preparation', 'responsibilities', 'framing']);

export function languageCoverage(doc: unknown, lang: string): LanguageCoverage {
  const languages = isObj(doc) && isObj(doc.metadata) && Array.isArray(doc.metadata.languages) ? doc.metadata.languages : [];
  const first = typeof languages[0] === 'string' ? languages[0] : 'en';
  const declared = new Set([first, lang, ...languages.filter((l): l is string => typeof l === 'string')]);
  let total = 0;
  let missing = 0;
  const walk = (v: unknown, key: string | undefined, depth: number): void => {
    if (depth > 64) return;
    if (isLanguageMap(v, declared)) {
      total++;
      if (!(typeof v[lang] === 'string' && v[lang].trim())) missing++;
      return;
    }
    if (typeof v === 'string') {
      if (key !== undefined && PROSE_KEYS.has(key) && v.trim()) {
        total++;
        if (lang !== first) missing++;
      }
      return;
    }
    if (Array.isArray(v)) v.forEach((x) => walk(x, key, depth + 1));
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
  };
  walk(doc, undefined, 0);
  return { total, missing };
}
