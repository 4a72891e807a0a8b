/**
 * UI figures in headless Chromium against the browser host (never asserted):
 * - cold start: page load → editor showing a 2,000-line protocol with its diagnostics (target < 2 s);
 * - keystroke → updated problems on that protocol (p50 / p95; target p95 < 100 ms).
 * The host runs in its own process, as `npm start` runs it, so the benchmark's own Playwright traffic
 * does not share the host's event loop (in Electron the service also has the main process to itself).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { browserSuiteMissing, CHROMIUM, CHROMIUM_ARGS, ROOT } from '../test/e2e/harness';
import { longProtocol } from './long-protocol';
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
    const api = async (method: string, arg: unknown) => {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ args: [arg] }),
      });
      if (!res.ok) throw new Error(`${method}: HTTP ${res.status} ${await res.text()}`);
    };
    await api('createFromTemplate', { templateId: template, protocolId: 'bench' });
    const text = longProtocol(join(ROOT, 'templates', `${template}.protocol.yaml`));
    const lines = text.split('\n').length;
    await api('saveDraft', { protocolId: 'bench', text });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();

    const t0 = performance.now();
    await page.goto(url);
    await page.click('.table button');
    await page.waitForFunction(() => {
      const h = window.__studioEditor;
      return !!h && h.validated.versionId === h.editor.getModel()?.getVersionId();
    });
    console.log(`cold start to a checked editor (${template}, ${lines} lines): ${ms(performance.now() - t0)} (target < 2 s)`);

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
    console.log(`keystroke → problems (${lines} lines): p50 ${ms(median(samples))}, p95 ${ms(percentile(samples, 95))} (target p95 < 100 ms, n=${samples.length})`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
