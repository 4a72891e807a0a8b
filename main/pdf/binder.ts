/** A binder as PDF: fonts embedded for the characters it uses, contents page numbers by a measuring and a final pass. */
import { prepareBinder, type BinderInput } from '../core/binder/index';
import { fontCssFor } from './fonts';
import { printWithToc, type PrintFn, type PrintPage, type PrintedWithToc } from './toc';

export type BinderPrintInput = Omit<BinderInput, 'tocPages' | 'fontCss'>;

/** The print HTML with its fonts embedded (what `--format html` writes and what gets printed). */
export function binderHtmlWithFonts(input: BinderPrintInput, tocPages?: Record<string, number>): string {
  const prepared = prepareBinder(input);
  return prepared.html(tocPages, fontCssFor(prepared.html()));
}

/**
 * Prints with any `print(html)` function, or — faster — with a `PrintPage` kept loaded between the
 * passes (`PdfPrinter.withPage((page) => printBinder(input, page))`).
 */
export async function printBinder(input: BinderPrintInput, printer: PrintFn | PrintPage): Promise<PrintedWithToc> {
  const prepared = prepareBinder(input);
  const fontCss = fontCssFor(prepared.html());
  const entries = prepared.sections.map((s) => ({ id: s.id, title: s.title }));
  return printWithToc((tocPages) => prepared.html(tocPages, fontCss), printer, entries);
}
