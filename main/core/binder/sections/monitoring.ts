/** Monitoring: thresholds, a vitals sheet with blanks to fill in at each timepoint, readiness, PRN; and the participant's after-session safety sheet. */
import { esc } from '../html';
import { checklist, humanize, list, md, mdi, num, plain, str, table, type RenderContext, type SectionRenderer } from '../context';
import type { Monitoring } from '../../model/protocol';

const VITAL_HEADS: Record<string, string> = {
  bp: 'BP (mmHg)',
  hr: 'HR (bpm)',
  spo2: 'SpO₂ (%)',
  weight: 'Weight (kg)',
  rr: 'RR (/min)',
  temperature: 'Temp (°C)',
  sedation: 'Sedation',
};
const AT_NAMES: Record<string, string> = { pre_dose: 'Before dosing', mid_session: 'Mid-session', post_session: 'After the session', discharge: 'At discharge' };

function vitalsSheet(ctx: RenderContext, m: Monitoring): string {
  const fields = Array.isArray(m.vitals?.fields) ? m.vitals.fields.filter((f) => typeof f === 'string') : [];
  const points = list<{ at?: string; minutesAfterDose?: number; text?: unknown }>(m.vitals?.timepoints);
  if (!fields.length || !points.length) return '';
  const head = ['Timepoint', 'Time', ...fields.map((f) => VITAL_HEADS[f] ?? humanize(f)), 'Initials'];
  const rows = points.map((p) => [
    `<strong>${esc(AT_NAMES[String(p.at)] ?? humanize(p.at))}</strong>${num(p.minutesAfterDose) !== undefined ? `<div class="small muted">${p.minutesAfterDose} min after dose</div>` : ''}${p.text ? `<div class="small">${mdi(ctx, p.text)}</div>` : ''}`,
    ...Array.from({ length: fields.length + 2 }, () => '<span class="blank"></span>'),
  ]);
  const bp = m.preSessionBpMax;
  return `<div class="sheet keep-together"><h2>Vitals sheet</h2>
<div class="fill-row"><span>Participant</span><span class="line"></span><span>Date</span><span class="line short"></span><span>Session no.</span><span class="line tiny"></span></div>
${bp && num(bp.systolic) !== undefined ? `<p class="rule">Do not dose if blood pressure is at or above <strong>${bp.systolic}/${num(bp.diastolic) ?? '–'} mmHg</strong> before the session.</p>` : ''}
${table(head, rows, 'vitals')}</div>`;
}

export const monitoring: SectionRenderer = (ctx) => {
  const m = ctx.doc.monitoring;
  if (!m || typeof m !== 'object') return null;
  const er = m.emergencyReadiness;
  const prn = list<{ purpose?: string; medication?: string; text?: unknown }>(m.prn).map((p) => [
    esc(humanize(p.purpose)),
    `<strong>${esc(str(p.medication) ?? '')}</strong>`,
    mdi(ctx, p.text),
    '<span class="blank"></span>',
  ]);
  const contacts = list<{ name?: string; role?: string; phone?: string }>(m.emergencyContacts).map((c) => [esc(str(c.name) ?? ''), esc(str(c.role) ?? ''), esc(str(c.phone) ?? '')]);
  const html = [
    vitalsSheet(ctx, m),
    er && typeof er === 'object'
      ? `<div class="keep-together"><h2>Emergency readiness, checked before each session</h2>${checklist([
          ...(Array.isArray(er.equipment) ? er.equipment : []).map((e) => esc(humanize(e))),
          ...(Array.isArray(er.staffCertification) ? er.staffCertification : []).map((c) => `Staff on site certified in ${esc(String(c).toUpperCase())}`),
        ])}${md(ctx, er.emsPlan)}</div>`
      : '',
    prn.length ? `<h2>As-needed (PRN) medications</h2>${table(['For', 'Medication', 'Guidance', 'Given (time, dose, initials)'], prn, 'prn')}` : '',
    m.adverseEvents?.text ? `<h2>Adverse events</h2>${md(ctx, m.adverseEvents.text)}` : '',
    m.emergencyPlan ? `<div class="callout keep-together"><h2>Emergency plan</h2>${md(ctx, m.emergencyPlan)}</div>` : '',
    contacts.length ? `<h2>Emergency contacts</h2>${table(['Name', 'Role', 'Phone'], contacts)}` : '',
  ].join('');
  return { id: 'monitoring', title: 'Monitoring and safety', html };
};

const SAFETY_FIELDS: Record<string, string> = {
  weight_kg: 'Weight today (kg)',
  emergency_contacts: 'My emergency contact (name and phone)',
  medications: 'Medications I take',
  allergies: 'Allergies',
  bp_log: 'Blood pressure before / after',
  prn_given: 'Extra medicine given today',
  escort: 'Person taking me home',
  dose_given: 'Dose given',
  adverse_events: 'Anything unusual noticed',
};

/** The participant's sheet for after a medicine session: going home safely, whom to call, and the blanks the nurse fills in. */
export const safetySheet: SectionRenderer = (ctx) => {
  const m = ctx.doc.monitoring;
  const ms = ctx.doc.medicineSessions;
  const discharge = list<{ kind?: string; text?: unknown }>(ms?.dischargeCriteria).map((d) => mdi(ctx, d.text) || esc(humanize(d.kind)));
  const fields = Array.isArray(m?.safetySheet?.fields) ? m.safetySheet.fields.filter((f) => typeof f === 'string') : [];
  const contacts = list<{ name?: string; role?: string; phone?: string }>(m?.emergencyContacts);
  if (!discharge.length && !fields.length && !contacts.length) return null;
  const html = [
    `<p class="lead">Keep this sheet with you after each medicine session. ${plain(ctx, m?.safetySheet?.text)}</p>`,
    discharge.length ? `<div class="keep-together"><h2>Before you leave</h2>${checklist(discharge)}</div>` : '',
    `<div class="callout keep-together"><h2>For the rest of the day</h2><ul><li>Go home with the person collecting you.</li><li>Do not drive, cycle or operate machinery until the next day, after a night's sleep.</li><li>Avoid alcohol and sedatives for 24 hours.</li><li>If you feel unwell, call one of the numbers below. In an emergency call 911.</li></ul></div>`,
    contacts.length
      ? `<h2>Whom to call</h2>${table(['Name', 'Role', 'Phone'], contacts.map((c) => [esc(str(c.name) ?? ''), esc(str(c.role) ?? ''), esc(str(c.phone) ?? '')]))}`
      : '',
    fields.length
      ? `<div class="sheet keep-together"><h2>Filled in with your nurse</h2>${fields
          .map((f) => `<div class="fill-row"><span>${esc(SAFETY_FIELDS[f] ?? humanize(f))}</span><span class="line"></span></div>`)
          .join('')}</div>`
      : '',
  ].join('');
  return { id: 'safety-sheet', title: 'After your session: safety sheet', html };
};
