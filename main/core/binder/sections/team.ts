/** The team: roles and responsibilities; and, for Elder review, the protocols agreed with Elders and Knowledge Keepers. */
import { esc } from '../html';
import { facts, humanize, isWithheld, list, md, mdi, num, plain, str, table, withheldNotices, type RenderContext, type SectionRenderer } from '../context';
import type { TeamRole } from '../../model/protocol';

const roleTitle = (ctx: RenderContext, r: TeamRole): string => plain(ctx, r.title) || esc(humanize(r.role));

export const team: SectionRenderer = (ctx) => {
  const roles = list<TeamRole>(ctx.doc.team).filter((r) => !isWithheld(r));
  if (!roles.length && !withheldNotices(ctx, 'team')) return null;
  const rows = roles.map((r) => [
    `<strong>${roleTitle(ctx, r)}</strong>${str(r.name) ? `<br>${esc(r.name)}` : ''}${r.credentials ? `<br><span class="muted">${plain(ctx, r.credentials)}</span>` : ''}`,
    mdi(ctx, r.responsibilities),
    [r.inSession ? 'In session' : '', r.optional ? 'Optional' : ''].filter(Boolean).join(', '),
  ]);
  return {
    id: 'team',
    title: 'The team',
    html: table(['Role', 'Responsibilities', 'Notes'], rows, 'team') + withheldNotices(ctx, 'team') + elderProtocolList(ctx, roles),
  };
};

/** Offering, honorarium, helpers, travel: what was agreed with an Elder or Knowledge Keeper (CULT-04). */
function protocolFacts(ctx: RenderContext, r: TeamRole): string {
  const p = r.protocol;
  if (!p || typeof p !== 'object') return '';
  const rate = p.rate && num(p.rate.amount) !== undefined ? `${p.rate.amount} ${str(p.rate.currency) ?? ''} per ${humanize(p.rate.per).toLowerCase()}` : undefined;
  return facts([
    ['Request', p.request ? mdi(ctx, p.request) : undefined],
    ['Offering', p.offering ? mdi(ctx, p.offering) : undefined],
    ['Honorarium', p.honorarium ? mdi(ctx, p.honorarium) : undefined],
    ['Rate', rate && esc(rate)],
    ['Helpers', p.helpers ? mdi(ctx, p.helpers) : undefined],
    ['Travel', p.travel ? mdi(ctx, p.travel) : undefined],
  ]);
}

function elderProtocolList(ctx: RenderContext, roles: TeamRole[]): string {
  return roles
    .map((r) => [r, protocolFacts(ctx, r)] as const)
    .filter(([, f]) => f)
    .map(([r, f]) => `<div class="keep-together"><h2>Protocol with ${roleTitle(ctx, r)}</h2>${f}</div>`)
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
  return { id: 'elder-protocols', title: 'Elders and Knowledge Keepers in the programme', html };
};
