/** Screening as checklists to tick on paper, with instruments, interactions and the suicide-risk path. */
import { esc } from '../html';
import { checklist, list, named, md, mdi, num, table, withheldNotices, type SectionRenderer } from '../context';
import type { Screening } from '../../model/protocol';
import { fmt, fmtHtml } from '../labels/index';

type Item = { id?: string; code?: string; kind?: string; text?: unknown; rationale?: unknown };

export const screening: SectionRenderer = (ctx) => {
  const s: Screening | undefined = ctx.doc.screening;
  if (!s || typeof s !== 'object') return null;
  const { t } = ctx;
  const items = (v: unknown, showRationale = false) =>
    list<Item>(v).map((i) => `${mdi(ctx, i.text) || esc(named(ctx, i.code ?? i.kind ?? i.id))}${showRationale && i.rationale ? `<div class="small muted">${mdi(ctx, i.rationale)}</div>` : ''}`);
  const group = (title: string, lead: string, v: unknown, showRationale = false) => {
    const li = items(v, showRationale);
    return li.length ? `<div class="checkgroup"><h2>${esc(title)}</h2><p class="lead">${esc(lead)}</p>${checklist(li)}</div>` : '';
  };
  const instruments = list<NonNullable<Screening['instruments']>[number]>(s.instruments).map((i) => [
    `<strong>${esc(String(i.instrument ?? ''))}</strong>`,
    esc(named(ctx, i.use)),
    num(i.cutoff) !== undefined ? esc(fmt(ctx.t.cutoffAtLeast, { n: i.cutoff! })) : '–',
    [
      i.escalation && num(i.escalation.item) !== undefined ? `${fmtHtml(t.itemAbove, { item: esc(i.escalation.item), above: esc(i.escalation.above) })} ${mdi(ctx, i.escalation.action)}` : '',
      mdi(ctx, i.text),
    ].filter(Boolean).join('<br>'),
  ]);
  const interactions = list<{ substance?: unknown; guidance?: unknown }>(s.interactions).map((i) => [`<strong>${mdi(ctx, i.substance)}</strong>`, mdi(ctx, i.guidance)]);
  const html = [
    group(t.indications, t.indicationsLead, s.indications),
    group(t.inclusion, t.inclusionLead, s.inclusion),
    group(t.absoluteExclusions, t.absoluteExclusionsLead, s.exclusions?.absolute, true),
    group(t.relativeExclusions, t.relativeExclusionsLead, s.exclusions?.relative, true),
    group(t.assessments, t.assessmentsLead, s.assessments),
    instruments.length ? `<h2>${esc(t.instruments)}</h2>${table([t.instrument, t.usedFor, t.cutoff, t.escalation], instruments)}` : '',
    s.suicideRiskEscalation ? `<div class="callout keep-together"><h2>${esc(t.suicideRisk)}</h2>${md(ctx, s.suicideRiskEscalation)}</div>` : '',
    interactions.length ? `<h2>${esc(t.interactions)}</h2>${table([t.substance, t.guidance], interactions)}` : '',
    withheldNotices(ctx, 'screening'),
  ].join('');
  return { id: 'screening', title: t.screeningTitle, html };
};
