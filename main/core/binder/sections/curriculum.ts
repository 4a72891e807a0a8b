/** The curriculum: week-by-week table for the team, a plain "what to expect" guide for participants, and the cultural thread for Elders. */
import { esc } from '../html';
import { isWithheld, named, list, mdi, num, plain, table, withheldNotices, type RenderContext, type SectionRenderer } from '../context';
import type { CulturalBlock, Segment, Week } from '../../model/protocol';
import { fmt, fmtHtml } from '../labels/index';

const weeksOf = (ctx: RenderContext): Week[] =>
  list<Week>(ctx.doc.curriculum?.weeks).sort((a, b) => (num(a.week) ?? 0) - (num(b.week) ?? 0));

function weekCell(ctx: RenderContext, w: Week): string {
  const n = num(w.week);
  return `<span class="week-no">${n !== undefined ? n : '–'}</span>${w.medicineSession === true ? `<span class="tag medicine">${esc(ctx.t.medicineSessionTag)}</span>` : ''}`;
}

function segmentLine(ctx: RenderContext, s: Segment): string {
  if (isWithheld(s)) return `<li class="muted">${plain(ctx, s.title) || esc(ctx.t.segment)} — ${esc(ctx.t.notPrinted)}</li>`;
  const d = num(s.durationMin);
  return `<li><strong>${plain(ctx, s.title) || esc(named(ctx, s.kind))}</strong>${d !== undefined ? ` <span class="muted">${esc(fmt(ctx.t.minutes, { n: d }))}</span>` : ''}${
    s.description ? ` — ${mdi(ctx, s.description)}` : ''
  }</li>`;
}

function blockTitles(ctx: RenderContext, ids: unknown): string {
  const blocks = list<CulturalBlock>(ctx.doc.cultural?.blocks);
  const refs = Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [];
  return refs.map((id) => plain(ctx, blocks.find((b) => b.id === id)?.title) || esc(id)).join(', ');
}

export const curriculum: SectionRenderer = (ctx) => {
  const weeks = weeksOf(ctx);
  if (!weeks.length) return null;
  const { t } = ctx;
  const rows = weeks.map((w) =>
    isWithheld(w)
      ? [weekCell(ctx, w), `<strong>${plain(ctx, w.theme)}</strong>`, `<span class="muted">${esc(t.notPrinted)}</span>`, '']
      : [
          weekCell(ctx, w),
          `<strong>${plain(ctx, w.theme)}</strong>${w.culturalRefs ? `<div class="muted small">${fmtHtml(t.culturalRefs, { blocks: blockTitles(ctx, w.culturalRefs) })}</div>` : ''}`,
          `<ul class="plain">${list<Segment>(w.segments).map((s) => segmentLine(ctx, s)).join('')}</ul>${
            list(w.practices).length
              ? `<div class="small"><em>${esc(t.practices)}</em> ${list<{ kind?: string; text?: unknown }>(w.practices).map((p) => mdi(ctx, p.text)).join(' · ')}</div>`
              : ''
          }`,
          [w.integration ? `<div><em>${esc(t.integration)}</em> ${mdi(ctx, w.integration)}</div>` : '', w.homework ? `<div><em>${esc(t.homework)}</em> ${mdi(ctx, w.homework)}</div>` : '']
            .join(''),
        ],
  );
  return {
    id: 'curriculum',
    title: t.curriculumTitle,
    html: table([t.week, t.theme, t.sessions, t.integrationAndHomework], rows, 'curriculum') + withheldNotices(ctx, 'curriculum'),
  };
};

/** Participants: what each week holds, in plain words, with what to do at home. */
export const weeklyGuide: SectionRenderer = (ctx) => {
  const weeks = weeksOf(ctx).filter((w) => !isWithheld(w));
  if (!weeks.length) return null;
  const { t } = ctx;
  const rows = weeks.map((w) => [
    weekCell(ctx, w),
    `<strong>${plain(ctx, w.theme)}</strong>${w.medicineSession === true ? `<div class="small">${esc(t.medicineDayNote)}</div>` : ''}`,
    w.homework ? mdi(ctx, w.homework) : '',
  ]);
  return { id: 'weekly-guide', title: t.weeklyGuideTitle, html: table([t.week, t.whatWeFocusOn, t.betweenSessions], rows, 'guide') };
};

/** Elder review: where in the curriculum each cultural block is used. */
export const culturalInCurriculum: SectionRenderer = (ctx) => {
  const uses = weeksOf(ctx).flatMap((w) => {
    const segRefs = list<Segment>(w.segments).flatMap((s) => (Array.isArray(s.culturalRefs) ? s.culturalRefs : []));
    const refs = [...(Array.isArray(w.culturalRefs) ? w.culturalRefs : []), ...segRefs];
    return refs.length ? [[weekCell(ctx, w), plain(ctx, w.theme), blockTitles(ctx, [...new Set(refs)])]] : [];
  });
  if (!uses.length) return null;
  return {
    id: 'cultural-in-curriculum',
    title: ctx.t.culturalInCurriculumTitle,
    html: `<p>${esc(ctx.t.culturalInCurriculumLead)}</p>${table([ctx.t.week, ctx.t.theme, ctx.t.culturalBlocks], uses)}`,
  };
};
