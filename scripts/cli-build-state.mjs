/** Whether out/cli/ is older than the sources it was built from: read by the bin and the CLI tests. */
import { readFileSync, statSync } from 'node:fs';

export const ROOT_URL = new URL('../', import.meta.url);
export const BUILT_ENTRY = new URL('out/cli/run.mjs', ROOT_URL);

/** True when the build is missing or a source it was made from changed (or vanished) since it started. */
export function cliBuildIsStale() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('out/cli/inputs.json', ROOT_URL), 'utf8'));
    statSync(BUILT_ENTRY);
  } catch {
    return true;
  }
  // Package versions matter too: an `npm install` of a newer yaml or ajv must reach the bundle.
  for (const input of [...manifest.inputs, 'package-lock.json']) {
    try {
      if (statSync(new URL(input, ROOT_URL)).mtimeMs > manifest.builtAt) return true;
    } catch {
      return true;
    }
  }
  return false;
}
