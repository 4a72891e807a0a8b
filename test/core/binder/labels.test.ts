import { describe, expect, it } from 'vitest';
import { renderBinder, renderSections } from '../../../main/core/binder/index';
import { cssString } from '../../../main/core/binder/html';
import { EN } from '../../../main/core/binder/labels/en';
import { fmt, fmtHtml, labelsFor } from '../../../main/core/binder/labels/index';
import { JA } from '../../../main/core/binder/labels/ja';
import { inputFor, loadTemplate } from './fixtures';

const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const rtt = loadTemplate('rtt-kat-12-week.protocol.yaml');

describe('binder labels by language', () => {
  it('prints the binder’s own headings and form labels in Japanese for a Japanese binder', () => {
    const html = renderBinder(inputFor(rtt, 'clinical-team', 'ja'));
    const text = textOf(html);
    for (const label of ['目次', '版', '状態', '筋肉内注射（IM）', '週ごとのカリキュラム', '投薬セッションと用量', '絶対的除外基準', 'バイタルサイン記録表', '参加者署名', '承認署名', '署名', '日付']) {
      expect(text, label).toContain(label);
    }
    expect(text).not.toMatch(/\bContents\b|Participant signature|Vitals sheet|Absolute exclusions|Sign-off/);
    expect(html).toContain('<html lang="ja">');
    // The page stamp: "{page} / {pages} ページ" as counters between escaped strings.
    expect(html).toContain(`content: counter(page) ${cssString(' / ')} counter(pages) ${cssString(' ページ')};`);
    expect(renderSections(inputFor(rtt, 'participant', 'ja')).sections.map((s) => s.title)).toEqual([
      'プログラムについて',
      '週ごとの内容',
      'あなたの同意',
      'セッションの後に：安全シート',
    ]);
  });

  it('keeps English for English binders, and for languages without a table', () => {
    for (const lang of ['en', 'mi', 'oj-CA']) {
      const html = renderBinder(inputFor(rtt, 'participant', lang));
      expect(html).toContain('<h1 id="toc-title">Contents</h1>');
      expect(html).toContain('content: "Page " counter(page) " of " counter(pages);');
      expect(textOf(html)).toContain('Participant signature');
    }
  });

  it('falls back to English per label, and from a regional tag to its language', () => {
    const fr = labelsFor('fr-CA');
    expect(fr.contents).toBe('Table des matières');
    expect(fr.pageOf).toBe('Page {page} sur {pages}');
    expect(fr.touchLead).toBe(EN.touchLead);
    const html = renderBinder(inputFor(rtt, 'participant', 'fr'));
    expect(html).toContain('Table des matières');
    expect(textOf(html)).toContain(EN.touchLead);
  });

  it('gives every Japanese template the same placeholders as the English one', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, ja] of Object.entries(JA)) expect(names(ja as string), key).toEqual(names(EN[key as keyof typeof EN]));
  });

  it('fills templates: plain values as text, HTML values only through fmtHtml, template text escaped', () => {
    expect(fmt('Version {label} · {status}', { label: '3.2', status: 'draft' })).toBe('Version 3.2 · draft');
    expect(fmt('{missing} stays', {})).toBe('{missing} stays');
    expect(fmtHtml('a < {x} & b', { x: '<strong>1</strong>' })).toBe('a &lt; <strong>1</strong> &amp; b');
  });

  it('escapes document values put into translated labels', () => {
    const hostile = structuredClone(rtt);
    hostile.metadata.versionLabel = '<script>x</script>';
    const html = renderBinder({ ...inputFor(hostile, 'clinical-team', 'ja'), version: { label: '<script>x</script>', status: 'draft' } });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});

describe('cssString', () => {
  it('ends each escape with a space so a following space is kept', () => {
    expect(cssString('型 グ')).toBe('"\\00578b  \\0030b0 "');
  });
});
