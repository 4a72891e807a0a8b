/** Medicine sessions: schedule, dosing per route, preparation, setting and discharge. */
import { esc } from '../html';
import { checklist, facts, humanize, list, md, mdi, num, str, table, type SectionRenderer } from '../context';
import type { DoseRange } from '../../model/protocol';

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
  const rows = routes.map((r) => {
    const unit = str(r.unit) ?? '';
    const notes = [
      r.weightRequired === true ? 'Current weight required' : '',
      num(r.capMg) !== undefined ? `Capped at ${r.capMg} mg` : '',
      num(r.infusionMin) !== undefined ? `Infused over ${r.infusionMin} min` : '',
      r.formulation ? mdi(ctx, r.formulation) : '',
      r.justification ? `<em>Why:</em> ${mdi(ctx, r.justification)}` : '',
      r.equivalenceNote ? `<em>Equivalence:</em> ${mdi(ctx, r.equivalenceNote)}` : '',
      r.notes ? mdi(ctx, r.notes) : '',
    ].filter(Boolean);
    return [
      `<strong>${esc(ROUTE_NAMES[String(r.route)] ?? String(r.route ?? ''))}</strong>`,
      dose(r.start, unit),
      `${dose(r.min, unit)} –<br>${dose(r.max, unit)}`,
      notes.join('<br>'),
    ];
  });
  const html = [
    facts([
      ['Sessions', num(ms.count) !== undefined ? `${ms.count}${weeks.length ? ` — weeks ${weeks.join(', ')}` : ''}` : undefined],
      ['Minimum spacing', num(ms.minSpacingDays) !== undefined ? `${ms.minSpacingDays} days` : undefined],
      ['Spacing rationale', ms.spacingJustification ? mdi(ctx, ms.spacingJustification) : undefined],
      ['Observation after dosing', num(ms.observationMin) !== undefined ? `at least ${ms.observationMin} min, until discharge criteria are met` : undefined],
      [
        'Fasting',
        // The written instruction when there is one (it states the numbers in words), else the numbers.
        fasting && typeof fasting === 'object'
          ? mdi(ctx, fasting.text) ||
            [num(fasting.foodHours) !== undefined ? `no food for ${fasting.foodHours} h` : '', num(fasting.liquidsMin) !== undefined ? `no liquids for ${fasting.liquidsMin} min` : '']
              .filter(Boolean)
              .join('; ') ||
            undefined
          : undefined,
      ],
    ]),
    routes.length ? `<h2>Dosing by route</h2>${table(['Route', 'Starting dose', 'Range', 'Notes'], rows, 'dosing')}` : '',
    ms.titration ? `<h2>Starting low and adjusting</h2>${md(ctx, ms.titration)}` : '',
    ms.preparation ? `<h2>Preparation</h2>${md(ctx, ms.preparation)}` : '',
    ms.setting ? `<h2>Setting</h2>${md(ctx, ms.setting)}` : '',
    list(ms.dischargeCriteria).length
      ? `<h2>Discharge checklist</h2><div class="keep-together">${checklist(
          list<{ kind?: string; text?: unknown }>(ms.dischargeCriteria).map((d) => mdi(ctx, d.text) || esc(humanize(d.kind))),
        )}</div>`
      : '',
    ms.integration && typeof ms.integration === 'object'
      ? `<h2>Integration</h2>${facts([
          ['Within', num(ms.integration.withinDays) !== undefined ? `${ms.integration.withinDays} days of each session` : undefined],
          ['Format', str(ms.integration.format) && esc(humanize(ms.integration.format))],
        ])}${md(ctx, ms.integration.text)}`
      : '',
  ].join('');
  return { id: 'medicine', title: 'Medicine sessions and dosing', html };
};
