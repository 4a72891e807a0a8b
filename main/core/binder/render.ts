/**
 * `renderBinder`: one self-contained print-HTML document for a protocol, a profile and a language. The
 * same HTML serves the in-app preview and both PDF paths (playwright and Electron printToPDF).
 * Nothing in it can run or fetch: a CSP meta forbids scripts and remote loads, and every document value
 * is escaped or passed through the restricted markdown renderer.
 */
import { textIn, type LocalizedText } from '../model/localized';
import type { ProtocolDocument } from '../model/protocol';
import { languageCoverage } from '../model/language-coverage';
import { languageLabel } from '../model/language-name';
import { firstLanguage, translationStates } from '../model/translations';
import { labelFor } from '../diff/labels';
import type { PathSegment } from '../diagnostics/diagnostic';
import { str, type RenderContext, type RenderedSection } from './context';
import { anchorId, esc } from './html';
import { PROFILE_NAMES, profileByName, type BinderProfile } from './profiles';
import { redactForAudience } from '../review';
import { SECTION_RENDERERS } from './sections/index';
import { printCss } from './styles';
import type { BinderInput } from './types';
import { fmt, labelsFor, term } from './labels/index';

/** Forbids scripts, frames, objects and any network load; fonts and images only from data: URLs. */
export const BINDER_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

