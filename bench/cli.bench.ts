/**
 * Wall time of the built CLI as users run it (`node bin/protocol-studio.mjs`, no tsx), side by side with
 * `node -e 0` and the floor script (bench/floor.mjs: yaml + ajv with the same schema, nothing else).
 * Targets (issue #16): --help under 150 ms, one file under 1.5× the floor, 40 files under 2 s.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/protocol-studio.mjs');
const FLOOR = join(ROOT, 'bench/floor.mjs');
const RTT = join(ROOT, 'templates/rtt-kat-12-week.protocol.yaml');
const RUNS = 5;

function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Median wall times of each command, run in turns so that load on a shared machine hits all alike. */
function measure(commands: string[][]): number[] {
  const times = commands.map(() => [] as number[]);
  commands.forEach((c) => wall(c)); // warm the file cache
  for (let i = 0; i < RUNS; i++) commands.forEach((c, k) => times[k]!.push(wall(c)));
  return times.map(median);
}

export default function bench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ps-bench-cli-'));
  try {
    const templates = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.protocol.yaml'));
    const forty = Array.from({ length: 40 }, (_, i) => {
      const file = join(dir, `p${String(i).padStart(2, '0')}-${templates[i % templates.length]}`);
      copyFileSync(join(ROOT, 'templates', templates[i % templates.length]!), file);
      return file;
    });
    const rows: Array<[string, string[], number | null, string]> = [
      ['node -e 0', ['-e', '0'], null, ''],
      ['floor: yaml + ajv, RTT template', [FLOOR, RTT], null, ''],
      ['floor: yaml + ajv, 40 files', [FLOOR, ...forty], null, ''],
      ['protocol-studio --help', [BIN, '--help'], null, '< 150 ms'],
      ['protocol-studio validate RTT template', [BIN, 'validate', RTT], 1, '< 1.5× floor'],
      ['protocol-studio validate 40 files', [BIN, 'validate', dir], 2, '< 2 s'],
      ['protocol-studio validate 40 files --jobs 1', [BIN, 'validate', '--jobs', '1', dir], 2, ''],
      ['protocol-studio validate 40 files --jobs 2', [BIN, 'validate', '--jobs', '2', dir], 2, ''],
    ];
    const times = measure(rows.map((r) => r[1]));
    const node = times[0]!;
    const table = [['command', 'median', '× node -e 0', '× floor', 'target']];
    rows.forEach(([name, , floorRow, target], i) => {
      const t = times[i]!;
      const floor = floorRow === null ? '' : `${(t / times[floorRow]!).toFixed(2)}×`;
      table.push([name, `${t.toFixed(0)} ms`, `${(t / node).toFixed(2)}×`, floor, target]);
    });
    const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
    for (const r of table) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    console.log(`${RUNS} runs each, median wall time; ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)} at the end.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
