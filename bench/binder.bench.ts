/** Binder: render and print the largest binders (clinical team, 5× and 10× synthetic protocols, about 100 and 180 pages). Prints figures, never asserts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderBinder, type BinderInput } from '../main/core/binder/index';
import { binderHtmlWithFonts, findChromium, fontCssFor, PdfPrinter, printBinder } from '../main/pdf/index';
import { median, ms, time, timeAsync } from './stats';

const here = import.meta.dirname;

/** Repeats every id'd list of the template `factor` times (fresh ids): 5× prints about 100 pages, 10× about 180. */
function scaled(value: Record<string, any>, factor: number): Record<string, any> {
  const doc = structuredClone(value);
  const grow = (items: unknown): any =>
    Array.isArray(items) ? Array.from({ length: factor }, (_, k) => items.map((it) => (it && typeof it === 'object' && 'id' in it ? { ...it, id: `${it.id}-x${k}` } : it))).flat() : items;
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
  const template = parse(readFileSync(join(here, '../templates/rtt-kat-12-week.protocol.yaml'), 'utf8'));
  const inputs = [5, 10].map((factor): [number, BinderInput] => [
    factor,
    { value: scaled(template, factor), profile: 'clinical-team', lang: 'en', version: { label: `${factor}x`, status: 'draft' }, generatedAt: new Date().toISOString() },
  ]);
  for (const [factor, input] of inputs) {
    console.log(`renderBinder (${factor}× protocol, clinical team): median ${ms(median(time(() => renderBinder(input), 10, 2)))}`);
  }
  console.log(`fontCssFor: ${(fontCssFor(renderBinder(inputs[0]![1])).length / 1024).toFixed(0)} kB of embedded fonts`);
  let chromium: string;
  try {
    chromium = findChromium();
  } catch (err) {
    console.log(`PDF: skipped — ${(err as Error).message}`);
    return;
  }
  const printer = await PdfPrinter.launch({ chromiumPath: chromium });
  try {
    for (const [factor, input] of inputs) {
      let pages = 0;
      let passes = 0;
      const runs = await timeAsync(async () => {
        const r = await printer.withPage((page) => printBinder(input, page));
        pages = r.pages;
        passes = r.passes;
      }, 5, 1);
      console.log(`printBinder ${factor}× (render + ${passes} passes on one page + layout reads): ${pages} pages, median ${ms(median(runs))}, ${(median(runs) / pages).toFixed(1)} ms/page`);
      const viaHtml = await timeAsync(() => printBinder(input, (html) => printer.print(html)), 3, 1);
      console.log(`printBinder ${factor}× through print(html) (the Electron path): median ${ms(median(viaHtml))}`);
    }
    const html = binderHtmlWithFonts(inputs[1]![1]);
    console.log(`one final print of the 10× HTML: median ${ms(median(await timeAsync(() => printer.print(html), 3, 1)))}`);
  } finally {
    await printer.close();
  }
  console.log('target: a 100-page binder printed (both passes) in under 3 s');
}
