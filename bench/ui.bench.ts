/**
 * UI figures in headless Chromium against the browser host (never asserted):
 * - cold start: navigation → Library → open a 2,000-line protocol → the problems panel shows its
 *   diagnostics (median of a few fresh pages; target < 2 s), with the phases the page marks;
 * - keystroke → the problems panel shows that keystroke's diagnostics (p50 / p95; target p95 < 100 ms),
 *   each keystroke a new text (no check can be answered from a cache), with the service's own share.
 * The host runs in its own process, as `npm start` runs it, so the benchmark's own Playwright traffic
 * does not share the host's event loop (in Electron the service also has the main process to itself).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { browserSuiteMissing, CHROMIUM, CHROMIUM_ARGS, ROOT } from '../test/e2e/harness';
import { longProtocol } from './long-protocol';
import { ms, median, percentile } from './stats';

const COLD_RUNS = 3;
const KEYSTROKES = 60;
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores`;

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

/** Opens the studio in a fresh page, opens the protocol from the Library, and waits for its checked editor. */
async function coldStart(browser: Browser, url: string): Promise<{ page: Page; total: number; phases: Record<string, number> }> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(url);
  await page.click('.table button');
  await page.waitForFunction(() => {
    const h = window.__studioEditor;
    return !!h && h.validated.versionId === h.editor.getModel()?.getVersionId();
  });
  // Inline code only: the page cannot see helpers the bench's own compiler adds around named functions.
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const marks = [
      ['draft opened', 'studio:draft-opened'],
      ['editor built', 'studio:editor-created'],
      ['problems shown', 'studio:first-check'],
    ].map(([label, mark]) => [label, performance.getEntriesByName(mark!).at(-1)?.startTime ?? NaN]);
    // Navigation start is the page's time origin.
    return { total: window.__studioEditor!.validated.at, phases: Object.fromEntries([['page loaded', nav.domContentLoadedEventEnd], ...marks]) as Record<string, number> };
  });
  return { page, ...timing };
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
    console.log(`${lines} lines (${template}); ${load()}`);

    const cold: number[] = [];
    const phases: Record<string, number[]> = {};
    let page: Page | undefined;
    for (let run = 0; run < COLD_RUNS; run++) {
      await page?.context().close();
      const started = await coldStart(browser, url);
      page = started.page;
      cold.push(started.total);
      for (const [k, v] of Object.entries(started.phases)) (phases[k] ??= []).push(v);
    }
    const phaseList = Object.entries(phases).map(([k, v]) => `${k} ${ms(median(v))}`).join(', ');
    console.log(`cold start to a checked editor: median ${ms(median(cold))} of ${cold.map((x) => x.toFixed(0)).join(', ')} ms (target < 2 s)`);
    console.log(`  phases from navigation (medians): ${phaseList}`);

    // Type at the end of the first line, a comment, so the document stays valid; each keystroke makes a new text.
    await page!.evaluate(() => {
      const h = window.__studioEditor!;
      const w = window as unknown as { __lastEdit: number };
      h.editor.getModel()!.onDidChangeContent(() => (w.__lastEdit = performance.now()));
      h.editor.setPosition({ lineNumber: 1, column: h.editor.getModel()!.getLineMaxColumn(1) });
      h.editor.focus();
    });
    const samples: number[] = [];
    const service: number[] = [];
    const split: number[][] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
      await page!.keyboard.press(String.fromCharCode(97 + (i % 26)));
      await page!.waitForFunction(() => {
        const h = window.__studioEditor!;
        return h.validated.versionId === h.editor.getModel()!.getVersionId();
      });
      const [latency, inService, parts] = await page!.evaluate(() => {
        const validations = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/validate')) as PerformanceResourceTiming[];
        const last = validations.at(-1);
        const app = last?.serverTiming.find((t) => t.name === 'app')?.duration ?? NaN;
        performance.clearResourceTimings();
        const edit = (window as unknown as { __lastEdit: number }).__lastEdit;
        const shown = window.__studioEditor!.validated.at;
        // Where the time went: before the request left, the request itself, and showing its answer.
        const split = last ? [last.startTime - edit, last.responseEnd - last.startTime, shown - last.responseEnd] : [NaN, NaN, NaN];
        return [shown - edit, app, split] as const;
      });
      samples.push(latency);
      if (!Number.isNaN(inService)) service.push(inService);
      if (!parts.some(Number.isNaN)) parts.forEach((v, k) => (split[k] ??= []).push(v));
      // Typing rhythm, with a pause now and then long enough for the autosave to run.
      await page!.waitForTimeout(i % 10 === 9 ? 1_000 : 150 + (i % 4) * 100);
    }
    console.log(`keystroke → problems: p50 ${ms(median(samples))}, p95 ${ms(percentile(samples, 95))} (target p95 < 100 ms, n=${samples.length})`);
    if (service.length) console.log(`  of which checking in the service: p50 ${ms(median(service))}, p95 ${ms(percentile(service, 95))}`);
    const [wait, request, show] = split.map((v) => `p50 ${ms(median(v))} / p95 ${ms(percentile(v, 95))}`);
    if (show) console.log(`  before the request leaves ${wait}; request ${request}; answer to problems shown ${show}`);
    console.log(`  ${load()}`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
