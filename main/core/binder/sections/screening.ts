/** Screening as checklists to tick on paper, with instruments, interactions and the suicide-risk path. */
import { esc } from '../html';
import { checklist, humanize, list, md, mdi, num, table, withheldNotices, type SectionRenderer } from '../context';
import type { Screening } from '../../model/protocol';

type Item = { id?: string; code?: string; kind?: string; text?: unknown; rationale?: unknown };

export const screening: SectionRenderer = (ctx) => {
  const s: Screening | undefined = ctx.doc.screening;
  if (!s || typeof s !== 'object') return null;
  const items = (v: unknown, showRationale = false) =>
    list<Item>(v).map((i) => `${mdi(ctx, i.text) || esc(humanize(i.code ?? i.kind ?? i.id))}${showRationale && i.rationale ? `<div class="small muted">${mdi(ctx, i.rationale)}</div>` : ''}`);
  const group = (title: string, lead: string, v: unknown, showRationale = false) => {
    const li = items(v, showRationale);
    return li.length ? `<div class="checkgroup"><h2>${esc(title)}</h2><p class="lead">${esc(lead)}</p>${checklist(li)}</div>` : '';
  };
  const instruments = list<NonNullable<Screening['instruments']>[number]>(s.instruments).map((i) => [
    `<strong>${esc(String(i.instrument ?? ''))}</strong>`,
    esc(humanize(i.use)),
    num(i.cutoff) !== undefined ? `≥ ${i.cutoff}` : '–',
    [
      i.escalation && num(i.escalation.item) !== undefined ? `Item ${i.escalation.item} above ${i.escalation.above}: ${mdi(ctx, i.escalation.action)}` : '',
      mdi(ctx, i.text),
    ].filter(Boolean).join('<br>'),
  ]);
  const interactions = list<{ substance?: unknown; guidance?: unknown }>(s.interactions).map((i) => [`<strong>${mdi(ctx, i.substance)}</strong>`, mdi(ctx, i.guidance)]);
  const html = [
    group('Indications', 'The person is referred for one or more of:', s.indications),
    group('Inclusion', 'All of the following apply:', s.inclusion),
    group('Absolute exclusions', 'If any box is ticked, the person cannot start the programme:', s.exclusions?.absolute, true),
    group('Relative exclusions', 'Review case by case with the medical lead:', s.exclusions?.relative, true),
    group('Required assessments', 'Completed and filed before the first medicine session:', s.assessments),
    instruments.length ? `<h2>Screening instruments</h2>${table(['Instrument', 'Used for', 'Cut-off', 'Escalation'], instruments)}` : '',
    s.suicideRiskEscalation ? `<div class="callout keep-together"><h2>Suicide risk: what to do</h2>${md(ctx, s.suicideRiskEscalation)}</div>` : '',
    interactions.length ? `<h2>Medication and substance interactions</h2>${table(['Substance', 'Guidance'], interactions)}` : '',
    withheldNotices(ctx, 'screening'),
  ].join('');
  return { id: 'screening', title: 'Screening and eligibility', html };
};
