/**
 * Translations and the source text they translate. `translations[]` records, for each translated text, the
 * SHA-256 of the first-language text it was made from; when that text changes later the translation may be
 * out of date, until someone reviews it against the new text (which records the new hash).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { isMap, isSeq, type Document } from 'yaml';
import type { PathSegment } from '../diagnostics/diagnostic';
import { formatIdPath, parseIdPath, resolveIdPath, type IdStep } from '../diff/id-path';
import { itemId } from '../diff/values';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const LANGUAGE_KEY = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** SHA-256 of a source text, line ends and surrounding blanks aside (they change nothing a translator reads). */
export function sourceHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text.replace(/\r\n?/g, '\n').trim())));
}

export function firstLanguage(doc: unknown): string {
  const langs = isObj(doc) && isObj(doc.metadata) && Array.isArray(doc.metadata.languages) ? doc.metadata.languages : [];
  return typeof langs[0] === 'string' ? langs[0] : 'en';
}

export interface TranslationState {
  /** Address of the translated text, e.g. `consent.sections[touch].text`. */
  at: string;
  lang: string;
  /** `current`: made from today's source; `stale`: the source changed since; `unrecorded`: no record says from which source; `orphan`: the record names no translated text. */
  state: 'current' | 'stale' | 'unrecorded' | 'orphan';
  /** JSON path of the translated entry (of the record, for an orphan). */
  path: PathSegment[];
  translatedOn?: string;
  reviewedOn?: string;
}

const dateText = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : undefined);

/** The localized maps holding a translation (an entry other than the first language), by id path. */
function translatedTexts(doc: unknown, first: string): Map<string, { value: Obj; path: PathSegment[] }> {
  const out = new Map<string, { value: Obj; path: PathSegment[] }>();
  const walk = (v: unknown, path: PathSegment[], steps: IdStep[], depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        const id = itemId(x);
        walk(x, [...path, i], [...steps, id !== undefined ? { id } : { index: i }], depth + 1);
      });
      return;
    }
    if (!isObj(v)) return;
    const entries = Object.entries(v);
    const isText = entries.length > 1 && Object.hasOwn(v, first) && entries.every(([k, t]) => LANGUAGE_KEY.test(k) && typeof t === 'string');
    if (isText) {
      out.set(formatIdPath(steps), { value: v, path });
      return;
    }
    for (const [k, x] of entries) if (k !== 'translations') walk(x, [...path, k], [...steps, { key: k }], depth + 1);
  };
  walk(doc, [], [], 0);
  return out;
}

/** Every translation of the document with its state. */
export function translationStates(doc: unknown): TranslationState[] {
  const first = firstLanguage(doc);
  const texts = translatedTexts(doc, first);
  const records = isObj(doc) && Array.isArray(doc.translations) ? doc.translations : [];
  const out: TranslationState[] = [];
  const recorded = new Set<string>();
  records.forEach((r, i) => {
    if (!isObj(r) || typeof r.at !== 'string' || typeof r.lang !== 'string') return;
    const dates = { ...(dateText(r.translatedOn) ? { translatedOn: dateText(r.translatedOn) } : {}), ...(dateText(r.reviewedOn) ? { reviewedOn: dateText(r.reviewedOn) } : {}) };
    const text = texts.get(r.at);
    const translation = text?.value[r.lang];
    if (!text || typeof translation !== 'string') {
      out.push({ at: r.at, lang: r.lang, state: 'orphan', path: ['translations', i], ...dates });
      return;
    }
    recorded.add(`${r.at}\u0000${r.lang}`);
    const source = String(text.value[first]);
    out.push({ at: r.at, lang: r.lang, state: r.sourceHash === sourceHash(source) ? 'current' : 'stale', path: [...text.path, r.lang], ...dates });
  });
  for (const [at, { value, path }] of texts) {
    for (const lang of Object.keys(value)) {
      if (lang !== first && !recorded.has(`${at}\u0000${lang}`)) out.push({ at, lang, state: 'unrecorded', path: [...path, lang] });
    }
  }
  return out;
}

/**
 * Records that the `lang` text at `at` was made from (or has been reviewed against) today's first-language
 * text: adds or updates its `translations[]` record in the yaml.Document, so comments and key order survive.
 * Returns false when `at` names no text with that translation.
 */
export function markTranslationReviewed(document: Document, at: string, lang: string, date: string, translator?: string): boolean {
  const value: unknown = document.toJS();
  const steps = parseIdPath(at);
  const path = resolveIdPath(value, steps);
  const text = path && path.reduce<unknown>((node, seg) => (isObj(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[seg] : undefined), value);
  const first = firstLanguage(value);
  if (!isObj(text) || typeof text[lang] !== 'string' || typeof text[first] !== 'string' || lang === first) return false;
  const hash = sourceHash(text[first] as string);
  let list = document.get('translations', true);
  if (!isSeq(list)) {
    document.set('translations', document.createNode([]));
    list = document.get('translations', true);
  }
  if (!isSeq(list)) return false;
  const existing = list.items.find((item) => isMap(item) && item.get('at') === at && item.get('lang') === lang);
  if (isMap(existing)) {
    existing.set('sourceHash', hash);
    existing.set('reviewedOn', date);
    if (translator) existing.set('translator', translator);
  } else {
    list.add(document.createNode({ at, lang, sourceHash: hash, translatedOn: date, ...(translator ? { translator } : {}) }));
  }
  return true;
}
