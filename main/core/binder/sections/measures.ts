/** Outcome measures, QI cycles and indicators, and references. */
import { esc } from '../html';
import { list, named, md, mdi, num, plain, span, str, table, type SectionRenderer } from '../context';
import type { Measure, QiCycle, Reference } from '../../model/protocol';
import { fmt } from '../labels/index';

export const measures: SectionRenderer = (ctx) => {
  const ms = list<Measure>(ctx.doc.measures);
  if (!ms.length) return null;
  const { t } = ctx;
  const rows = ms.map((m) => [
    `<strong>${esc(String(m.instrument ?? ''))}</strong>${m.name ? `<div class="small">${plain(ctx, m.name)}</div>` : ''}`,
    esc(span(m.range) ?? '–'),
    num(m.cutoff) !== undefined ? esc(fmt(ctx.t.cutoffAtLeast, { n: m.cutoff! })) : '–',
    esc((Array.isArray(m.timepoints) ? m.timepoints : []).map((p) => named(ctx, p).toLowerCase()).join(', ')) +
      (num(m.postWithinWeeks) !== undefined ? `<div class="small muted">${esc(fmt(t.postWithin, { n: m.postWithinWeeks! }))}</div>` : ''),
    [mdi(ctx, m.scoring), list<{ min?: unknown; max?: unknown; label?: unknown }>(m.bands).map((b) => `${esc(span(b) ?? '')} ${plain(ctx, b.label)}`).join('; '), mdi(ctx, m.notes)]
      .filter(Boolean)
      .join('<br>'),
  ]);
  return { id: 'measures', title: t.measuresTitle, html: table([t.instrument, t.range, t.cutoff, t.when, t.scoring], rows, 'measures') };
};

export const qi: SectionRenderer = (ctx) => {
  const q = ctx.doc.qi;
  if (!q || typeof q !== 'object') return null;
  const { t } = ctx;
  const label = (key: string) => `<strong>${esc(key)}</strong>`;
  const cycles = list<QiCycle>(q.cycles).sort((a, b) => (num(a.number) ?? 0) - (num(b.number) ?? 0));
  const html = [
    cycles
      .map(
        (c) => `<div class="card keep-together"><h2>${esc(fmt(t.qiCycleNumber, { n: String(c.number ?? '') }))}${str(c.start) ? ` <span class="muted">${esc(c.start)} – ${esc(str(c.end) ?? '')}</span>` : ''}</h2>
${c.aim ? `<p>${label(t.aim)} ${mdi(ctx, c.aim)}</p>` : ''}${c.problem ? `<p>${label(t.problem)} ${mdi(ctx, c.problem)}</p>` : ''}${c.change ? `<p>${label(t.change)} ${mdi(ctx, c.change)}</p>` : ''}${
          c.rationale ? `<p>${label(t.why)} ${mdi(ctx, c.rationale)}</p>` : ''
        }${c.findings ? `<p>${label(t.findings)} ${mdi(ctx, c.findings)}</p>` : ''}${str(c.decision) ? `<p>${label(t.decision)} ${esc(named(ctx, c.decision))}</p>` : ''}</div>`,
      )
      .join(''),
    list(q.indicators).length
      ? `<h2>${esc(t.indicators)}</h2><ul>${list<{ text?: unknown; target?: unknown }>(q.indicators).map((i) => `<li>${mdi(ctx, i.text)}${i.target ? ` — ${esc(t.target)} ${mdi(ctx, i.target)}` : ''}</li>`).join('')}</ul>`
      : '',
    q.feedbackSources ? `<h2>${esc(t.feedbackSources)}</h2>${md(ctx, q.feedbackSources)}` : '',
  ].join('');
  return html ? { id: 'qi', title: t.qiTitle, html } : null;
};

export const references: SectionRenderer = (ctx) => {
  const refs = list<Reference>(ctx.doc.references);
  if (!refs.length) return null;
  const html = `<ol class="refs">${refs
    .map((r) => `<li>${esc(str(r.citation) ?? '')}${str(r.doi) ? ` doi:${esc(r.doi)}` : ''}${str(r.url) ? ` <span class="url">${esc(r.url)}</span>` : ''}${str(r.evidence) ? ` <span class="tag">[${esc(r.evidence)}]</span>` : ''}</li>`)
    .join('')}</ol>`;
  return { id: 'references', title: ctx.t.referencesTitle, html };
};
