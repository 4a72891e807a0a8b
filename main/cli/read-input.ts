/** Protocol text given on the command line: a file, or standard input for "-". */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type CliIO } from './io';

export interface LoadedText {
  name: string;
  text: string;
}

/** Reads a file (or stdin for "-"), refusing what is not a readable file. */
export async function readInput(path: string, io: CliIO): Promise<LoadedText> {
  if (path === '-') {
    if (!io.readStdin) throw new UsageError('standard input is not available');
    return { name: '(stdin)', text: (await io.readStdin()).toString('utf8') };
  }
  const full = resolve(io.cwd, path);
  if (!existsSync(full)) throw new UsageError(`no such file: ${path}`);
  try {
    return { name: path, text: readFileSync(full, 'utf8') };
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
}
