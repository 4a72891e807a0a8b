/** Shape checks for JSON read from an export: each names the file and field that is wrong. */
import { posix } from 'node:path';
import { InvalidInputError } from './errors';

export type Obj = Record<string, unknown>;

export function obj(v: unknown, at: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InvalidInputError(`${at} must be an object`);
  return v as Obj;
}
export function list(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new InvalidInputError(`${at} must be a list`);
  return v;
}
export function str(o: Obj, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new InvalidInputError(`${at}.${key} must be a string`);
  return v;
}
export function optStr(o: Obj, key: string, at: string): string | null {
  return o[key] === null || o[key] === undefined ? null : str(o, key, at);
}
export function int(o: Obj, key: string, at: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new InvalidInputError(`${at}.${key} must be a whole number`);
  return v;
}

/** A relative path inside the export: forward slashes, no traversal, nothing absolute or odd. */
export function checkRelPath(rel: string): string {
  const parts = rel.split('/');
  const bad =
    rel === '' ||
    rel.includes('\\') ||
    rel.includes('\0') ||
    rel.startsWith('/') ||
    /^[A-Za-z]:/.test(rel) ||
    posix.normalize(rel) !== rel ||
    parts.some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw new InvalidInputError(`manifest.json: unsafe path ${JSON.stringify(rel)} in the export`);
  return rel;
}
