/** What every section renderer gets, and the small helpers they share for turning document values into safe HTML. */
import { textIn, type LocalizedText } from '../model/localized';
import { withAbbreviations } from '../model/words';
import { schemaTitlesAlong } from '../model/schema-info';
import type { ProtocolDocument } from '../model/protocol';
import { esc } from './html';
import { markdownBlock, markdownInline } from './markdown';
import type { BinderProfile } from './profiles';
import type { WithheldSection } from '../review';
import type { BinderInput } from './types';
import { fmt, term, type Labels } from './labels/index';

export interface RenderContext {
  /** The redacted document. Values may be schema-invalid: read through `list`/`text`. */
  doc: Partial<ProtocolDocument>;
  lang: string;
  fallbacks: string[];
  profile: BinderProfile;
  input: BinderInput;
  withheld: WithheldSection[];
  /** The binder's own words in `lang` (English fallback). */
  t: Labels;
}

export interface RenderedSection {
  id: string;
  title: string;
  html: string;
}

export type SectionRenderer = (ctx: RenderContext) => RenderedSection | null;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The objects of a list field, ignoring anything that is not an object (schema-invalid input). */
export function list<T>(v: readonly T[] | undefined | unknown): T[] {
  return Array.isArray(v) ? (v.filter(isObj) as T[]) : [];
}

/** Plain-text value of a localized, string or number field. */
export function text(ctx: RenderContext, v: LocalizedText | number | boolean | undefined | unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string' || isObj(v)) return textIn(v as LocalizedText, ctx.lang, ctx.fallbacks);
  return '';
}

/** Escaped plain text. */
export const plain = (ctx: RenderContext, v: unknown): string => esc(text(ctx, v));
/** Localized markdown as paragraphs. */
export const md = (ctx: RenderContext, v: unknown): string => markdownBlock(text(ctx, v));
/** Localized markdown inline (cells, list items). */
export const mdi = (ctx: RenderContext, v: unknown): string => markdownInline(text(ctx, v));

/** `large_group` → `Large group`, `bp_cuff` → `BP cuff` (abbreviations as clinicians write them). */
export function humanize(code: unknown): string {
  const s = String(code ?? '').replace(/_/g, ' ').trim();
  return withAbbreviations(s.charAt(0).toUpperCase() + s.slice(1));
}

/** A definition list of the facts that are present, or '' when none are. */
export function facts(rows: [string, string | undefined][]): string {
  const present = rows.filter(([, v]) => v !== undefined && v !== '');
  if (!present.length) return '';
  return `<dl class="facts">${present.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

/** A table with a repeating header row. Cells are already-safe HTML. */
export function table(head: string[], rows: string[][], cls = ''): string {
  if (!rows.length) return '';
  return `<table class="${esc(cls)}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/**
 * An empty box to tick on paper, drawn by CSS: the ballot-box character is in none of the bundled fonts, and a
 * system fallback font (or a missing-glyph box) must not decide what a consent form looks like.
 */
export const TICK_BOX = '<span class="box" aria-hidden="true"></span>';

/** A checklist of safe-HTML items with empty boxes to tick on paper. */
export function checklist(items: string[]): string {
  if (!items.length) return '';
  return `<ul class="checklist">${items.map((i) => `<li>${TICK_BOX}<span>${i}</span></li>`).join('')}</ul>`;
}

/** A withheld section's name for print: its own title, else what the schema calls it ("Ceremony element"), never a path. */
function withheldTitle(w: WithheldSection): string {
  if (w.title !== w.key) return w.title;
  const titles = schemaTitlesAlong(w.path).filter((x): x is string => !!x);
  return titles[titles.length - 1] ?? 'A section';
}

/** Notices for the withheld sections under `prefix` (e.g. `cultural.blocks`): what is missing and whom to ask. */
export function withheldNotices(ctx: RenderContext, prefix: string): string {
  const { t } = ctx;
  const hits = ctx.withheld.filter((w) => w.key === prefix || w.key.startsWith(prefix + '.') || w.key.startsWith(prefix + '['));
  return hits
    .map(
      (w) =>
        `<aside class="withheld"><strong>${esc(fmt(t.withheldTitled, { title: withheldTitle(w) }))}</strong> — ${esc(fmt(t.withheldReason, { reason: w.reason }))}${
          w.keepers.length ? ` ${esc(fmt(t.withheldKeepers, { keepers: w.keepers.join('; ') }))}` : ''
        } ${esc(fmt(t.askWhom, { whom: w.askWhom }))}${labelNotes(w.labelNotes)}</aside>`,
    )
    .join('');
}

/** True when a list item was replaced by a redaction stub (which carries `withheld: {askWhom, reason}`). */
export const isWithheld = (v: unknown): boolean => isObj(v) && isObj(v.withheld);

/** The reason and whom to ask, from a redaction stub. */
export function stubNotice(ctx: RenderContext, v: unknown): string {
  if (!isObj(v) || !isObj(v.withheld)) return '';
  const { reason, askWhom, labels } = v.withheld;
  const notes = Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : [];
  return `<aside class="withheld">${esc(fmt(ctx.t.withheldShort, { reason: String(reason ?? '') }))} ${esc(fmt(ctx.t.askWhom, { whom: String(askWhom ?? ctx.t.programmeLead) }))}${labelNotes(notes)}</aside>`;
}

/** TK labels that restrict use, in plain words beside a placeholder (the disclosure policy lists them). */
function labelNotes(notes: readonly string[] | undefined): string {
  return notes?.length ? ` <span class="tk-labels">${notes.map(esc).join(' · ')}</span>` : '';
}

/** A code in words: its name in the binder's language when the table has one, else `large_group` → `Large group`. */
export const named = (ctx: RenderContext, code: unknown): string => term(ctx.t, String(code ?? ''), humanize(code));

/** A non-empty string, or undefined for anything else (schema-invalid input). */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** A finite number, or undefined. */
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** `min–max` of a range object, or undefined. */
export function span(r: unknown, unit = ''): string | undefined {
  if (!isObj(r)) return undefined;
  const min = num(r.min);
  const max = num(r.max);
  return min !== undefined && max !== undefined ? `${min}–${max}${unit}` : undefined;
}
