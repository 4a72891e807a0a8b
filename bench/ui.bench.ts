/**
 * UI figures in headless Chromium against the browser host (never asserted):
 * - cold start: page load → editor showing the largest template with its diagnostics;
 * - keystroke → updated markers on that template (p50 / p95; target p95 < 100 ms).
 * The host runs in its own process, as `npm start` runs it, so the benchmark's own Playwright traffic
 * does not share the host's event loop (in Electron the service also has the main process to itself).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { browserSuiteMissing, CHROMIUM, CHROMIUM_ARGS, ROOT } from '../test/e2e/harness';
import { ms, median, percentile } from './stats';

function largestTemplate(): string {
  const dir = join(ROOT, 'templates');
  const files = readdirSync(dir).filter((f) => f.endsWith('.protocol.yaml'));
  return files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0]!.replace('.protocol.yaml', '');
}

/** Starts `main/host/run.ts` on a workspace and resolves with the URL it prints. */
function startHostProcess(workspace: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main', 'host', 'run.ts'), '--workspace', workspace, '--no-open'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /Open: (\S+)/.exec(out)?.[1];
      if (url) ok({ child, url });
    });
    child.once('exit', (code) => fail(new Error(`the browser host exited (${code}) before it printed its address`)));
  });
}

export default async function bench(): Promise<void> {
  const missing = browserSuiteMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const template = largestTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'studio-ui-bench-'));
  const { child, url } = await startHostProcess(join(dir, 'workspace.sqlite'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const { origin, hash } = new URL(url);
    const token = /token=([0-9a-f]+)/.exec(hash)![1]!;
    const res = await fetch(`${origin}/api/createFromTemplate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ args: [{ templateId: template, protocolId: 'bench' }] }),
    });
    if (!res.ok) throw new Error(`createFromTemplate: HTTP ${res.status}`);
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();

    const t0 = performance.now();
    await page.goto(url);
    await page.click('.table button');
    await page.waitForFunction(() => {
      const h = window.__studioEditor;
      return !!h && h.validated.versionId === h.editor.getModel()?.getVersionId();
    });
    console.log(`cold start to an interactive editor (${template}): ${ms(performance.now() - t0)}`);

    // Type inside the first comment line so the document stays valid.
    await page.evaluate(() => {
      const h = window.__studioEditor!;
      const w = window as unknown as { __lastEdit: number };
      h.editor.getModel()!.onDidChangeContent(() => (w.__lastEdit = performance.now()));
      h.editor.setPosition({ lineNumber: 1, column: h.editor.getModel()!.getLineMaxColumn(1) });
      h.editor.focus();
    });
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
      await page.waitForFunction(() => {
        const h = window.__studioEditor!;
        return h.validated.versionId === h.editor.getModel()!.getVersionId();
      });
      samples.push(await page.evaluate(() => window.__studioEditor!.validated.at - (window as unknown as { __lastEdit: number }).__lastEdit));
      await page.waitForTimeout(200);
    }
    console.log(`keystroke → markers: p50 ${ms(median(samples))}, p95 ${ms(percentile(samples, 95))} (target p95 < 100 ms, n=${samples.length})`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
