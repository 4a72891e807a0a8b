/**
 * What `validate` does per file — read it (never past the size limit) and check it — and how a list of
 * arguments (files, folders, quoted globs, "-") becomes a list of files.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../core/diagnostics/diagnostic';
import { LIMITS, tooLargeDiagnostic } from '../core/parse';
import { validateBytes, type ValidateOptions } from '../core/validate';

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  /** Why the file could not be read at all (missing, a directory, permissions, no match). */
  error?: string;
}

export function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a protocol file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/** Checks one file on disk; a file past the size limit is refused without reading it into memory. */
export function validatePath(file: string, cwd: string, opts: ValidateOptions): FileResult {
  try {
    const path = resolve(cwd, file);
    const { size } = statSync(path);
    if (size > LIMITS.maxBytes) return { file, diagnostics: [tooLargeDiagnostic(size)] };
    return { file, diagnostics: validateBytes(readFileSync(path), opts).diagnostics };
  } catch (err) {
    return { file, diagnostics: [], error: readError(err) };
  }
}

/** YAML files inside a folder, at any depth (dependencies and hidden folders skipped). */
const IN_FOLDER = ['**/*.yaml', '**/*.yml'];
const SKIPPED = ['**/node_modules/**', '**/.*/**'];

/** One argument → the files it names, sorted, so the output order does not depend on the file system. */
async function expandOne(arg: string, cwd: string): Promise<Array<string | { file: string; error: string }>> {
  if (arg === '-') return [arg];
  let isDir = false;
  try {
    isDir = statSync(resolve(cwd, arg)).isDirectory();
  } catch {
    // Not an existing path: maybe a glob the shell left quoted; else reported as missing.
  }
  if (isDir) {
    const found = await glob(IN_FOLDER, { cwd: resolve(cwd, arg), ignore: SKIPPED, onlyFiles: true });
    if (found.length === 0) return [{ file: arg, error: 'is a directory with no .yaml or .yml files' }];
    const prefix = arg.endsWith('/') ? arg : `${arg}/`;
    return found.sort().map((f) => (prefix === './' ? f : prefix + f));
  }
  if (isDynamicPattern(arg)) {
    const found = await glob(arg, { cwd, ignore: SKIPPED, onlyFiles: true, expandDirectories: false, absolute: isAbsolute(arg) });
    if (found.length === 0) return [{ file: arg, error: 'no file matches this pattern' }];
    return found.sort();
  }
  return [arg];
}

/** Every argument expanded in the order given; a file named twice is checked once. */
export async function expandArguments(args: string[], cwd: string): Promise<Array<string | { file: string; error: string }>> {
  const seen = new Set<string>();
  const out: Array<string | { file: string; error: string }> = [];
  for (const item of (await Promise.all(args.map((a) => expandOne(a, cwd)))).flat()) {
    const key = typeof item === 'string' ? (item === '-' ? '-' : resolve(cwd, item)) : `\0${item.file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}
