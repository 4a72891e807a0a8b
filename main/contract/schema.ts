/** A tiny runtime schema language for contract inputs: enough to reject wrong types and oversize strings. */

export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

export type Check = (value: unknown, where: string) => void;

const fail = (where: string, what: string): never => {
  throw new ContractError(`${where}: ${what}`);
};

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Protocol text may be large; everything else is short. */
export const MAX_TEXT = 5_000_000;
export const MAX_SHORT = 2_000;

export const str =
  (max = MAX_SHORT, opts: { pattern?: RegExp; min?: number } = {}): Check =>
  (v, where) => {
    if (typeof v !== 'string') fail(where, `expected a string, got ${describe(v)}`);
    const s = v as string;
    if (s.length > max) fail(where, `string too long (${s.length} characters, at most ${max})`);
    if (opts.min !== undefined && s.length < opts.min) fail(where, `must not be empty`);
    if (opts.pattern && !opts.pattern.test(s)) fail(where, `does not match ${opts.pattern}`);
  };

export const int =
  (min = 0, max = Number.MAX_SAFE_INTEGER): Check =>
  (v, where) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(where, `expected an integer, got ${describe(v)}`);
    const n = v as number;
    if (n < min || n > max) fail(where, `must be between ${min} and ${max}`);
  };

export const bool: Check = (v, where) => {
  if (typeof v !== 'boolean') fail(where, `expected a boolean, got ${describe(v)}`);
};

export const literal =
  (...values: string[]): Check =>
  (v, where) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(where, `expected one of ${values.join(', ')}`);
  };

export const optional =
  (inner: Check): Check =>
  (v, where) => {
    if (v !== undefined && v !== null) inner(v, where);
  };

export const array =
  (item: Check, max = 1_000): Check =>
  (v, where) => {
    if (!Array.isArray(v)) fail(where, `expected an array, got ${describe(v)}`);
    const a = v as unknown[];
    if (a.length > max) fail(where, `too many items (${a.length}, at most ${max})`);
    a.forEach((x, i) => item(x, `${where}[${i}]`));
  };

/** Closed object: unknown keys are rejected so typos and injected fields surface. */
export const obj =
  (shape: Record<string, Check>): Check =>
  (v, where) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, `expected an object, got ${describe(v)}`);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!(k in shape)) fail(where, `unknown field "${k}"`);
    for (const [k, check] of Object.entries(shape)) check(o[k], `${where}.${k}`);
  };

/** Discriminated union on a `kind`/`take` style field. */
export const union =
  (tag: string, variants: Record<string, Check>): Check =>
  (v, where) => {
    if (typeof v !== 'object' || v === null) fail(where, `expected an object, got ${describe(v)}`);
    const t = (v as Record<string, unknown>)[tag];
    const variant = typeof t === 'string' ? variants[t] : undefined;
    if (!variant) fail(where, `${tag} must be one of ${Object.keys(variants).join(', ')}`);
    variant!(v, where);
  };
