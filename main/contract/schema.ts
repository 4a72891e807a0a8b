/** A tiny runtime schema language for contract inputs: enough to reject wrong types and oversize strings. */

export class ContractError extends Error {
  /** Where the bad value was, for logs and tests (`createFromTemplate.protocolId`); never shown to users. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'ContractError';
    this.field = field;
  }
}

export type Check = (value: unknown, where: string) => void;

/** Field names in people's words: `createFromTemplate.protocolId` → "Protocol id", `choices[2].text` → "Text (item 3)". */
const FIELD_WORDS: Record<string, string> = { qiCycleId: 'QI cycle', sectionPath: 'Section', templateId: 'Template', jobId: 'Export job' };
export function fieldWords(where: string): string {
  const m = /(?:^|\.)([A-Za-z_$][\w$]*)((?:\[\d+\])*)$/.exec(where);
  if (!m || !where.includes('.')) return 'The request';
  const key = m[1]!;
  const words = FIELD_WORDS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());
  const index = /\[(\d+)\]$/.exec(m[2] ?? '');
  return index ? `${words} (item ${Number(index[1]) + 1})` : words;
}

const fail = (where: string, what: string): never => {
  throw new ContractError(`${fieldWords(where)} ${what}.`, where);
};

const describe = (v: unknown): string =>
  v === null ? 'empty' : v === undefined ? 'missing' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? 'text' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'yes or no' : 'a set of fields';

/** Protocol text may be large; everything else is short. */
export const MAX_TEXT = 5_000_000;
export const MAX_SHORT = 2_000;

export const str =
  (max = MAX_SHORT, opts: { pattern?: RegExp; min?: number; /** What the pattern asks, in words. */ hint?: string } = {}): Check =>
  (v, where) => {
    if (typeof v !== 'string') fail(where, v === undefined ? 'is missing' : `must be text, not ${describe(v)}`);
    const s = v as string;
    if (s.length > max) fail(where, `is too long (${s.length} characters; at most ${max})`);
    if (opts.min !== undefined && s.length < opts.min) fail(where, `must not be empty`);
    if (opts.pattern && !opts.pattern.test(s)) fail(where, opts.hint ?? 'is not in the expected form');
  };

export const int =
  (min = 0, max = Number.MAX_SAFE_INTEGER): Check =>
  (v, where) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(where, `must be a whole number, not ${typeof v === 'number' ? String(v) : describe(v)}`);
    const n = v as number;
    if (n < min || n > max) fail(where, `must be between ${min} and ${max}`);
  };

export const bool: Check = (v, where) => {
  if (typeof v !== 'boolean') fail(where, `must be yes or no, not ${describe(v)}`);
};

export const literal =
  (...values: string[]): Check =>
  (v, where) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(where, `must be one of: ${values.join(', ')}`);
  };

export const optional =
  (inner: Check): Check =>
  (v, where) => {
    if (v !== undefined && v !== null) inner(v, where);
  };

export const array =
  (item: Check, max = 1_000): Check =>
  (v, where) => {
    if (!Array.isArray(v)) fail(where, `must be a list, not ${describe(v)}`);
    const a = v as unknown[];
    if (a.length > max) fail(where, `has too many items (${a.length}; at most ${max})`);
    a.forEach((x, i) => item(x, `${where}[${i}]`));
  };

/** Closed object: unknown keys are rejected so typos and injected fields surface. */
export const obj =
  (shape: Record<string, Check>): Check =>
  (v, where) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, `must be a set of fields, not ${describe(v)}`);
    const o = v as Record<string, unknown>;
    // Own keys only: `k in shape` would let `toString`, `constructor` or `__proto__` through as known fields.
    for (const k of Object.keys(o)) if (!Object.hasOwn(shape, k)) fail(where, `has a field the studio does not know: "${k}"`);
    for (const [k, check] of Object.entries(shape)) check(o[k], `${where}.${k}`);
  };

/**
 * Plain JSON data (e.g. a site's reference-value overrides): nesting, item count and total size are
 * bounded before anything serializes it, so a hostile payload cannot exhaust the stack or memory.
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const json =
  (maxChars: number, maxDepth = 16, maxNodes = 5_000): Check =>
  (v, where) => {
    let nodes = 0;
    let chars = 0;
    const walk = (x: unknown, at: string, depth: number): void => {
      if (++nodes > maxNodes) fail(where, `has too many values (at most ${maxNodes})`);
      if (depth > maxDepth) fail(at, `is nested too deeply (at most ${maxDepth} levels)`);
      if (typeof x === 'string') chars += x.length;
      else if (typeof x === 'number') {
        if (!Number.isFinite(x)) fail(at, 'numbers must be finite');
      } else if (Array.isArray(x)) x.forEach((item, i) => walk(item, `${at}[${i}]`, depth + 1));
      else if (typeof x === 'object' && x !== null) {
        for (const [k, item] of Object.entries(x)) {
          // Data is merged into objects later: keys that reach a prototype are refused here.
          if (UNSAFE_KEYS.has(k)) fail(at, `has a field that is not allowed: "${k}"`);
          chars += k.length;
          walk(item, `${at}.${k}`, depth + 1);
        }
      } else if (typeof x !== 'boolean' && x !== null) fail(at, `must be plain data, not ${describe(x)}`);
      if (chars > maxChars) fail(where, `is too large (more than ${maxChars} characters)`);
    };
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, `must be a set of fields, not ${describe(v)}`);
    walk(v, where, 0);
  };

/** Discriminated union on a `kind`/`take` style field. */
export const union =
  (tag: string, variants: Record<string, Check>): Check =>
  (v, where) => {
    if (typeof v !== 'object' || v === null) fail(where, `must be a set of fields, not ${describe(v)}`);
    const t = (v as Record<string, unknown>)[tag];
    const variant = typeof t === 'string' && Object.hasOwn(variants, t) ? variants[t] : undefined;
    if (!variant) fail(where, `needs ${tag} set to one of: ${Object.keys(variants).join(', ')}`);
    variant!(v, where);
  };
