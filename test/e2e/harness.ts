/** Shared by the browser e2e tests and the UI bench: a browser host on a temp workspace plus headless Chromium. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../main/host';
import { CHROMIUM_LAUNCH_ARGS } from '../../main/pdf/chromium';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_INDEX = join(ROOT, 'out', 'renderer', 'index.html');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
export const CHROMIUM_ARGS = CHROMIUM_LAUNCH_ARGS;

/** Why the browser suite cannot run here, or null when it can. */
export function browserSuiteMissing(): string | null {
  if (!existsSync(RENDERER_INDEX)) return `${RENDERER_INDEX} is missing: run \`npm run build:renderer\` first`;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing: install the chromium package`;
  return null;
}

export interface Studio {
  host: BrowserHost;
  browser: Browser;
  page: Page;
  dir: string;
  /** Messages the page logged as errors (CSP violations included). */
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openStudio(opts: { viewport?: { width: number; height: number } } = {}): Promise<Studio> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const host = await startBrowserHost({ workspacePath: join(dir, 'workspace.sqlite') });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(host.url);
  return {
    host,
    browser,
    page,
    dir,
    consoleErrors,
    async close() {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Creates a protocol through the Library's "New from template…" dialog and waits for its editor. */
export async function newFromTemplateInUi(page: Page, templateId: string, protocolId: string): Promise<void> {
  await page.click('.head-actions button:has-text("New from template…")');
  await page.selectOption('dialog select[name="template"]', templateId);
  await page.fill('dialog input[name="protocolId"]', protocolId);
  await page.click('dialog button[type="submit"]');
  await page.waitForSelector('.editor-view:not([hidden]) .monaco-editor');
}

/** Waits until the editor's core diagnostics reflect the current model version. */
export async function waitForValidation(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const h = window.__studioEditor;
    return !!h && h.validated.versionId === h.editor.getModel()?.getVersionId();
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns serious and critical violations. */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  return (await axeAll(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every axe violation on the page, whatever its impact. */
export async function axeAll(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's strict CSP does not apply to (no script tag).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}
