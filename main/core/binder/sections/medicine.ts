/** Medicine sessions: schedule, dosing per route, preparation, setting and discharge. */
import { esc } from '../html';
import { checklist, facts, list, named, md, mdi, num, str, table, type SectionRenderer } from '../context';
import type { DoseRange } from '../../model/protocol';
import { fmt, term } from '../labels/index';

const ROUTE_NAMES: Record<string, string> = {
  IM: 'Intramuscular (IM)',
  IV: 'Intravenous (IV)',
  SL: 'Sublingual (SL)',
  PO: 'Oral (PO)',
  IN: 'Intranasal (IN)',
  SC: 'Subcutaneous (SC)',
};

function dose(v: unknown, unit: string): string {
  const n = num(v);
  return n === undefined ? '–' : `${n} ${esc(unit)}`;
}

export const medicine: SectionRenderer = (ctx) => {
  const ms = ctx.doc.medicineSessions;
  if (!ms || typeof ms !== 'object') return null;
  const weeks = Array.isArray(ms.weeks) ? ms.weeks.filter((w) => typeof w === 'number') : [];
  const fasting = ms.fasting;
  const routes = list<DoseRange>(ms.routes);
  const { t } = ctx;
  const rows = routes.map((r) => {
    const unit = str(r.unit) ?? '';
    const notes = [
      r.weightRequired === true ? esc(t.weightRequired) : '',
      num(r.capMg) !== undefined ? esc(fmt(t.cappedAt, { n: r.capMg! })) : '',
      num(r.infusionMin) !== undefined ? esc(fmt(t.infusedOver, { n: r.infusionMin! })) : '',
      r.formulation ? mdi(ctx, r.formulation) : '',
      r.justification ? `<em>${esc(t.why)}</em> ${mdi(ctx, r.justification)}` : '',
      r.equivalenceNote ? `<em>${esc(t.equivalence)}</em> ${mdi(ctx, r.equivalenceNote)}` : '',
      r.notes ? mdi(ctx, r.notes) : '',
    ].filter(Boolean);
    return [
      `<strong>${esc(term(t, `route.${String(r.route)}`, ROUTE_NAMES[String(r.route)] ?? String(r.route ?? '')))}</strong>`,
      dose(r.start, unit),
      `${dose(r.min, unit)} –<br>${dose(r.max, unit)}`,
      notes.join('<br>'),
    ];
  });
  const html = [
    facts([
      [t.sessions, num(ms.count) !== undefined ? esc(weeks.length ? fmt(t.sessionsInWeeksLong, { n: ms.count!, weeks: weeks.join(', ') }) : String(ms.count)) : undefined],
      [t.minimumSpacing, num(ms.minSpacingDays) !== undefined ? esc(fmt(t.days, { n: ms.minSpacingDays! })) : undefined],
      [t.spacingRationale, ms.spacingJustification ? mdi(ctx, ms.spacingJustification) : undefined],
      [t.observation, num(ms.observationMin) !== undefined ? esc(fmt(t.observationValue, { n: ms.observationMin! })) : undefined],
      [
        t.fasting,
        // The written instruction when there is one (it states the numbers in words), else the numbers.
        fasting && typeof fasting === 'object'
          ? mdi(ctx, fasting.text) ||
            [num(fasting.foodHours) !== undefined ? esc(fmt(t.noFood, { n: fasting.foodHours! })) : '', num(fasting.liquidsMin) !== undefined ? esc(fmt(t.noLiquids, { n: fasting.liquidsMin! })) : '']
              .filter(Boolean)
              .join('; ') ||
            undefined
          : undefined,
      ],
    ]),
    routes.length ? `<h2>${esc(t.dosingByRoute)}</h2>${table([t.route, t.startingDose, t.range, t.notes], rows, 'dosing')}` : '',
    ms.titration ? `<h2>${esc(t.titration)}</h2>${md(ctx, ms.titration)}` : '',
    ms.preparation ? `<h2>${esc(t.preparation)}</h2>${md(ctx, ms.preparation)}` : '',
    ms.setting ? `<h2>${esc(t.setting)}</h2>${md(ctx, ms.setting)}` : '',
    list(ms.dischargeCriteria).length
      ? `<h2>${esc(t.dischargeChecklist)}</h2><div class="keep-together">${checklist(
          list<{ kind?: string; text?: unknown }>(ms.dischargeCriteria).map((d) => mdi(ctx, d.text) || esc(named(ctx, d.kind))),
        )}</div>`
      : '',
    ms.integration && typeof ms.integration === 'object'
      ? `<h2>${esc(t.integrationTitle)}</h2>${facts([
          [t.within, num(ms.integration.withinDays) !== undefined ? esc(fmt(t.withinDays, { n: ms.integration.withinDays! })) : undefined],
          [t.format, str(ms.integration.format) && esc(named(ctx, ms.integration.format))],
        ])}${md(ctx, ms.integration.text)}`
      : '',
  ].join('');
  return { id: 'medicine', title: t.medicineTitle, html };
};
