/** Cultural content: framing, then each block with its keepers, TK labels, origin, review state and text (or placeholder). */
import { esc } from '../html';
import { facts, humanize, isWithheld, list, md, named, plain, str, stubNotice, text, type RenderContext, type SectionRenderer } from '../context';
import type { CulturalBlock, Governance } from '../../model/protocol';
import { fmt, type BinderLabels } from '../labels/index';
import { tkLabel } from '../../review/tk-labels';

const SHARING_NAMES: Record<string, keyof BinderLabels> = {
  open: 'sharingOpen',
  program_team: 'sharingProgramTeam',
  community_only: 'sharingCommunityOnly',
  secret_sacred: 'sharingSecretSacred',
};

/** Keepers, labels, origin and Elder review of one governed section. */
export function governanceFacts(ctx: RenderContext, g: Partial<Governance> | undefined): string {
  if (!g || typeof g !== 'object') return '';
  const { t } = ctx;
  const keepers = list<{ name?: string; nation?: string; community?: string; role?: string }>(g.keepers)
    .map((k) => esc([str(k.name), [str(k.community), str(k.nation)].filter(Boolean).join(', '), str(k.role) && named(ctx, k.role).toLowerCase()].filter(Boolean).join(' — ')))
    .join('<br>');
  const labels = list<{ label?: string; text?: unknown }>(g.labels)
    .map((l) => `<span class="tk">${esc(tkLabel(String(l.label))?.name ?? humanize(l.label))}</span>${text(ctx, l.text) ? ` ${plain(ctx, l.text)}` : ''}`)
    .join('<br>');
  const o = g.origin;
  const origin = o && typeof o === 'object'
    ? esc([str(o.community), str(o.nation), str(o.territory) && fmt(t.territory, { territory: o.territory! }), str(o.givenOn) && fmt(t.givenOn, { date: o.givenOn! })].filter(Boolean).join(', ')) +
      (o.conditions ? `<br>${plain(ctx, o.conditions)}` : '')
    : undefined;
  const er = g.elderReview;
  const review = er && typeof er === 'object'
    ? esc([named(ctx, er.status), str(er.reviewer) && fmt(t.reviewBy, { name: er.reviewer! }), str(er.date) && fmt(t.reviewOn, { date: er.date! }), str(er.expires) && fmt(t.reviewUntil, { date: er.expires! })].filter(Boolean).join(' ')) +
      (er.conditions ? `<br>${plain(ctx, er.conditions)}` : '')
    : g.reviewRequired === true ? esc(t.elderReviewRequired) : undefined;
  const sharing = Object.hasOwn(SHARING_NAMES, String(g.sharing)) ? t[SHARING_NAMES[String(g.sharing)]!] : humanize(g.sharing);
  return facts([
    [t.keepers, keepers || undefined],
    [t.sharing, str(g.sharing) && esc(sharing)],
    [t.labels, labels || undefined],
    [t.origin, origin || undefined],
    [t.elderReview, review],
  ]);
}

function block(ctx: RenderContext, b: CulturalBlock): string {
  const body = isWithheld(b) || !b.text
    ? `<p class="placeholder">${plain(ctx, b.placeholder) || esc(ctx.t.sharedInPerson)}</p>${stubNotice(ctx, b)}`
    : md(ctx, b.text);
  return `<article class="card cultural-block"><header><span class="kind">${esc(named(ctx, b.type))}</span><h2>${plain(ctx, b.title)}</h2></header>${governanceFacts(ctx, b.governance)}${body}</article>`;
}

export const cultural: SectionRenderer = (ctx) => {
  const c = ctx.doc.cultural;
  if (!c || typeof c !== 'object') return null;
  const blocks = list<CulturalBlock>(c.blocks);
  const policies = list<{ text?: unknown }>(c.facilityPolicies);
  const html = [
    md(ctx, c.framing),
    blocks.map((b) => block(ctx, b)).join(''),
    policies.length ? `<h2>${esc(ctx.t.facilityPolicies)}</h2><ul>${policies.map((p) => `<li>${md(ctx, p.text)}</li>`).join('')}</ul>` : '',
  ].join('');
  return { id: 'cultural', title: ctx.t.culturalTitle, html };
};
