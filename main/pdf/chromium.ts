/** Finds the system Chromium used for printing: an explicit path, PROTOCOL_STUDIO_CHROMIUM, or the usual install locations. */
import { accessSync, constants } from 'node:fs';

/**
 * Flags for headless Chromium on a machine with a closed network: without the background-networking ones
 * it keeps trying to reach update and sync services. Shared by PDF printing and the browser tests.
 */
export const CHROMIUM_LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export class ChromiumNotFoundError extends Error {
  constructor(tried: string[]) {
    super(
      `No Chromium found to print the PDF (tried ${tried.join(', ')}). Install it with "apt-get install chromium", ` +
        'or set PROTOCOL_STUDIO_CHROMIUM (or --chromium) to the path of a Chromium or Chrome executable. HTML output needs no browser.',
    );
    this.name = 'ChromiumNotFoundError';
  }
}

const executable = (p: string): boolean => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first executable candidate; an explicit path or env value is the only one tried when given. */
export function findChromium(explicit?: string, env: Record<string, string | undefined> = process.env): string {
  const chosen = explicit ?? env.PROTOCOL_STUDIO_CHROMIUM;
  const tried = chosen ? [chosen] : CHROMIUM_CANDIDATES;
  const found = tried.find(executable);
  if (!found) throw new ChromiumNotFoundError(tried);
  return found;
}
