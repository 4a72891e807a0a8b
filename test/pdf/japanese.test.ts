/**
 * A Japanese binder of a protocol written from scratch, printed by Chromium and read back with poppler:
 * every glyph of the running header, footer, contents and body comes from an embedded bundled Noto font (no
 * system fallback, no missing-glyph box □, no U+FFFD), and a binder asked for in a language the text lacks
 * says so on its cover.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PdfPrinter, printBinder } from '../../main/pdf/index';
import { chromiumPath, run } from './chromium';
import { inputFor } from '../core/binder/fixtures';

const chromium = chromiumPath();
const dir = mkdtempSync(join(tmpdir(), 'binder-ja-'));
const TITLE = 'レイクサイド・クリニック — 治療抵抗性うつ病のエスケタミン療法';

/** The individual esketamine protocol with its title, site, summary and consent in Japanese as well. */
function japanese(): any {
  const d = parse(readFileSync(join(import.meta.dirname, '../fixtures/scratch/individual-esketamine.protocol.yaml'), 'utf8'));
  d.metadata.languages = ['en', 'ja'];
  d.metadata.title = { en: d.metadata.title, ja: TITLE };
  d.programme.summary = { en: d.programme.summary, ja: '最初の4週間は週2回、その後は週1回です。\n\n各セッションは看護師が付き添う個室で行います。' };
  const ja: Record<string, string> = {
    nature_of_treatment: 'エスケタミンとは',
    purpose_and_structure: '治療の流れ',
    route_and_dose: '投与量',
    risks: 'リスク',
    transport: '帰宅について',
  };
  for (const s of d.consent.sections) if (ja[s.element]) s.title = { en: s.title, ja: ja[s.element] };
  return d;
}

describe.skipIf(!chromium)('Japanese binder PDF', () => {
  let printer: PdfPrinter;
  beforeAll(async () => {
    printer = await PdfPrinter.launch({ chromiumPath: chromium, lang: 'ja' });
  });
  afterAll(async () => {
    await printer?.close();
  });

  const print = async (value: unknown, profile: 'clinical-team' | 'participant', name: string) => {
    const printed = await printer.withPage((page) => printBinder(inputFor(value, profile, 'ja'), page), 'ja');
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, printed.pdf);
    return { file, pages: printed.pages };
  };

  it('every glyph of header, footer, contents and body is in an embedded Noto font: no □, no U+FFFD', async () => {
    const { file, pages } = await print(japanese(), 'clinical-team', 'clinical-ja');
    const fonts = run('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line, 'a bundled Noto font, not a system fallback').toMatch(/^[A-Z]{6}\+Noto/);
      expect(line, 'embedded').toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
    expect(fonts.some((l) => /NotoSansJP/.test(l))).toBe(true);

    const text = run('pdftotext', ['-layout', file, '-']);
    expect(text).not.toMatch(/[\u25A1\uFFFD]/);
    const perPage = text.split('\f').filter((p) => p.trim()).map((p) => p.replace(/\s+/g, ''));
    expect(perPage).toHaveLength(pages);
    const flatTitle = TITLE.replace(/\s+/g, '');
    perPage.forEach((p, i) => {
      // Running header (title), footer (binder name) and page stamp, in Japanese on every page after the cover.
      if (i > 0) expect(p, `page ${i + 1} header`).toContain(flatTitle);
      expect(p, `page ${i + 1} footer`).toContain('臨床チーム用バインダー');
      expect(p, `page ${i + 1} stamp`).toContain(`${i + 1}/${pages}ページ`);
    });
    expect(perPage[1]).toContain('目次');
    expect(perPage[1]).toContain('同意書');
    expect(text.replace(/\s+/g, '')).toContain('エスケタミンとは');
  }, 90_000);

  it('a binder in a language the text lacks says so on its cover', async () => {
    const english = parse(readFileSync(join(import.meta.dirname, '../fixtures/scratch/group-first-responders.protocol.yaml'), 'utf8'));
    const { file } = await print(english, 'participant', 'participant-en-as-ja');
    const cover = run('pdftotext', ['-f', '1', '-l', '1', file, '-']).replace(/\s+/g, '');
    expect(cover).toContain('このプロトコルには日本語(ja)の本文がありません。本文は英語(en)で印刷し');
    expect(run('pdftotext', [file, '-'])).not.toMatch(/[\u25A1\uFFFD]/);
  }, 90_000);
});
