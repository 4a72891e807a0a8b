/** Checks on what callers hand to the store, so bad input gives a clear message instead of a bad row. */
import { InvalidInputError } from './errors';

/** A protocol can be large, but not unbounded: beyond this it is almost certainly not a protocol. */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u001f\u007f]/;

export function checkText(text: unknown, what = 'text'): string {
  if (typeof text !== 'string') throw new InvalidInputError(`${what} must be a string, got ${typeof text}`);
  // A lone surrogate cannot be stored as UTF-8; it would silently change the text.
  const bad = LONE_SURROGATE.exec(text);
  if (bad) throw new InvalidInputError(`${what} contains an invalid character (unpaired surrogate) at offset ${bad.index}`);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEXT_BYTES) throw new InvalidInputError(`${what} is ${bytes} bytes; the limit is ${MAX_TEXT_BYTES}`);
  return text;
}

export function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new InvalidInputError(
      `${what} ${JSON.stringify(id)} is not valid: use 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  }
  return id;
}

/** A one-line human string: author names, actors. */
export function checkName(value: unknown, what: string, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError(`${what} must not be empty`);
  if (value.length > max) throw new InvalidInputError(`${what} is longer than ${max} characters`);
  if (CONTROL.test(value)) throw new InvalidInputError(`${what} must not contain control characters or line breaks`);
  return value.trim();
}

export function checkMessage(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidInputError('a commit message is required: say what changed and why');
  }
  if (value.length > 10_000) throw new InvalidInputError('the commit message is longer than 10,000 characters');
  return checkText(value, 'commit message');
}

export function checkDate(value: unknown, what: string): string {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidInputError(`${what} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A readable id from a title: "Roots To Thrive — Group" → "roots-to-thrive-group". */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
