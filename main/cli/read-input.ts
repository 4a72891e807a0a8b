/** Protocol text given on the command line: a file, or standard input for "-". */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type CliIO } from './io';

export interface LoadedText {
  name: string;
  text: string;
}

/** Reads a file (or stdin for "-"); a missing or unreadable file is a usage error naming it and why (ENOENT, EISDIR…). */
export async function readInput(path: string, io: CliIO): Promise<LoadedText> {
  if (path === '-') {
    if (!io.readStdin) throw new UsageError('standard input is not available');
    return { name: '(stdin)', text: (await io.readStdin()).toString('utf8') };
  }
  try {
    return { name: path, text: readFileSync(resolve(io.cwd, path), 'utf8') };
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
}