export function resolveProfile(profile: BinderInput['profile']): BinderProfile {
  if (typeof profile !== 'string') return profile;
  const found = profileByName(profile);
  if (!found) throw new Error(`Unknown binder profile "${profile}". Choose one of: ${PROFILE_NAMES.join(', ')}.`);
  return found;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The sections a profile prints for this document, in order, with their anchor ids and titles. */
export function renderSections(input: BinderInput): { ctx: RenderContext; sections: RenderedSection[] } {
  const profile = resolveProfile(input.profile);
  const raw = isObj(input.value) ? input.value : {};
  const { value, withheld } = redactForAudience(raw, profile.audience, input.lang);
  const languages = isObj(raw.metadata) && Array.isArray(raw.metadata.languages) ? raw.metadata.languages.filter((l): l is string => typeof l === 'string') : [];
  const ctx: RenderContext = {
    doc: value as Partial<ProtocolDocument>,
    lang: input.lang,
    fallbacks: [...languages, 'en'],
    profile,
    input,
    withheld,
    t: labelsFor(input.lang),
  };
  const sections = profile.sections.flatMap((kind) => {
    const s = SECTION_RENDERERS[kind](ctx);
    return s ? [{ ...s, id: anchorId('sec', s.id) }] : [];
  });
  return { ctx, sections };
}

/** Profile title and description in the binder's language (bundled profiles are named in the label tables). */
function profileWords(ctx: RenderContext): { title: string; description: string } {
  const { t, profile } = ctx;
  return { title: term(t, `profile.${profile.name}.title`, profile.title), description: term(t, `profile.${profile.name}.description`, profile.description) };
}

const statusName = (ctx: RenderContext, status: string) => term(ctx.t, status, status.replace(/_/g, ' '));

/** Said on the cover when the protocol's text lacks the binder's language (wholly or in part), or its translation may be out of date. */
function languageNotice(ctx: RenderContext): string {
  const { total, missing } = languageCoverage(ctx.input.value, ctx.lang);
  const fallback = ctx.fallbacks.find((l) => l !== ctx.lang) ?? ctx.fallbacks[0] ?? 'en';
  const params = { lang: languageLabel(ctx.lang, ctx.lang), fallback: languageLabel(fallback, ctx.lang), missing, total };
  const coverage = missing === 0 || total === 0 ? '' : `<p class="language-notice" role="note">${esc(fmt(missing === total ? ctx.t.languageMissing : ctx.t.languagePartial, params))}</p>`;
  // Named from the redacted document: a place withheld from this audience is not named.
  const stale = translationStates(ctx.doc).filter((s) => s.state === 'stale' && s.lang === ctx.lang);
  if (stale.length === 0) return coverage;
  const where = stale.map((s) => placeName(ctx.doc, s.path.slice(0, -1))).join('; ');
  const source = languageLabel(firstLanguage(ctx.input.value), ctx.lang);
  return `${coverage}<p class="language-notice" role="note">${esc(fmt(ctx.t.translationsStale, { lang: languageLabel(ctx.lang, ctx.lang), source, where }))}</p>`;
}

/** "Consent section Touch › Text": schema titles and item names along a path, never the path itself. */
function placeName(doc: unknown, path: PathSegment[]): string {
  const valueAt = (depth: number): unknown => path.slice(0, depth + 1).reduce<unknown>((n, seg) => (n !== null && typeof n === 'object' ? (n as Record<string | number, unknown>)[seg] : undefined), doc);
  return labelFor(path, valueAt, (depth) => (depth > 0 ? valueAt(depth - 1) : undefined));
}


function cover(ctx: RenderContext, title: string): string {
  const { input, profile, doc, t } = ctx;
  const v = input.version;
  const site = doc.metadata?.site;
  const words = profileWords(ctx);
  const rows: [string, string | undefined][] = [
    [t.site, str(site?.name) && [site?.name, str(site?.jurisdiction)].filter(Boolean).join(', ')],
    [t.version, v.number !== undefined ? fmt(t.workspaceVersion, { label: v.label, number: v.number }) : v.label],
    [t.status, statusName(ctx, v.status)],
    [t.qiCycle, v.qiCycle !== undefined ? String(v.qiCycle) : undefined],
    [t.committed, v.committedAt ? (v.author ? fmt(t.committedBy, { date: v.committedAt.slice(0, 10), author: v.author }) : v.committedAt.slice(0, 10)) : undefined],
    [t.printed, input.generatedAt.slice(0, 10)],
    [t.language, input.lang],
  ];
  const audience = term(t, profile.audience, profile.audience.replace(/_/g, ' '));
  return `<section class="cover">${languageNotice(ctx)}
<div class="band"><div class="eyebrow">${esc(words.title)}</div><div class="title">${esc(title)}</div><div class="subtitle">${esc(words.description)}</div></div>
<dl>${rows.filter(([, x]) => x).map(([k, x]) => `<dt>${esc(k)}</dt><dd>${esc(x)}</dd>`).join('')}</dl>
<div class="foot">${esc(fmt(t.coverFoot, { audience }))}</div>
</section>`;
}

function contents(ctx: RenderContext, sections: RenderedSection[], tocPages: Record<string, number> | undefined): string {
  // `data-toc-for` lets the print layer fill the numbers into a loaded page (main/pdf/toc.ts) as well as here.
  const items = sections
    .map(
      (s, i) =>
        `<li><a href="#${s.id}"><span class="n">${i + 1}</span><span class="t">${esc(s.title)}</span><span class="dots"></span><span class="pg" data-toc-for="${s.id}">${
          tocPages?.[s.id] ?? ''
        }</span></a></li>`,
    )
    .join('');
  return `<nav class="toc" aria-labelledby="toc-title"><h1 id="toc-title">${esc(ctx.t.contents)}</h1><ol>${items}</ol></nav>`;
}

/** A binder whose sections are rendered once; the page numbers and fonts are put in per print pass. */
export interface PreparedBinder {
  ctx: RenderContext;
  sections: RenderedSection[];
  /** The whole HTML document with these contents page numbers and `@font-face` rules. */
  html(tocPages?: Record<string, number>, fontCss?: string): string;
}

/**
 * The page-stamp text once more, laid out but never painted, in the margin boxes' font and weights. Chromium
 * loads a web-font subset only for text it lays out in the page, not for @page margin boxes: a header
 * character found nowhere else in that weight (a kanji of the title) would print as a missing-glyph box.
 */
function stampGlyphs(stamp: { left: string; right: string; footerLeft: string; pageOf: string }): string {
  const digits = '0123456789';
  return `<div class="stamp-glyphs" aria-hidden="true"><span>${esc(`${stamp.left} ${stamp.footerLeft} ${stamp.pageOf} ${digits}`)}</span><span class="strong">${esc(stamp.right)}</span></div>\n`;
}

export function prepareBinder(input: BinderInput): PreparedBinder {
  const { ctx, sections } = renderSections(input);
  const { t } = ctx;
  const title = textIn(ctx.doc.metadata?.title as LocalizedText | undefined, ctx.lang, ctx.fallbacks) || t.untitled;
  const v = input.version;
  const profileTitle = profileWords(ctx).title;
  const stamp = {
    left: truncate(title, 70),
    right: fmt(t.stampVersion, { label: truncate(v.label, 30), status: statusName(ctx, v.status) }),
    footerLeft: fmt(t.stampPrinted, { profile: profileTitle, date: input.generatedAt.slice(0, 10) }),
    pageOf: t.pageOf,
  };
  const head = `<!doctype html>
<html lang="${esc(input.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${BINDER_CSP}">
<meta name="referrer" content="no-referrer">
<title>${esc(fmt(t.documentTitle, { title, profile: profileTitle, label: v.label }))}</title>
<style>`;
  const css = printCss(stamp, input.paper ?? 'letter');
  const front = `</style>
</head>
<body>
${stampGlyphs(stamp)}${cover(ctx, title)}
`;
  const body = `
${sections.map((s) => `<section class="major" id="${s.id}"><h1>${esc(s.title)}</h1>${s.html}</section>`).join('\n')}
</body>
</html>
`;
  return {
    ctx,
    sections,
    html: (tocPages, fontCss = '') => head + fontCss.replace(/<\//g, '<\\/') + css + front + contents(ctx, sections, tocPages) + body,
  };
}

export function renderBinder(input: BinderInput): string {
  return prepareBinder(input).html(input.tocPages, input.fontCss);
}
