/**
 * Page numbers in the contents, for any `print(html) → PDF` function (playwright here, Electron's
 * printToPDF in the app). Chromium has no `target-counter()`, so: print once, read the page of each
 * section from the PDF, fill the numbers in and print again. Filling the numbers in can in principle move
 * a page break (a longer number wrapping a title); the layout is checked and one more pass made if it moved.
 */
import { readPdfLayout, type PdfLayout } from './outline';

export type PrintFn = (html: string) => Promise<Uint8Array>;
export type BuildHtml = (tocPages: Record<string, number> | undefined) => string;

export interface TocEntry {
  id: string;
  title: string;
}

export interface PrintedWithToc {
  pdf: Buffer;
  pages: number;
  tocPages: Record<string, number>;
  html: string;
  /** Prints made (2 when the numbers did not move the layout). */
  passes: number;
}

const MAX_PASSES = 3;

/** Page of each entry: its named destination, else the first unused outline item with its title. */
export function pagesOf(layout: PdfLayout, entries: readonly TocEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  let from = 0;
  for (const e of entries) {
    const named = layout.anchors[e.id];
    if (named !== undefined) {
      out[e.id] = named;
      continue;
    }
    const i = layout.outline.findIndex((o, k) => k >= from && o.title.trim() === e.title.trim());
    if (i >= 0) {
      out[e.id] = layout.outline[i]!.page;
      from = i + 1;
    }
  }
  return out;
}

const same = (a: Record<string, number>, b: Record<string, number>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

export async function printWithToc(build: BuildHtml, print: PrintFn, entries: readonly TocEntry[]): Promise<PrintedWithToc> {
  let tocPages: Record<string, number> | undefined;
  for (let pass = 1; ; pass++) {
    const html = build(tocPages);
    const pdf = Buffer.from(await print(html));
    const layout = await readPdfLayout(pdf);
    const found = pagesOf(layout, entries);
    if ((tocPages && same(found, tocPages)) || pass === MAX_PASSES) {
      return { pdf, pages: layout.pages, tocPages: tocPages ?? found, html, passes: pass };
    }
    tocPages = found;
  }
}
