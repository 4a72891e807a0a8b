#!/usr/bin/env node
/**
 * `npm start`: the Electron app when its binary is installed, else the loopback browser host.
 * Electron 42 downloads its binary lazily; where that download is impossible the studio still runs in
 * the system browser against the same workspace.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/**
 * The Electron executable, downloading it on first use (Electron 42+ fetches its binary lazily when the
 * package is first required); null when it cannot be had, e.g. offline. PROTOCOL_STUDIO_BROWSER=1 skips it.
 */
function electronBinary() {
  if (process.env.PROTOCOL_STUDIO_BROWSER === '1') return null;
  // In a child process, so a failed download is summed up in one line rather than a stack trace.
  const probe = spawnSync(process.execPath, ['-p', "require('electron')"], { cwd: root, encoding: 'utf8' });
  const path = probe.stdout.trim().split('\n').pop() ?? '';
  if (probe.status === 0 && path && existsSync(path)) return path;
  const reason = `${probe.stderr ?? ''}`.split('\n').find((l) => /Error|failed/.test(l))?.trim();
  if (reason) console.log(`Electron is not available: ${reason}`);
  return null;
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const electron = electronBinary();
if (electron) {
  const sqlite = join(root, 'build', 'electron-sqlite', 'better_sqlite3.node');
  if (!existsSync(sqlite)) {
    console.log('Building the SQLite module for Electron (once)…');
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'sqlite-electron.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) console.warn('Could not build SQLite for Electron; the app may fail to open its workspace.');
  }
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  run(bin, [args.includes('--dev') ? 'dev' : 'preview']);
} else {
  console.log(
    'The Electron binary is not installed (Electron downloads it on first use, and the download failed or is not allowed here).\n' +
      'Starting Protocol Studio in your browser instead, on the same workspace.\n',
  );
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    console.log('Building the studio UI (once)…');
    const built = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  run(process.execPath, ['--import', 'tsx', join(root, 'main', 'host', 'run.ts'), ...args.filter((a) => a !== '--dev')]);
}
