#!/usr/bin/env node
/**
 * Opt-in: builds a second better-sqlite3 native binary for the installed Electron version, into
 * build/electron-sqlite/better_sqlite3.node. The normal install stays built for Node (tests, CLI);
 * the Electron main process passes this file to `Workspace.open(file, { nativeBinding })`.
 *
 * Needs a C++ toolchain and the network (Electron's headers come from https://electronjs.org/headers).
 * Usage: node scripts/sqlite-electron.mjs
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outFile = join(root, 'build', 'electron-sqlite', 'better_sqlite3.node');

class BuildError extends Error {}
function fail(message) {
  throw new BuildError(message);
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** node-gyp from the project, else the copy bundled with npm. */
function nodeGyp() {
  const local = packageDir('node-gyp');
  if (local) return join(local, 'bin', 'node-gyp.js');
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(bundled)) return bundled;
  fail('node-gyp not found. Install it with `npm install --save-dev node-gyp` and run this script again.');
}

/** A `nodedir` setting (e.g. from npm config) would make node-gyp build against Node's headers instead. */
function gypEnv(electronVersion) {
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
  for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
  return env;
}

function main() {
  const electronDir = packageDir('electron');
  if (!electronDir) fail('electron is not installed (npm install), so there is no Electron version to build for.');
  const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const sqliteDir = packageDir('better-sqlite3');
  if (!sqliteDir) fail('better-sqlite3 is not installed (npm install).');

  // Build in a temporary copy so the Node build in node_modules is left untouched.
  const work = mkdtempSync(join(tmpdir(), 'ps-electron-sqlite-'));
  try {
    const copy = join(work, 'better-sqlite3');
    const oldBuild = join(sqliteDir, 'build');
    cpSync(sqliteDir, copy, { recursive: true, filter: (src) => src !== oldBuild && !src.startsWith(oldBuild + sep) });
    process.stdout.write(`Building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch})…\n`);
    const result = spawnSync(
      process.execPath,
      [nodeGyp(), 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: copy, stdio: 'inherit', env: gypEnv(electronVersion) },
    );
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !existsSync(built)) {
      fail(
        `the build failed (exit ${result.status ?? result.signal}).\n` +
          '  It needs network access to https://electronjs.org/headers (Electron headers) and a C++ toolchain\n' +
          '  (Linux: build-essential + python3; macOS: Xcode command-line tools; Windows: Visual Studio Build Tools).\n' +
          '  Without it the app cannot open workspaces inside Electron; the CLI and tests are unaffected.',
      );
    }
    mkdirSync(dirname(outFile), { recursive: true });
    cpSync(built, outFile);
    process.stdout.write(`Wrote ${outFile}\nPass it to Workspace.open(file, { nativeBinding }) in the Electron main process.\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  if (!(err instanceof BuildError)) throw err;
  process.stderr.write(`sqlite-electron: ${err.message}\n`);
  process.exitCode = 1;
}
