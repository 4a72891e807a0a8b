/** Programme overview: what the programme is, its format, and (for adaptations) what it is based on. */
import { esc } from '../html';
import { facts, humanize, list, md, named, num, plain, span, str, text, type SectionRenderer } from '../context';
import { fmt, term } from '../labels/index';

export const overview: SectionRenderer = (ctx) => {
  const { t } = ctx;
  const m = ctx.doc.metadata;
  const p = ctx.doc.programme;
  const participant = ctx.profile.audience === 'participant';
  const large = num(p?.sessionLengths?.largeGroupMin);
  const small = num(p?.sessionLengths?.smallGroupMin);
  const weekly = [large !== undefined ? fmt(t.largeGroupMin, { n: large }) : '', small !== undefined ? fmt(t.smallGroupMin, { n: small }) : '']
    .filter(Boolean)
    .join(', ');
  const ms = ctx.doc.medicineSessions;
  const weeks = Array.isArray(ms?.weeks) ? ms.weeks.filter((w) => typeof w === 'number') : [];
  const count = num(ms?.count);
  const site = m?.site;
  const people = (r: unknown) => {
    const range = span(r);
    return range && esc(fmt(t.people, { range }));
  };
  const rows: [string, string | undefined][] = [
    [t.format, str(p?.format) && esc([named(ctx, p?.format), str(p?.delivery) && term(t, String(p?.delivery), String(p?.delivery).replace(/_/g, ' '))].filter(Boolean).join(', '))],
    [t.length, num(p?.weeks) !== undefined ? esc(fmt(t.weeksCount, { n: num(p?.weeks)! })) : undefined],
    [t.eachWeek, weekly ? esc(weekly) : undefined],
    [t.medicineSessions, count !== undefined ? esc(weeks.length ? fmt(t.sessionsInWeeks, { n: count, weeks: weeks.join(', ') }) : String(count)) : undefined],
    [t.cohortSize, people(p?.cohortSize)],
    [t.smallGroups, people(p?.smallGroupSize)],
    [t.facilitatorsPerSmallGroup, num(p?.facilitatorsPerSmallGroup?.count)?.toString()],
    [t.referral, typeof p?.referralRequired !== 'boolean' ? undefined : p.referralRequired ? `${esc(t.referralRequired)}${p.referralSources ? ` — ${plain(ctx, p.referralSources)}` : ''}` : esc(t.referralNotRequired)],
    [t.costs, p?.costs?.text ? plain(ctx, p.costs.text) : undefined],
  ];
  const clinical: [string, string | undefined][] = participant
    ? []
    : [
        [t.protocolId, str(m?.id) && esc(m?.id)],
        [t.medicine, str(m?.medicine) && esc(text(ctx, m?.medicineName) || m?.medicine)],
        [t.site, str(site?.name) && esc([site?.name, str(site?.jurisdiction)].filter(Boolean).join(', '))],
        [t.facility, str(site?.facilityType) && esc(named(ctx, site?.facilityType))],
        [t.basedOn, str(m?.basedOn?.protocol) && esc(`${m?.basedOn?.protocol} ${String(m?.basedOn?.version ?? '')}`)],
        [t.languages, Array.isArray(m?.languages) ? esc(m.languages.join(', ')) : undefined],
        [t.lastReviewed, str(m?.review?.lastReviewed) && esc(m?.review?.lastReviewed)],
        [t.nextReview, str(m?.review?.nextReview) && esc(m?.review?.nextReview)],
        [t.owners, list<{ name?: unknown; role?: unknown }>(m?.owners).map((o) => esc(`${String(o.name ?? '')} (${term(t, String(o.role ?? ''), humanize(o.role).toLowerCase())})`)).join('; ') || undefined],
      ];
  const html = [
    md(ctx, p?.summary) || md(ctx, m?.description),
    facts([...rows, ...clinical]),
    ctx.doc.curriculum?.summary ? `<h2>${esc(t.theCurriculum)}</h2>${md(ctx, ctx.doc.curriculum.summary)}` : '',
  ].join('');
  return { id: 'overview', title: participant ? t.overviewTitleParticipant : t.overviewTitle, html };
};
