/** Small helpers on parsed (plain JS) protocol values. */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(v: unknown): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Canonical JSON (keys sorted), the same normalization review uses for section hashes. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v)) ?? 'undefined';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v instanceof Date) return v.toISOString();
  if (!isPlainObject(v)) return v;
  const out: PlainObject = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return canonicalJson(a) === canonicalJson(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return Number.isNaN(a) && Number.isNaN(b);
}

/** The `id` of a list item, when it has a usable one. */
export function itemId(v: unknown): string | undefined {
  if (!isPlainObject(v)) return undefined;
  const id = v.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A localized-text map such as `{en: "…", ja: "…"}`. */
export function isLocalizedMap(v: unknown): v is Record<string, string> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => LANG.test(k) && typeof v[k] === 'string');
}

/** Text of a localized value in `lang` (else its first language), for labels. */
export function localizedText(v: unknown, lang?: string): string | undefined {
  if (typeof v === 'string') return v;
  if (!isLocalizedMap(v)) return undefined;
  return (lang !== undefined ? v[lang] : undefined) ?? Object.values(v)[0];
}

export function isScalar(v: unknown): boolean {
  return v === null || v instanceof Date || (typeof v !== 'object' && typeof v !== 'function');
}

/** The new map's keys in order, each removed key placed after the key that preceded it in the old map. */
export function mergedKeyOrder(a: PlainObject, b: PlainObject): string[] {
  const after = new Map<string | undefined, string[]>();
  let prev: string | undefined;
  for (const key of Object.keys(a)) {
    if (Object.hasOwn(b, key)) prev = key;
    else after.set(prev, [...(after.get(prev) ?? []), key]);
  }
  const out = [...(after.get(undefined) ?? [])];
  for (const key of Object.keys(b)) out.push(key, ...(after.get(key) ?? []));
  return out;
}
