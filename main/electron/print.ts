/**
 * Binder HTML → PDF with Electron's own Chromium: an offscreen, hidden, script-less window per print.
 * The 2-pass contents numbering (main/pdf printWithToc) calls this once per pass.
 */
import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function printWithElectron(html: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-print-'));
  const file = join(dir, 'binder.html');
  writeFileSync(file, html);
  const win = new BrowserWindow({
    show: false,
    webPreferences: { offscreen: true, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    // The binder's own CSP (default-src 'none', inline styles, data: fonts) keeps it from loading anything.
    await win.loadFile(file);
    return await win.webContents.printToPDF({
      printBackground: true,
      preferCSSPageSize: true,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
