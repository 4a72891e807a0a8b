/**
 * A participant binder printed by Chromium and read back with pdftotext: the ceremony choice is printed for an
 * element without governance and for a restricted one, and the element's ceremonial words are not.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfPrinter, printBinder } from '../../main/pdf/index';
import { chromiumPath, run } from './chromium';
import { CEREMONY_WORDS, ceremonyVariant, ELEMENT_PLACEHOLDER } from '../core/binder/consent-choices';
import { inputFor } from '../core/binder/fixtures';

const chromium = chromiumPath();
const dir = mkdtempSync(join(tmpdir(), 'consent-choices-'));

describe.skipIf(!chromium)('ceremony choices in the printed participant binder', () => {
  let printer: PdfPrinter;
  beforeAll(async () => {
    printer = await PdfPrinter.launch({ chromiumPath: chromium });
  });
  afterAll(async () => {
    await printer?.close();
  });

  const cases = [
    ['no-governance', 'A ceremony element its keepers describe in person'],
    ['restricted', ELEMENT_PLACEHOLDER],
  ] as const;
  for (const [kind, label] of cases) {
    it(`${kind}: the choice row is printed, the ceremonial words are not`, async () => {
      const printed = await printer.withPage((page) => printBinder(inputFor(ceremonyVariant(kind), 'participant'), page));
      const file = join(dir, `${kind}.pdf`);
      writeFileSync(file, printed.pdf);
      const text = run('pdftotext', ['-layout', file, '-']).replace(/\s+/g, ' ');
      expect(text).toContain('Ceremony and cultural elements');
      // The row: what the element is, then the two answers to tick.
      expect(text).toMatch(new RegExp(`Element I take part I do not ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Yes No`));
      expect(text).not.toContain(CEREMONY_WORDS);
      expect(text).not.toContain('CEREMONY-5e1f0a');
    });
  }
});
