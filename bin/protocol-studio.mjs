#!/usr/bin/env node
// Runs the CLI as built into out/cli/ by `npm install` (scripts/build-cli.mjs): plain JavaScript, no compiler.
// In a development checkout a build older than its sources is rebuilt first, and where it cannot be
// built (esbuild absent, or the sources do not compile right now) the TypeScript runs through tsx.
import { existsSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const built = new URL('out/cli/run.mjs', root);
const sources = new URL('main/cli/run.ts', root);

async function freshBuild() {
  const { cliBuildIsStale } = await import(new URL('scripts/cli-build-state.mjs', root).href);
  if (!cliBuildIsStale()) return true;
  try {
    const { buildCli } = await import(new URL('scripts/build-cli.mjs', root).href);
    await buildCli({ logLevel: 'silent' });
    return true;
  } catch {
    return false;
  }
}

if (!existsSync(sources) || (await freshBuild())) {
  if (!existsSync(built)) {
    process.stderr.write('protocol-studio: the CLI is not built; run `npm install` (or `npm run build:cli`) in its folder.\n');
    process.exit(2);
  }
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
}
