/**
 * The binder's own words (headings, table heads, form labels, the page stamp) in the binder's language.
 * One table per language; anything a table lacks falls back to English. Document text is not touched here.
 */
import { esc } from '../html';
import { EN, type BinderLabels } from './en';
import { FR, FR_TERMS } from './fr';
import { JA, JA_TERMS } from './ja';

export type { BinderLabels };

export interface Labels extends BinderLabels {
  /** Names of codes and fixed English names (statuses, audiences, profiles, sign-off roles), by code or English name. */
  terms: Readonly<Record<string, string>>;
}

const TABLES: Record<string, { labels: Partial<BinderLabels>; terms: Record<string, string> }> = {
  ja: { labels: JA, terms: JA_TERMS },
  fr: { labels: FR, terms: FR_TERMS },
};

/** Labels for a BCP-47 tag: the exact tag's table, else its primary language's (`fr-CA` → `fr`), else English. */
export function labelsFor(lang: string): Labels {
  const primary = lang.split('-')[0]!.toLowerCase();
  const table = Object.hasOwn(TABLES, lang) ? TABLES[lang] : Object.hasOwn(TABLES, primary) ? TABLES[primary] : undefined;
  return { ...EN, ...table?.labels, terms: table?.terms ?? {} };
}

/** Puts `{name}` values into a template (plain text in, plain text out). */
export function fmt(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** Like `fmt`, for HTML: the template is escaped, the values are already-safe HTML. */
export function fmtHtml(template: string, params: Record<string, string>): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && Object.hasOwn(params, name) ? params[name]! : esc(part);
    })
    .join('');
}

/** The name of a code or fixed English name in this language, else `fallback`. */
export function term(t: Labels, key: string, fallback: string): string {
  return Object.hasOwn(t.terms, key) ? t.terms[key]! : fallback;
}
