/**
 * The same first steps against the real Electron app (playwright-core's `_electron`), where the Electron
 * binary exists. Electron 42 downloads its binary lazily; on machines where that download is impossible
 * this suite is skipped and the browser-host journey covers the UI.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness';

/**
 * The installed binary, found the way `electron`'s own index finds it (path.txt → dist/), without
 * requiring that index: it starts a download when the binary is missing.
 */
function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, readFileSync(pathFile, 'utf8'))
    : join(pkg, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const mainBundle = join(ROOT, 'out', 'main', 'index.js');
const why = !binary
  ? 'the Electron binary is not installed (Electron 42 downloads it on first use; the download is not possible here)'
  : !existsSync(mainBundle)
    ? `${mainBundle} is missing: run \`npm run build\` first`
    : null;

describe.skipIf(!!why)('studio journey in the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'studio-electron-'));
    app = await _electron.launch({ executablePath: binary!, args: [mainBundle, `--user-data-dir=${userData}`], cwd: ROOT });
    page = await app.firstWindow();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('runs hardened and shows a dose marker in a new protocol', async () => {
    // Isolated and sandboxed: the page sees the contract bridge, and no Node.
    const env = await page.evaluate(() => ({
      studio: typeof window.studio?.listProtocols,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(env).toEqual({ studio: 'function', require: 'undefined', process: 'undefined' });

    await page.click('.head-actions button:has-text("New from template…")');
    await page.selectOption('dialog select[name="template"]', 'rtt-kat-12-week');
    await page.fill('dialog input[name="protocolId"]', 'rtt-kat-base');
    await page.click('dialog button[type="submit"]');
    await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
    await page.evaluate(() => window.__studioEditor!.replace('max: 1.5', 'max: 2.5'));
    await page.waitForSelector('.problem[data-code="DOSE-01"]');
  }, 120_000);
});

describe.runIf(!!why)('Electron app', () => {
  it.skip(`skipped: ${why}`, () => undefined);
});
