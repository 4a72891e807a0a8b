/**
 * Reads where things landed in a printed PDF, with pdfjs: the page count and the page of each named
 * destination. Chromium writes a named destination for every element that an internal link (`href="#id"`)
 * points to — the contents entries link to their sections — and also an outline of the headings
 * (`outline: true`, Electron `generateDocumentOutline`), which is the fallback for entries without one.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLayout {
  pages: number;
  /** Anchor id → 1-based page. */
  anchors: Record<string, number>;
  /** Outline (heading) titles in document order with their 1-based page (empty when not needed). */
  outline: { title: string; page: number }[];
}

type Dest = unknown[];

/**
 * The outline is read only when one of `wanted` has no named destination (or when `wanted` is not
 * given): walking a long outline costs more than the rest of the read.
 */
export async function readPdfLayout(pdf: Uint8Array, wanted?: readonly string[]): Promise<PdfLayout> {
  // pdfjs may transfer (detach) the buffer it is given: pass a copy.
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pageOf = async (dest: Dest | string | null | undefined): Promise<number | undefined> => {
      const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
      const ref = explicit?.[0];
      if (ref === undefined || ref === null) return undefined;
      return typeof ref === 'number' ? ref + 1 : (await doc.getPageIndex(ref as Parameters<typeof doc.getPageIndex>[0])) + 1;
    };
    const anchors: Record<string, number> = {};
    for (const [name, dest] of Object.entries((await doc.getDestinations()) as Record<string, Dest>)) {
      const page = await pageOf(dest);
      if (page !== undefined) anchors[name] = page;
    }
    const outline: PdfLayout['outline'] = [];
    const walk = async (items: Awaited<ReturnType<typeof doc.getOutline>>): Promise<void> => {
      for (const item of items ?? []) {
        const page = await pageOf(item.dest as Dest | string | null);
        if (page !== undefined) outline.push({ title: item.title, page });
        await walk(item.items);
      }
    };
    if (!wanted || wanted.some((id) => anchors[id] === undefined)) await walk(await doc.getOutline());
    return { pages: doc.numPages, anchors, outline };
  } finally {
    await doc.destroy();
  }
}
