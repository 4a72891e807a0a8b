/** What a CLI command may touch, so tests can run commands in-process. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Standard input, read only by commands that accept `-`; stops once more than `max` bytes came in. */
  readStdin?(max?: number): Promise<Buffer>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** A failure the user caused (bad flag, unreadable file): printed without a stack trace, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** node's parseArgs, with a bad or unknown flag reported as a usage error. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export interface Command {
  /** One line for the top-level help. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Has subcommands that answer `--help` themselves (e.g. `workspace commit --help`). */
  subcommands?: boolean;
  run(argv: string[], io: CliIO): Promise<number>;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    readStdin: async (max = Infinity) => {
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const c of process.stdin) {
        chunks.push(c as Buffer);
        length += (c as Buffer).length;
        if (length > max) break; // leaving the loop closes stdin: an endless stream is not read whole
      }
      return Buffer.concat(chunks);
    },
  };
}

/** Machine-readable output: indented JSON and a final newline. */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}
