/**
 * UI figures in headless Chromium against the browser host (never asserted):
 * - cold start: page load → editor showing the largest template with its diagnostics;
 * - keystroke → updated markers on that template (p50 / p95; target p95 < 100 ms).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { browserSuiteMissing, openStudio, ROOT } from '../test/e2e/harness';
import { ms, median, percentile } from './stats';

function largestTemplate(): string {
  const dir = join(ROOT, 'templates');
  const files = readdirSync(dir).filter((f) => f.endsWith('.protocol.yaml'));
  return files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0]!.replace('.protocol.yaml', '');
}

export default async function bench(): Promise<void> {
  const missing = browserSuiteMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const template = largestTemplate();
  const studio = await openStudio();
  try {
    const { page, host } = studio;
    await host.service.createFromTemplate({ templateId: template, protocolId: 'bench' });

    const t0 = performance.now();
    await page.goto(host.url);
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
    await studio.close();
  }
}
