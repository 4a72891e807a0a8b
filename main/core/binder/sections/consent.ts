/** The consent form: each element, touch preferences and ceremony opt-ins with boxes, then signature lines. */
import { esc } from '../html';
import { checklist, isWithheld, list, md, mdi, plain, str, withheldNotices, type RenderContext, type SectionRenderer } from '../context';
import type { Consent, ConsentSection } from '../../model/protocol';

const signatureBlock = (label: string): string =>
  `<div class="sig"><div class="sig-line"></div><div class="sig-label">${esc(label)}</div></div>`;

function touch(ctx: RenderContext, c: Consent): string {
  const t = c.touch;
  if (!t || typeof t !== 'object') return '';
  const options = list<{ text?: unknown }>(t.options).map((o) => mdi(ctx, o.text));
  const notes = [
    t.revisable === true ? 'You can change these choices between sessions.' : '',
    t.narrowOnlyInSession === true ? 'During a session you can only narrow them, never widen them.' : '',
  ].filter(Boolean);
  return `<div class="keep-together"><h2>Touch: my choices</h2><p>Tick each kind of touch you agree to. Leave a box empty to say no.</p>${checklist(options)}${
    notes.length ? `<p class="small">${esc(notes.join(' '))}</p>` : ''
  }${t.stopSignal ? `<p><strong>Stop signal:</strong> ${mdi(ctx, t.stopSignal)}</p>` : ''}</div>`;
}

function ceremony(ctx: RenderContext, c: Consent): string {
  const elements = list<{ text?: unknown }>(c.ceremony?.elements).filter((e) => !isWithheld(e));
  if (!elements.length) return withheldNotices(ctx, 'consent.ceremony');
  const rows = elements
    .map((e) => `<tr><td>${mdi(ctx, e.text)}</td><td class="choice">☐ Yes</td><td class="choice">☐ No</td></tr>`)
    .join('');
  return `<div class="keep-together"><h2>Ceremony and cultural elements</h2><p>Taking part is your choice for each element, and there is no penalty for saying no.</p><table class="optin"><thead><tr><th>Element</th><th>I take part</th><th>I do not</th></tr></thead><tbody>${rows}</tbody></table>${withheldNotices(
    ctx,
    'consent.ceremony',
  )}</div>`;
}

export const consent: SectionRenderer = (ctx) => {
  const c = ctx.doc.consent;
  if (!c || typeof c !== 'object') return null;
  const version = str(c.version) ?? ctx.input.version.label;
  const sections = list<ConsentSection>(c.sections)
    .filter((s) => !isWithheld(s))
    .map((s) => `<div class="consent-item"><h3>${plain(ctx, s.title)}</h3>${md(ctx, s.text)}</div>`)
    .join('');
  const html = [
    `<p class="form-version">Consent form version ${esc(version)}</p>`,
    sections,
    withheldNotices(ctx, 'consent.sections'),
    touch(ctx, c),
    ceremony(ctx, c),
    `<div class="signatures keep-together"><h2>Signatures</h2><p>I have read this form, or had it read to me, and my questions have been answered. I agree to take part.</p>
<div class="sig-grid">${signatureBlock('Participant name')}${signatureBlock('Participant signature')}${signatureBlock('Date')}${signatureBlock(
      'Witness name',
    )}${signatureBlock('Witness signature')}${signatureBlock('Date')}${signatureBlock('Clinician name and role')}${signatureBlock('Clinician signature')}${signatureBlock('Date')}</div>
<p class="small muted">Consent form version ${esc(version)}. Keep a copy for yourself.</p></div>`,
  ].join('');
  return { id: 'consent', title: ctx.profile.audience === 'participant' ? 'Your consent' : 'Consent form', html };
};
