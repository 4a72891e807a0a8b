/**
 * Prints every profile of every bundled template to PDF with the system Chromium (one browser for the
 * file) and checks the printed result with poppler: contents page numbers against the real pages of the
 * headings, "Page X of Y" and the version stamp on every page, withheld content absent, fonts embedded.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_NAMES, renderSections } from '../../main/core/binder/index';
import { PdfPrinter, printBinder } from '../../main/pdf/index';
import { chromiumPath, run } from './chromium';
import { inputFor, KEEPER, loadTemplate, PLACEHOLDER, SECRET, templateFiles, withRestrictedContent } from '../core/binder/fixtures';

const chromium = chromiumPath();
if (!chromium) console.warn('test/pdf: no Chromium found (apt-get install chromium, or set PROTOCOL_STUDIO_CHROMIUM): PDF tests skipped.');

const dir = mkdtempSync(join(tmpdir(), 'binder-pdf-'));

/** Text of each page (pdftotext separates pages with form feeds), whitespace collapsed. */
function pageTexts(pdfFile: string): string[] {
  const pages = run('pdftotext', ['-layout', pdfFile, '-']).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((p) => p.replace(/\s+/g, ' '));
}

describe.skipIf(!chromium)('binder PDFs', () => {
  let printer: PdfPrinter;
  beforeAll(async () => {
    printer = await PdfPrinter.launch({ chromiumPath: chromium });
  });
  afterAll(async () => {
    await printer?.close();
  });

  for (const file of templateFiles()) {
    it(`${file}: every profile prints with correct contents pages, page X of Y and version stamp, and no withheld text`, async () => {
      const value = withRestrictedContent(loadTemplate(file));
      for (const profile of PROFILE_NAMES) {
        const input = inputFor(value, profile);
        // One page loaded for both passes (the CLI's way), and print(html) per pass (Electron's way) for one profile.
        const printed =
          profile === 'participant' ? await printBinder(input, (html) => printer.print(html)) : await printer.withPage((page) => printBinder(input, page));
        expect(printed.passes).toBe(2);
        const pdfFile = join(dir, `${file}-${profile}.pdf`);
        writeFileSync(pdfFile, printed.pdf);

        const info = run('pdfinfo', [pdfFile]);
        expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1]), `${profile} page count`).toBe(printed.pages);
        const pages = pageTexts(pdfFile);
        expect(pages).toHaveLength(printed.pages);
        pages.forEach((text, i) => {
          expect(text, `${profile} page ${i + 1}`).toContain(`Page ${i + 1} of ${printed.pages}`);
          expect(text, `${profile} page ${i + 1}`).toContain(`Version ${input.version.label}`);
        });

        const sections = renderSections(input).sections;
        const toc = pages[1]!;
        expect(toc).toContain('Contents');
        for (const [n, s] of sections.entries()) {
          const page = printed.tocPages[s.id];
          expect(page, `${profile}: page of ${s.title}`).toBeGreaterThan(2);
          // The contents line reads "N Title … page".
          expect(toc, `${profile}: contents entry of ${s.title}`).toContain(`${n + 1} ${s.title} ${page}`);
          // The heading really is at the top of that page (after the running header).
          expect(pages[page! - 1]!.slice(0, 200 + s.title.length), `${profile}: heading ${s.title} on page ${page}`).toContain(s.title);
        }

        const all = pages.join(' ');
        expect(all).not.toContain('SECRET-7f3a9c');
        expect(all).not.toContain(SECRET.slice(0, 30));
        if (profile === 'clinical-team' || profile === 'elder-review') {
          expect(all).toContain(PLACEHOLDER);
          expect(all).toContain(KEEPER);
        }
      }
    }, 180_000);
  }

  it('prints Japanese with the embedded Noto Sans JP when the binder is in Japanese', async () => {
    const value = loadTemplate('rtt-kat-12-week.protocol.yaml');
    const printed = await printer.withPage((page) => printBinder(inputFor(value, 'participant', 'ja'), page), 'ja');
    const pdfFile = join(dir, 'ja.pdf');
    writeFileSync(pdfFile, printed.pdf);
    const text = run('pdftotext', [pdfFile, '-']);
    expect(text.replace(/\s+/g, '')).toContain(String(value.metadata.title.ja).replace(/\s+/g, ''));
    // The binder's own labels are Japanese too: contents, section titles, the page stamp, form labels.
    const pages = pageTexts(pdfFile);
    expect(pages[1]).toContain('目次');
    expect(pages[1]).toContain('週ごとの内容');
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`${i + 1} / ${printed.pages} ページ`));
    expect(text).toContain('参加者署名');
    expect(text).not.toMatch(/Contents|Page \d+ of|Participant signature/);
    expect(run('pdffonts', [pdfFile])).toMatch(/NotoSansJP\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    expect(run('pdffonts', [pdfFile])).toMatch(/NotoSerif-Regular/);
  }, 60_000);
});
