/** Runs `protocol-studio` in-process through the real dispatcher, capturing what it prints. */
import type { CliIO } from '../../main/cli/io';
import { main } from '../../main/cli/index';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], opts: { cwd: string; env?: Record<string, string | undefined>; stdin?: string }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: opts.cwd,
    env: opts.env ?? {},
    readStdin: async () => Buffer.from(opts.stdin ?? ''),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
