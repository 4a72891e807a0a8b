/** HTML → PDF through playwright-core driving the system Chromium. One browser serves many prints. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_LAUNCH_ARGS, findChromium } from './chromium';
import type { PrintPage } from './toc';

export interface PrintOptions {
  chromiumPath?: string;
  /** Page language (browser locale): affects hyphenation and font fallback. */
  lang?: string;
  env?: Record<string, string | undefined>;
}

/** The playwright page as a `PrintPage` (its PDFs are Buffers). */
export interface ChromiumPage extends PrintPage {
  pdf(draft: boolean): Promise<Buffer>;
}

export class PdfPrinter {
  /** One offline, script-less page per locale, reused: a fresh context per print costs more than the print. */
  private readonly pages = new Map<string, Promise<Page>>();
  /** Print jobs run one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly browser: Browser,
    private readonly lang: string,
  ) {}

  static async launch(opts: PrintOptions = {}): Promise<PdfPrinter> {
    const executablePath = findChromium(opts.chromiumPath, opts.env ?? process.env);
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_LAUNCH_ARGS });
    return new PdfPrinter(browser, opts.lang ?? 'en');
  }

  private pageFor(lang: string): Promise<Page> {
    let page = this.pages.get(lang);
    if (!page) {
      page = this.browser.newContext({ locale: lang, javaScriptEnabled: false, offline: true }).then((c) => c.newPage());
      this.pages.set(lang, page);
      // A page that failed to open is not kept, so the next print in this language tries again.
      page.catch(() => this.pages.delete(lang));
    }
    return page;
  }

  /** Runs one print job at a time: a page holds one document, and a multi-pass print holds it between passes. */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Prints self-contained HTML (the context is offline and runs no scripts) with an outline and tagged structure. */
  print(html: string, lang = this.lang): Promise<Buffer> {
    return this.withPage((page) => page.load(html).then(() => page.pdf(false)), lang);
  }

  /**
   * Lends the page for `lang` to `job` (e.g. `printBinder(input, page)`), which may load it once, change
   * it between passes with scripts run from outside, and print it several times.
   */
  withPage<T>(job: (page: ChromiumPage) => Promise<T>, lang = this.lang): Promise<T> {
    return this.exclusive(async () => {
      const page = await this.pageFor(lang);
      return job({
        load: async (html) => void (await page.setContent(html, { waitUntil: 'load' })),
        run: async (script) => void (await page.evaluate(script)),
        pdf: (draft) => page.pdf({ preferCSSPageSize: true, printBackground: true, outline: !draft, tagged: !draft }),
      });
    });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** One-off print: launches Chromium, prints, closes it. */
export async function printPdf(html: string, opts: PrintOptions = {}): Promise<Buffer> {
  const printer = await PdfPrinter.launch(opts);
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}
