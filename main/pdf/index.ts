/** PDF printing of binders: system Chromium via playwright-core, fonts from @fontsource, contents page numbers by two passes. */
export { binderHtmlWithFonts, printBinder, type BinderPrintInput } from './binder';
export { CHROMIUM_CANDIDATES, ChromiumNotFoundError, findChromium } from './chromium';
export { fontCssFor } from './fonts';
export { readPdfLayout, type PdfLayout } from './outline';
export { PdfPrinter, printPdf, type ChromiumPage, type PrintOptions } from './print';
export { fillTocScript, MEASURE_CSS, measuringHtml, pagesOf, printWithToc, type BuildHtml, type PrintedWithToc, type PrintFn, type PrintPage, type TocEntry } from './toc';
