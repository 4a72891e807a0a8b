/** Programme overview: what the programme is, its format, and (for adaptations) what it is based on. */
import { esc } from '../html';
import { facts, humanize, list, md, num, plain, span, str, text, type SectionRenderer } from '../context';

export const overview: SectionRenderer = (ctx) => {
  const m = ctx.doc.metadata;
  const p = ctx.doc.programme;
  const participant = ctx.profile.audience === 'participant';
  const large = num(p?.sessionLengths?.largeGroupMin);
  const small = num(p?.sessionLengths?.smallGroupMin);
  const weekly = [large !== undefined ? `large group ${large} min` : '', small !== undefined ? `small group ${small} min` : '']
    .filter(Boolean)
    .join(', ');
  const ms = ctx.doc.medicineSessions;
  const weeks = Array.isArray(ms?.weeks) ? ms.weeks.filter((w) => typeof w === 'number') : [];
  const count = num(ms?.count);
  const site = m?.site;
  const rows: [string, string | undefined][] = [
    ['Format', str(p?.format) && esc([humanize(p?.format), str(p?.delivery) && String(p?.delivery).replace(/_/g, ' ')].filter(Boolean).join(', '))],
    ['Length', num(p?.weeks) !== undefined ? `${num(p?.weeks)} weeks` : undefined],
    ['Each week', weekly ? esc(weekly) : undefined],
    ['Medicine sessions', count !== undefined ? esc(`${count}${weeks.length ? ` (weeks ${weeks.join(', ')})` : ''}`) : undefined],
    ['Cohort size', span(p?.cohortSize, ' people')],
    ['Small groups', span(p?.smallGroupSize, ' people')],
    ['Facilitators per small group', num(p?.facilitatorsPerSmallGroup?.count)?.toString()],
    ['Referral', typeof p?.referralRequired !== 'boolean' ? undefined : p.referralRequired ? `Required${p.referralSources ? ` — ${plain(ctx, p.referralSources)}` : ''}` : 'Not required'],
    ['Costs', p?.costs?.text ? plain(ctx, p.costs.text) : undefined],
  ];
  const clinical: [string, string | undefined][] = participant
    ? []
    : [
        ['Protocol id', str(m?.id) && esc(m?.id)],
        ['Medicine', str(m?.medicine) && esc(text(ctx, m?.medicineName) || m?.medicine)],
        ['Site', str(site?.name) && esc([site?.name, str(site?.jurisdiction)].filter(Boolean).join(', '))],
        ['Facility', str(site?.facilityType) && esc(humanize(site?.facilityType))],
        ['Based on', str(m?.basedOn?.protocol) && esc(`${m?.basedOn?.protocol} ${String(m?.basedOn?.version ?? '')}`)],
        ['Languages', Array.isArray(m?.languages) ? esc(m.languages.join(', ')) : undefined],
        ['Last reviewed', str(m?.review?.lastReviewed) && esc(m?.review?.lastReviewed)],
        ['Next review', str(m?.review?.nextReview) && esc(m?.review?.nextReview)],
        ['Owners', list<{ name?: unknown; role?: unknown }>(m?.owners).map((o) => esc(`${String(o.name ?? '')} (${humanize(o.role).toLowerCase()})`)).join('; ') || undefined],
      ];
  const html = [
    md(ctx, p?.summary) || md(ctx, m?.description),
    facts([...rows, ...clinical]),
    ctx.doc.curriculum?.summary ? `<h2>The curriculum</h2>${md(ctx, ctx.doc.curriculum.summary)}` : '',
  ].join('');
  return { id: 'overview', title: participant ? 'About the programme' : 'Programme overview', html };
};
