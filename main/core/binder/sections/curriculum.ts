/** The curriculum: week-by-week table for the team, a plain "what to expect" guide for participants, and the cultural thread for Elders. */
import { esc } from '../html';
import { humanize, isWithheld, list, mdi, num, plain, table, withheldNotices, type RenderContext, type SectionRenderer } from '../context';
import type { CulturalBlock, Segment, Week } from '../../model/protocol';

const weeksOf = (ctx: RenderContext): Week[] =>
  list<Week>(ctx.doc.curriculum?.weeks).sort((a, b) => (num(a.week) ?? 0) - (num(b.week) ?? 0));

function weekCell(w: Week): string {
  const n = num(w.week);
  return `<span class="week-no">${n !== undefined ? n : '–'}</span>${w.medicineSession === true ? '<span class="tag medicine">Medicine session</span>' : ''}`;
}

function segmentLine(ctx: RenderContext, s: Segment): string {
  if (isWithheld(s)) return `<li class="muted">${plain(ctx, s.title) || 'Segment'} — not printed in this binder</li>`;
  const d = num(s.durationMin);
  return `<li><strong>${plain(ctx, s.title) || esc(humanize(s.kind))}</strong>${d !== undefined ? ` <span class="muted">${d} min</span>` : ''}${
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
  const rows = weeks.map((w) =>
    isWithheld(w)
      ? [weekCell(w), `<strong>${plain(ctx, w.theme)}</strong>`, '<span class="muted">Not printed in this binder</span>', '']
      : [
          weekCell(w),
          `<strong>${plain(ctx, w.theme)}</strong>${w.culturalRefs ? `<div class="muted small">Cultural: ${blockTitles(ctx, w.culturalRefs)}</div>` : ''}`,
          `<ul class="plain">${list<Segment>(w.segments).map((s) => segmentLine(ctx, s)).join('')}</ul>${
            list(w.practices).length
              ? `<div class="small"><em>Practices:</em> ${list<{ kind?: string; text?: unknown }>(w.practices).map((p) => mdi(ctx, p.text)).join(' · ')}</div>`
              : ''
          }`,
          [w.integration ? `<div><em>Integration:</em> ${mdi(ctx, w.integration)}</div>` : '', w.homework ? `<div><em>Homework:</em> ${mdi(ctx, w.homework)}</div>` : '']
            .join(''),
        ],
  );
  return {
    id: 'curriculum',
    title: 'Curriculum, week by week',
    html: table(['Week', 'Theme', 'Sessions', 'Integration and homework'], rows, 'curriculum') + withheldNotices(ctx, 'curriculum'),
  };
};

/** Participants: what each week holds, in plain words, with what to do at home. */
export const weeklyGuide: SectionRenderer = (ctx) => {
  const weeks = weeksOf(ctx).filter((w) => !isWithheld(w));
  if (!weeks.length) return null;
  const rows = weeks.map((w) => [
    weekCell(w),
    `<strong>${plain(ctx, w.theme)}</strong>${w.medicineSession === true ? '<div class="small">A medicine session day: plan to be collected afterwards and not to drive until the next day.</div>' : ''}`,
    w.homework ? mdi(ctx, w.homework) : '',
  ]);
  return { id: 'weekly-guide', title: 'What to expect, week by week', html: table(['Week', 'What we focus on', 'Between sessions'], rows, 'guide') };
};

/** Elder review: where in the curriculum each cultural block is used. */
export const culturalInCurriculum: SectionRenderer = (ctx) => {
  const uses = weeksOf(ctx).flatMap((w) => {
    const segRefs = list<Segment>(w.segments).flatMap((s) => (Array.isArray(s.culturalRefs) ? s.culturalRefs : []));
    const refs = [...(Array.isArray(w.culturalRefs) ? w.culturalRefs : []), ...segRefs];
    return refs.length ? [[weekCell(w), plain(ctx, w.theme), blockTitles(ctx, [...new Set(refs)])]] : [];
  });
  if (!uses.length) return null;
  return {
    id: 'cultural-in-curriculum',
    title: 'Where cultural content is used',
    html: `<p>Each week that draws on a cultural block, so reviewers can see the setting in which it is shared.</p>${table(['Week', 'Theme', 'Cultural blocks'], uses)}`,
  };
};
