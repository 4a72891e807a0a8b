/** A binder as PDF: fonts embedded for the characters it uses, contents page numbers by two passes. */
import { renderBinder, renderSections, type BinderInput } from '../core/binder/index';
import { fontCssFor } from './fonts';
import { printWithToc, type PrintFn, type PrintedWithToc } from './toc';

export type BinderPrintInput = Omit<BinderInput, 'tocPages' | 'fontCss'>;

/** The print HTML with its fonts embedded (what `--format html` writes and what gets printed). */
export function binderHtmlWithFonts(input: BinderPrintInput, tocPages?: Record<string, number>): string {
  const fontCss = fontCssFor(renderBinder(input));
  return renderBinder({ ...input, fontCss, ...(tocPages ? { tocPages } : {}) });
}

export async function printBinder(input: BinderPrintInput, print: PrintFn): Promise<PrintedWithToc> {
  const fontCss = fontCssFor(renderBinder(input));
  const entries = renderSections(input).sections.map((s) => ({ id: s.id, title: s.title }));
  return printWithToc((tocPages) => renderBinder({ ...input, fontCss, ...(tocPages ? { tocPages } : {}) }), print, entries);
}
