/**
 * Runs the BUILT `protocol-studio` (out/cli/run.mjs, as `npm install` leaves it) in a child process, so
 * the CLI tests check what users run. A build older than the sources is rebuilt once, on first use.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT_CLI = fileURLToPath(new URL('../../out/cli/run.mjs', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

let built = false;

/** Builds out/cli/ when a source changed since; a build failure fails the test with esbuild's message. */
export function ensureBuiltCli(): string {
  if (!built) {
    const r = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the CLI failed:\n${r.stderr}`);
    built = true;
  }
  return BUILT_CLI;
}

export interface CliOptions {
  cwd: string;
  /** The whole environment of the run (nothing is inherited, so the tests do not depend on the caller's). */
  env?: Record<string, string | undefined>;
  stdin?: string | Buffer;
  /** Hang guard: the run is killed after this long and the test fails. */
  timeoutMs?: number;
}

export function runCli(argv: string[], opts: CliOptions): Promise<CliRun> {
  const entry = ensureBuiltCli();
  const env = Object.fromEntries(Object.entries(opts.env ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...argv], { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => void (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => void (stderr += t));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) reject(new Error(`protocol-studio ${argv.join(' ')} was killed (${signal}) after ${opts.timeoutMs ?? 60_000} ms`));
      else resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a command that does not read stdin may exit before it is written
    child.stdin.end(opts.stdin ?? '');
  });
}
