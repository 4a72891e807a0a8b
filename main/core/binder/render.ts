/**
 * `renderBinder`: one self-contained print-HTML document for a protocol, a profile and a language. The
 * same HTML serves the in-app preview and both PDF paths (playwright and Electron printToPDF).
 * Nothing in it can run or fetch: a CSP meta forbids scripts and remote loads, and every document value
 * is escaped or passed through the restricted markdown renderer.
 */
import { textIn, type LocalizedText } from '../model/localized';
import type { ProtocolDocument } from '../model/protocol';
import { str, type RenderContext, type RenderedSection } from './context';
import { anchorId, esc } from './html';
import { PROFILE_NAMES, profileByName, type BinderProfile } from './profiles';
import { redactForAudience } from '../review';
import { SECTION_RENDERERS } from './sections/index';
import { printCss } from './styles';
import type { BinderInput } from './types';

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
  };
  const sections = profile.sections.flatMap((kind) => {
    const s = SECTION_RENDERERS[kind](ctx);
    return s ? [{ ...s, id: anchorId('sec', s.id) }] : [];
  });
  return { ctx, sections };
}

function cover(ctx: RenderContext, title: string): string {
  const { input, profile, doc } = ctx;
  const v = input.version;
  const site = doc.metadata?.site;
  const rows: [string, string | undefined][] = [
    ['Site', str(site?.name) && [site?.name, str(site?.jurisdiction)].filter(Boolean).join(', ')],
    ['Version', `${v.label}${v.number !== undefined ? ` (workspace version ${v.number})` : ''}`],
    ['Status', v.status.replace(/_/g, ' ')],
    ['QI cycle', v.qiCycle !== undefined ? String(v.qiCycle) : undefined],
    ['Committed', v.committedAt ? `${v.committedAt.slice(0, 10)}${v.author ? ` by ${v.author}` : ''}` : undefined],
    ['Printed', input.generatedAt.slice(0, 10)],
    ['Language', input.lang],
  ];
  return `<section class="cover">
<div class="band"><div class="eyebrow">${esc(profile.title)}</div><div class="title">${esc(title)}</div><div class="subtitle">${esc(profile.description)}</div></div>
<dl>${rows.filter(([, x]) => x).map(([k, x]) => `<dt>${esc(k)}</dt><dd>${esc(x)}</dd>`).join('')}</dl>
<div class="foot">Printed for the audience “${esc(profile.audience.replace(/_/g, ' '))}”. Content that is not cleared for this audience is left out and named, with whom to ask. Check that this is the current version before use.</div>
</section>`;
}

function contents(sections: RenderedSection[], tocPages: Record<string, number> | undefined): string {
  const items = sections
    .map(
      (s, i) =>
        `<li><a href="#${s.id}"><span class="n">${i + 1}</span><span class="t">${esc(s.title)}</span><span class="dots"></span><span class="pg">${
          tocPages?.[s.id] ?? ''
        }</span></a></li>`,
    )
    .join('');
  return `<nav class="toc" aria-labelledby="toc-title"><h1 id="toc-title">Contents</h1><ol>${items}</ol></nav>`;
}

export function renderBinder(input: BinderInput): string {
  const { ctx, sections } = renderSections(input);
  const title = textIn(ctx.doc.metadata?.title as LocalizedText | undefined, ctx.lang, ctx.fallbacks) || 'Untitled protocol';
  const v = input.version;
  const stamp = {
    left: truncate(title, 70),
    right: `Version ${truncate(v.label, 30)} · ${v.status.replace(/_/g, ' ')}`,
    footerLeft: `${ctx.profile.title} · printed ${input.generatedAt.slice(0, 10)}`,
  };
  const body = sections.map((s) => `<section class="major" id="${s.id}"><h1>${esc(s.title)}</h1>${s.html}</section>`).join('\n');
  return `<!doctype html>
<html lang="${esc(input.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${BINDER_CSP}">
<meta name="referrer" content="no-referrer">
<title>${esc(title)} — ${esc(ctx.profile.title)} — version ${esc(v.label)}</title>
<style>${(input.fontCss ?? '').replace(/<\//g, '<\\/')}${printCss(stamp, input.paper ?? 'letter')}</style>
</head>
<body>
${cover(ctx, title)}
${contents(sections, input.tocPages)}
${body}
</body>
</html>
`;
}
