/** The system Chromium for the PDF tests, or undefined (the tests are then skipped, with a note), and a poppler runner. */
import { execFileSync } from 'node:child_process';
import { findChromium } from '../../main/pdf/index';

export function chromiumPath(): string | undefined {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
}

/** Runs a poppler tool (pdftotext, pdffonts, pdfinfo) and returns its output. */
export const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
