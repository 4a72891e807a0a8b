/**
 * The studio's own words on a page (its chrome), for checking that a chosen language reaches all of it: leaf
 * texts, and the aria-label, title and placeholder of every element, outside what the user or the protocol wrote.
 */
import type { Page } from 'playwright-core';
import en from '../../renderer/src/i18n/en.json';
import ja from '../../renderer/src/i18n/ja.json';

/**
 * Where the words are the protocol's, the user's or main's, not the studio's chrome: the editor and previews,
 * the outline of the document, section text and facts in review, rule names and help, reference values,
 * change summaries and the product's name.
 */
export const CONTENT = [
  '.brand',
  '.monaco-editor',
  '.monaco-diff-editor',
  'iframe',
  '.preview',
  '.outline',
  '.workspace-path',
  'select[name="uiLanguage"]',
  '.rule-label',
  'select[name="template"]',
  '.template-description',
  '.rule-settings-bundled',
  '.summary',
  '.review-card .document',
  '.review-card .card-head h3',
  '.review-card .facts',
  '.review-card .governance dd',
  '.review-card .state-line',
  '.review-group .group-title',
  '.site-field .field-item',
  '.site-list li summary',
  '.site-list li > span',
].join(', ');

/** Every string the page shows or announces outside `CONTENT`, trimmed, once each. */
export async function chromeTexts(page: Page, content = CONTENT): Promise<string[]> {
  return page.evaluate((skip) => {
    const out = new Set<string>();
    const visible = (el: Element) => !el.closest(skip) && !el.closest('[hidden], dialog:not([open])');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (text && el && visible(el) && !['SCRIPT', 'STYLE'].includes(el.tagName)) out.add(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!visible(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.add(v);
      }
    }
    return [...out];
  }, content);
}

type Tree = { [k: string]: string | Tree };

function leaves(t: Tree, prefix = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A count is a number; any other value may be anything. */
const toPattern = (piece: string) =>
  piece === '{{count}}' ? '[\\d.,]+' : /^\{\{\w+\}\}$/.test(piece) ? '.+' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The English UI strings that Japanese words differently, as patterns: interpolations match anything, and the
 * <tags> of a rich sentence are dropped (a leaf text holds the words between them). Plural forms of a key are
 * compared with the Japanese `_other`.
 */
export function englishOnlyPatterns(): { key: string; pattern: RegExp }[] {
  const jaByKey = new Map(leaves(ja as Tree));
  return leaves(en as Tree)
    .filter(([key, value]) => {
      const other = jaByKey.get(key) ?? jaByKey.get(key.replace(PLURAL, '_other'));
      return other !== undefined && other !== value;
    })
    .flatMap(([key, value]) =>
      value
        .split(/<\/?\w+>/)
        .map((part) => part.trim())
        .filter((part) => /[A-Za-z]{2,}/.test(part.replace(/\{\{\w+\}\}/g, '')))
        .map((part) => ({
          key,
          pattern: new RegExp(`^${part.split(/(\{\{\w+\}\})/).map(toPattern).join('')}$`, 's'),
        })),
    );
}

/** The page's chrome strings that are an English UI string, each with the key it came from. */
export function untranslated(texts: string[]): string[] {
  const patterns = englishOnlyPatterns();
  return texts.flatMap((text) => patterns.filter((p) => p.pattern.test(text)).map((p) => `${p.key}: “${text}”`));
}

/**
 * Strings with no Japanese in them that read as English words, apart from the data named in `data` (titles,
 * names, messages the test wrote): catches a sentence the code still hard-codes, which en.json does not know.
 */
export function englishLooking(texts: string[], data: (string | RegExp)[]): string[] {
  const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/u;
  return texts.filter(
    (t) => !japanese.test(t) && /\b[A-Za-z][a-z]{2,}\b/.test(t) && !data.some((d) => (typeof d === 'string' ? t.includes(d) : d.test(t))),
  );
}
