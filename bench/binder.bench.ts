/** Binder: render and print the largest binder (clinical team, a 10× synthetic protocol). Prints figures, never asserts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderBinder, type BinderInput } from '../main/core/binder/index';
import { findChromium, fontCssFor, PdfPrinter, printBinder } from '../main/pdf/index';
import { median, ms, time, timeAsync } from './stats';

const here = import.meta.dirname;

/** Repeats every id'd list of the template ten times (fresh ids), to make a protocol of about 100+ pages. */
function tenfold(value: Record<string, any>): Record<string, any> {
  const doc = structuredClone(value);
  const grow = (items: unknown): any =>
    Array.isArray(items) ? Array.from({ length: 10 }, (_, k) => items.map((it) => (it && typeof it === 'object' && 'id' in it ? { ...it, id: `${it.id}-x${k}` } : it))).flat() : items;
  doc.curriculum.weeks = grow(doc.curriculum.weeks).map((w: any, i: number) => ({ ...w, week: i + 1 }));
  doc.consent.sections = grow(doc.consent.sections);
  doc.cultural.blocks = grow(doc.cultural.blocks);
  doc.screening.exclusions.absolute = grow(doc.screening.exclusions.absolute);
  doc.screening.assessments = grow(doc.screening.assessments);
  doc.team = grow(doc.team);
  doc.references = grow(doc.references);
  return doc;
}

export default async function bench(): Promise<void> {
  const value = tenfold(parse(readFileSync(join(here, '../templates/rtt-kat-12-week.protocol.yaml'), 'utf8')));
  const input: BinderInput = { value, profile: 'clinical-team', lang: 'en', version: { label: '10x', status: 'draft' }, generatedAt: new Date().toISOString() };
  console.log(`renderBinder (10× protocol, clinical team): median ${ms(median(time(() => renderBinder(input), 10, 2)))}`);
  const fontCss = fontCssFor(renderBinder(input));
  console.log(`fontCssFor: ${(fontCss.length / 1024).toFixed(0)} kB of embedded fonts`);
  let chromium: string;
  try {
    chromium = findChromium();
  } catch (err) {
    console.log(`PDF: skipped — ${(err as Error).message}`);
    return;
  }
  const printer = await PdfPrinter.launch({ chromiumPath: chromium });
  try {
    let pages = 0;
    let passes = 0;
    const runs = await timeAsync(async () => {
      const r = await printBinder(input, (html) => printer.print(html));
      pages = r.pages;
      passes = r.passes;
    }, 3, 1);
    console.log(`printBinder (render + ${passes} prints + outline reads): ${pages} pages, median ${ms(median(runs))}, ${(median(runs) / pages).toFixed(1)} ms/page`);
    const html = renderBinder({ ...input, fontCss });
    console.log(`one print of the same HTML: median ${ms(median(await timeAsync(() => printer.print(html), 3, 1)))}`);
  } finally {
    await printer.close();
  }
}
