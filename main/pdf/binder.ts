/** A binder as PDF: fonts embedded for the characters it uses, contents page numbers by a measuring and a final pass. */
import { prepareBinder, type BinderInput, type PreparedBinder } from '../core/binder/index';
import { fontCssFor } from './fonts';
import { printWithToc, type PrintFn, type PrintPage, type PrintedWithToc } from './toc';

export type BinderPrintInput = Omit<BinderInput, 'tocPages' | 'fontCss'>;

/** The binder rendered once, with the `@font-face` rules for the characters it uses. */
function prepareWithFonts(input: BinderPrintInput): { prepared: PreparedBinder; fontCss: string } {
  const prepared = prepareBinder(input);
  return { prepared, fontCss: fontCssFor(prepared.html()) };
}

/** The print HTML with its fonts embedded (what `--format html` writes and what gets printed). */
export function binderHtmlWithFonts(input: BinderPrintInput): string {
  const { prepared, fontCss } = prepareWithFonts(input);
  return prepared.html(undefined, fontCss);
}

/**
 * Prints with any `print(html)` function, or — faster — with a `PrintPage` kept loaded between the
 * passes (`PdfPrinter.withPage((page) => printBinder(input, page))`).
 */
export async function printBinder(input: BinderPrintInput, printer: PrintFn | PrintPage): Promise<PrintedWithToc> {
  const { prepared, fontCss } = prepareWithFonts(input);
  const entries = prepared.sections.map((s) => ({ id: s.id, title: s.title }));
  return printWithToc((tocPages) => prepared.html(tocPages, fontCss), printer, entries);
}
