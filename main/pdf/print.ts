/** HTML → PDF through playwright-core driving the system Chromium. One browser serves many prints. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from './chromium';

export interface PrintOptions {
  chromiumPath?: string;
  /** Page language (browser locale): affects hyphenation and font fallback. */
  lang?: string;
  env?: Record<string, string | undefined>;
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class PdfPrinter {
  /** One offline, script-less page per locale, reused: a fresh context per print costs more than the print. */
  private readonly pages = new Map<string, Promise<Page>>();
  /** Prints run one after another (a page holds one document at a time). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly browser: Browser,
    private readonly lang: string,
  ) {}

  static async launch(opts: PrintOptions = {}): Promise<PdfPrinter> {
    const executablePath = findChromium(opts.chromiumPath, opts.env ?? process.env);
    const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
    return new PdfPrinter(browser, opts.lang ?? 'en');
  }

  private pageFor(lang: string): Promise<Page> {
    let page = this.pages.get(lang);
    if (!page) {
      page = this.browser.newContext({ locale: lang, javaScriptEnabled: false, offline: true }).then((c) => c.newPage());
      this.pages.set(lang, page);
    }
    return page;
  }

  /** Prints self-contained HTML (the context is offline and runs no scripts) with an outline and tagged structure. */
  print(html: string, lang = this.lang): Promise<Buffer> {
    const job = this.queue.then(async () => {
      const page = await this.pageFor(lang);
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    });
    this.queue = job.catch(() => undefined);
    return job;
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
