/**
 * Page numbers in the contents, for any printer. Chromium has no `target-counter()`, so the binder is
 * printed twice: a measuring pass, then the final print with the numbers filled in.
 *
 * - The measuring pass hides everything but the elements with an id (`visibility` keeps the layout), so
 *   Chromium lays the pages out and writes the named destinations the contents links point to, but paints
 *   almost nothing: about half the cost of a real print.
 * - The contents numbers have a reserved width, so filling them in does not move a page break; the final
 *   PDF is read again all the same, and printed once more if a page did move (at most three passes).
 * - A `PrintPage` (playwright's page, or Electron's webContents with `executeJavaScript`) keeps one page
 *   loaded for both passes and only changes it between them; a plain `PrintFn` loads the HTML each pass.
 *   Either way the HTML itself stays script-free (the preview's CSP forbids scripts): scripts run from outside.
 */
import type { PdfLayout } from './outline';

export type PrintFn = (html: string) => Promise<Uint8Array>;
export type BuildHtml = (tocPages: Record<string, number> | undefined) => string;

/** A print page that is loaded once and changed between passes by scripts run from outside it. */
export interface PrintPage {
  load(html: string): Promise<void>;
  /** Runs the source of a JavaScript expression in the loaded page. */
  run(script: string): Promise<void>;
  /** Prints the loaded page; a `draft` is only measured, so it may skip the outline and tagging. */
  pdf(draft: boolean): Promise<Uint8Array>;
}

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
const MEASURE_ID = 'toc-measuring';

/** Layout stays, paint goes: only elements with an id (link targets) and headings (the outline) are drawn. */
export const MEASURE_CSS =
  'body * { visibility: hidden !important; } body [id], body h1 { visibility: visible !important; } ' +
  '@page { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }';

/** The HTML with the measuring style added (for printers that load HTML each pass). */
export function measuringHtml(html: string): string {
  const at = html.indexOf('</head>');
  const style = `<style id="${MEASURE_ID}">${MEASURE_CSS}</style>`;
  return at < 0 ? style + html : html.slice(0, at) + style + html.slice(at);
}

const MEASURE_SCRIPT = `(() => { const s = document.createElement('style'); s.id = ${JSON.stringify(MEASURE_ID)}; s.textContent = ${JSON.stringify(MEASURE_CSS)}; document.head.appendChild(s); })()`;

/** Removes the measuring style and writes each number into the element marked `data-toc-for="<anchor id>"`. */
export function fillTocScript(tocPages: Record<string, number>): string {
  return `((pages) => { document.getElementById(${JSON.stringify(MEASURE_ID)})?.remove(); for (const el of document.querySelectorAll('[data-toc-for]')) { const n = pages[el.getAttribute('data-toc-for')]; el.textContent = n === undefined ? '' : String(n); } })(${JSON.stringify(tocPages)})`;
}

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

export async function printWithToc(build: BuildHtml, printer: PrintFn | PrintPage, entries: readonly TocEntry[]): Promise<PrintedWithToc> {
  const wanted = entries.map((e) => e.id);
  const layoutOf = async (pdf: Uint8Array) => {
    // pdf.js loads only when a PDF is measured: HTML binders and the rest of the CLI never pay for it.
    const { readPdfLayout } = await import('./outline');
    const layout = await readPdfLayout(pdf, wanted);
    return { layout, found: pagesOf(layout, entries) };
  };
  let measured: Uint8Array;
  if (typeof printer === 'function') measured = await printer(measuringHtml(build(undefined)));
  else {
    await printer.load(build(undefined));
    await printer.run(MEASURE_SCRIPT);
    measured = await printer.pdf(true);
  }
  let tocPages = (await layoutOf(measured)).found;
  for (let pass = 2; ; pass++) {
    const html = build(tocPages);
    let pdf: Uint8Array;
    if (typeof printer === 'function') pdf = await printer(html);
    else {
      await printer.run(fillTocScript(tocPages));
      pdf = await printer.pdf(false);
    }
    const { layout, found } = await layoutOf(pdf);
    if (same(found, tocPages) || pass === MAX_PASSES) return { pdf: Buffer.from(pdf), pages: layout.pages, tocPages, html, passes: pass };
    tocPages = found;
  }
}
