/** Monitoring: thresholds, a vitals sheet with blanks to fill in at each timepoint, readiness, PRN; and the participant's after-session safety sheet. */
import { esc } from '../html';
import { checklist, list, named, md, mdi, num, plain, str, table, type RenderContext, type SectionRenderer } from '../context';
import type { Monitoring } from '../../model/protocol';
import { fmt, fmtHtml, type BinderLabels } from '../labels/index';

type LabelKey = keyof BinderLabels;
const VITAL_HEADS: Record<string, LabelKey> = {
  bp: 'vitalBp',
  hr: 'vitalHr',
  spo2: 'vitalSpo2',
  weight: 'vitalWeight',
  rr: 'vitalRr',
  temperature: 'vitalTemperature',
  sedation: 'vitalSedation',
};
const AT_NAMES: Record<string, LabelKey> = { pre_dose: 'atPreDose', mid_session: 'atMidSession', post_session: 'atPostSession', discharge: 'atDischarge' };

/** The label for a code from one of the tables above, else the code in words. */
function labelOf(ctx: RenderContext, names: Record<string, LabelKey>, code: unknown): string {
  const key = Object.hasOwn(names, String(code)) ? names[String(code)] : undefined;
  return key ? ctx.t[key] : named(ctx, code);
}

function vitalsSheet(ctx: RenderContext, m: Monitoring): string {
  const fields = Array.isArray(m.vitals?.fields) ? m.vitals.fields.filter((f) => typeof f === 'string') : [];
  const points = list<{ at?: string; minutesAfterDose?: number; text?: unknown }>(m.vitals?.timepoints);
  if (!fields.length || !points.length) return '';
  const { t } = ctx;
  const head = [t.timepoint, t.time, ...fields.map((f) => labelOf(ctx, VITAL_HEADS, f)), t.initials];
  const rows = points.map((p) => [
    `<strong>${esc(labelOf(ctx, AT_NAMES, p.at))}</strong>${num(p.minutesAfterDose) !== undefined ? `<div class="small muted">${esc(fmt(t.minutesAfterDose, { n: p.minutesAfterDose! }))}</div>` : ''}${p.text ? `<div class="small">${mdi(ctx, p.text)}</div>` : ''}`,
    ...Array.from({ length: fields.length + 2 }, () => '<span class="blank"></span>'),
  ]);
  const bp = m.preSessionBpMax;
  return `<div class="sheet keep-together"><h2>${esc(t.vitalsSheet)}</h2>
<div class="fill-row"><span>${esc(t.participant)}</span><span class="line"></span><span>${esc(t.date)}</span><span class="line short"></span><span>${esc(t.sessionNo)}</span><span class="line tiny"></span></div>
${bp && num(bp.systolic) !== undefined ? `<p class="rule">${fmtHtml(t.bpRule, { bp: `<strong>${bp.systolic}/${num(bp.diastolic) ?? '–'} mmHg</strong>` })}</p>` : ''}
${table(head, rows, 'vitals')}</div>`;
}

/** The emergency contacts under `heading`, or '' when there are none. */
function contactsTable(ctx: RenderContext, m: Partial<Monitoring> | undefined, heading: string): string {
  const rows = list<{ name?: string; role?: string; phone?: string }>(m?.emergencyContacts).map((c) => [esc(str(c.name) ?? ''), esc(str(c.role) ?? ''), esc(str(c.phone) ?? '')]);
  return rows.length ? `<h2>${esc(heading)}</h2>${table([ctx.t.name, ctx.t.role, ctx.t.phone], rows)}` : '';
}

export const monitoring: SectionRenderer = (ctx) => {
  const m = ctx.doc.monitoring;
  if (!m || typeof m !== 'object') return null;
  const er = m.emergencyReadiness;
  const { t } = ctx;
  const prn = list<{ purpose?: string; medication?: string; text?: unknown }>(m.prn).map((p) => [
    esc(named(ctx, p.purpose)),
    `<strong>${esc(str(p.medication) ?? '')}</strong>`,
    mdi(ctx, p.text),
    '<span class="blank"></span>',
  ]);
  const html = [
    vitalsSheet(ctx, m),
    er && typeof er === 'object'
      ? `<div class="keep-together"><h2>${esc(t.readiness)}</h2>${checklist([
          ...(Array.isArray(er.equipment) ? er.equipment : []).map((e) => esc(named(ctx, e))),
          ...(Array.isArray(er.staffCertification) ? er.staffCertification : []).map((c) => esc(fmt(t.certifiedIn, { cert: String(c).toUpperCase() }))),
        ])}${md(ctx, er.emsPlan)}</div>`
      : '',
    prn.length ? `<h2>${esc(t.prn)}</h2>${table([t.prnFor, t.medication, t.guidance, t.given], prn, 'prn')}` : '',
    m.adverseEvents?.text ? `<h2>${esc(t.adverseEvents)}</h2>${md(ctx, m.adverseEvents.text)}` : '',
    m.emergencyPlan ? `<div class="callout keep-together"><h2>${esc(t.emergencyPlan)}</h2>${md(ctx, m.emergencyPlan)}</div>` : '',
    contactsTable(ctx, m, t.emergencyContacts),
  ].join('');
  return { id: 'monitoring', title: t.monitoringTitle, html };
};

const SAFETY_FIELDS: Record<string, LabelKey> = {
  weight_kg: 'fieldWeightKg',
  emergency_contacts: 'fieldEmergencyContacts',
  medications: 'fieldMedications',
  allergies: 'fieldAllergies',
  bp_log: 'fieldBpLog',
  prn_given: 'fieldPrnGiven',
  escort: 'fieldEscort',
  dose_given: 'fieldDoseGiven',
  adverse_events: 'fieldAdverseEvents',
};

/** The participant's sheet for after a medicine session: going home safely, whom to call, and the blanks the nurse fills in. */
export const safetySheet: SectionRenderer = (ctx) => {
  const m = ctx.doc.monitoring;
  const ms = ctx.doc.medicineSessions;
  const discharge = list<{ kind?: string; text?: unknown }>(ms?.dischargeCriteria).map((d) => mdi(ctx, d.text) || esc(named(ctx, d.kind)));
  const fields = Array.isArray(m?.safetySheet?.fields) ? m.safetySheet.fields.filter((f) => typeof f === 'string') : [];
  const contacts = contactsTable(ctx, m, ctx.t.whomToCall);
  if (!discharge.length && !fields.length && !contacts) return null;
  const { t } = ctx;
  const html = [
    `<p class="lead">${esc(t.safetySheetLead)} ${plain(ctx, m?.safetySheet?.text)}</p>`,
    discharge.length ? `<div class="keep-together"><h2>${esc(t.beforeYouLeave)}</h2>${checklist(discharge)}</div>` : '',
    `<div class="callout keep-together"><h2>${esc(t.restOfTheDay)}</h2><ul>${[t.goHome, t.noDriving, t.noAlcohol, t.ifUnwell].map((x) => `<li>${esc(x)}</li>`).join('')}</ul></div>`,
    contacts,
    fields.length
      ? `<div class="sheet keep-together"><h2>${esc(t.filledInWithNurse)}</h2>${fields
          .map((f) => `<div class="fill-row"><span>${esc(labelOf(ctx, SAFETY_FIELDS, f))}</span><span class="line"></span></div>`)
          .join('')}</div>`
      : '',
  ].join('');
  return { id: 'safety-sheet', title: t.safetySheetTitle, html };
};
