/** A reader that stops early (`| head`) must not turn into an EPIPE stack trace. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Workspace } from '../../main/store/workspace';
import { ensureBuiltCli } from './run-cli';

// Each test runs the built CLI several times as child processes: on a loaded two-core machine that
// outlasts the default 30 s, so this is the hang guard here (no figure is asserted).
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'ps-epipe-'));
const RTT = new URL('../../templates/rtt-kat-12-week.protocol.yaml', import.meta.url);

/** Runs the built CLI, reads the first chunk of its output, then closes the pipe as `head` would. */
function readFirstChunkOnly(argv: string[]): Promise<{ code: number | null; signal: string | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ensureBuiltCli(), ...argv], { cwd: dir, env: { PROTOCOL_STUDIO_AUTHOR: 'Alice' } });
    let stderr = '';
    let first = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => void (stderr += t));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, first });
    });
  });
}

describe('output into a closed pipe', () => {
  it('ends quietly, without a stack trace, when the reader goes away', async () => {
    const db = join(dir, 'ws.sqlite');
    const ws = Workspace.open(db);
    const id = ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: readFileSync(RTT, 'utf8') }, author: 'Alice' }).id;
    ws.close();
    // The schema (~100 kB) is far more than a pipe holds, so the writes after the first chunk hit EPIPE.
    for (const argv of [['schema', '--print'], ['review', 'status', '--db', db, id, '--format', 'json', '--all']]) {
      const r = await readFirstChunkOnly(argv);
      expect(r.first.startsWith('{'), argv.join(' ')).toBe(true);
      expect(r.signal, argv.join(' ')).toBeNull();
      expect(r.stderr, argv.join(' ')).toBe('');
      expect([0, 1], argv.join(' ')).toContain(r.code);
    }
  });
});
