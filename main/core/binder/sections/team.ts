/** The team: roles and responsibilities; and, for Elder review, the protocols agreed with Elders and Knowledge Keepers. */
import { esc } from '../html';
import { facts, humanize, isWithheld, named, list, md, mdi, num, plain, str, table, withheldNotices, type RenderContext, type SectionRenderer } from '../context';
import type { TeamRole } from '../../model/protocol';
import { fmt, fmtHtml, term } from '../labels/index';

const roleTitle = (ctx: RenderContext, r: TeamRole): string => plain(ctx, r.title) || esc(named(ctx, r.role));

export const team: SectionRenderer = (ctx) => {
  const roles = list<TeamRole>(ctx.doc.team).filter((r) => !isWithheld(r));
  if (!roles.length && !withheldNotices(ctx, 'team')) return null;
  const { t } = ctx;
  const rows = roles.map((r) => [
    `<strong>${roleTitle(ctx, r)}</strong>${str(r.name) ? `<br>${esc(r.name)}` : ''}${r.credentials ? `<br><span class="muted">${plain(ctx, r.credentials)}</span>` : ''}`,
    mdi(ctx, r.responsibilities),
    esc([r.inSession ? t.inSession : '', r.optional ? t.optional : ''].filter(Boolean).join(', ')),
  ]);
  return {
    id: 'team',
    title: t.teamTitle,
    html: table([t.role, t.responsibilities, t.notes], rows, 'team') + withheldNotices(ctx, 'team') + elderProtocolList(ctx, roles),
  };
};

/** Offering, honorarium, helpers, travel: what was agreed with an Elder or Knowledge Keeper (CULT-04). */
function protocolFacts(ctx: RenderContext, r: TeamRole): string {
  const p = r.protocol;
  if (!p || typeof p !== 'object') return '';
  const { t } = ctx;
  const rate =
    p.rate && num(p.rate.amount) !== undefined
      ? fmt(t.ratePer, { amount: p.rate.amount, currency: str(p.rate.currency) ?? '', per: term(t, String(p.rate.per ?? ''), humanize(p.rate.per).toLowerCase()) })
      : undefined;
  return facts([
    [t.request, p.request ? mdi(ctx, p.request) : undefined],
    [t.offering, p.offering ? mdi(ctx, p.offering) : undefined],
    [t.honorarium, p.honorarium ? mdi(ctx, p.honorarium) : undefined],
    [t.rate, rate && esc(rate)],
    [t.helpers, p.helpers ? mdi(ctx, p.helpers) : undefined],
    [t.travel, p.travel ? mdi(ctx, p.travel) : undefined],
  ]);
}

function elderProtocolList(ctx: RenderContext, roles: TeamRole[]): string {
  return roles
    .map((r) => [r, protocolFacts(ctx, r)] as const)
    .filter(([, f]) => f)
    .map(([r, f]) => `<div class="keep-together"><h2>${fmtHtml(ctx.t.protocolWith, { role: roleTitle(ctx, r) })}</h2>${f}</div>`)
    .join('');
}

/** Elder review: the Elder and Knowledge Keeper roles with the protocols agreed for them. */
export const elderProtocols: SectionRenderer = (ctx) => {
  const roles = list<TeamRole>(ctx.doc.team).filter((r) => !isWithheld(r) && ['elder', 'knowledge_keeper'].includes(String(r.role)));
  if (!roles.length) return null;
  const html = roles
    .map(
      (r) =>
        `<div class="card keep-together"><h2>${roleTitle(ctx, r)}</h2>${md(ctx, r.responsibilities)}${protocolFacts(ctx, r)}</div>`,
    )
    .join('');
  return { id: 'elder-protocols', title: ctx.t.elderProtocolsTitle, html };
};
