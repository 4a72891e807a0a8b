/** The consent form: each element, touch preferences and ceremony opt-ins with boxes, then signature lines. */
import { esc } from '../html';
import { checklist, isWithheld, TICK_BOX, list, md, mdi, plain, str, withheldNotices, type RenderContext, type SectionRenderer } from '../context';
import type { Consent, ConsentSection } from '../../model/protocol';
import { fmt } from '../labels/index';
import { isPlainObject } from '../../diff/values';

const signatureBlock = (label: string): string =>
  `<div class="sig"><div class="sig-line"></div><div class="sig-label">${esc(label)}</div></div>`;

function touch(ctx: RenderContext, c: Consent): string {
  const t = c.touch;
  if (!t || typeof t !== 'object') return '';
  const l = ctx.t;
  const options = list<{ text?: unknown }>(t.options).map((o) => mdi(ctx, o.text));
  const notes = [t.revisable === true ? l.touchRevisable : '', t.narrowOnlyInSession === true ? l.touchNarrowOnly : ''].filter(Boolean);
  return `<div class="keep-together"><h2>${esc(l.touchTitle)}</h2><p>${esc(l.touchLead)}</p>${checklist(options)}${
    notes.length ? `<p class="small">${esc(notes.join(' '))}</p>` : ''
  }${t.stopSignal ? `<p><strong>${esc(l.stopSignal)}</strong> ${mdi(ctx, t.stopSignal)}</p>` : ''}</div>`;
}

/** Whether the keepers wrote a placeholder for element `i` (the redaction stub otherwise carries a generic English one). */
function hasOwnPlaceholder(ctx: RenderContext, i: number): boolean {
  const original = (ctx.input.value as { consent?: { ceremony?: { elements?: unknown } } } | null)?.consent?.ceremony?.elements;
  const e: unknown = Array.isArray(original) ? original[i] : undefined;
  return typeof e === 'object' && e !== null && (e as { placeholder?: unknown }).placeholder !== undefined;
}

/**
 * Whether to take part is consent, so every element keeps its row of boxes. An element the disclosure
 * policy withholds is named by its keepers' placeholder (the only text the policy lets stand in for it),
 * or in the binder's words where they wrote none; its reason and whom to ask follow the table.
 */
function ceremony(ctx: RenderContext, c: Consent): string {
  // Positions kept: the keepers' own placeholder is looked up by the element's place in the unredacted list.
  const raw: unknown[] = Array.isArray(c.ceremony?.elements) ? c.ceremony.elements : [];
  const elements = raw.flatMap((e, i) => (isPlainObject(e) ? [[e as { text?: unknown; placeholder?: unknown }, i] as const] : []));
  if (!elements.length) return withheldNotices(ctx, 'consent.ceremony');
  const { t } = ctx;
  const rows = elements
    .map(([e, i]) => {
      const withheld = hasOwnPlaceholder(ctx, i) ? plain(ctx, e.placeholder) : esc(t.ceremonyElementInPerson);
      const what = isWithheld(e) ? `<em>${withheld}</em>` : mdi(ctx, e.text);
      return `<tr><td>${what}</td><td class="choice">${TICK_BOX} ${esc(t.yes)}</td><td class="choice">${TICK_BOX} ${esc(t.no)}</td></tr>`;
    })
    .join('');
  return `<div class="keep-together"><h2>${esc(t.ceremonyTitle)}</h2><p>${esc(t.ceremonyLead)}</p><table class="optin"><thead><tr><th>${esc(t.element)}</th><th>${esc(t.iTakePart)}</th><th>${esc(t.iDoNot)}</th></tr></thead><tbody>${rows}</tbody></table>${withheldNotices(
    ctx,
    'consent.ceremony',
  )}</div>`;
}

export const consent: SectionRenderer = (ctx) => {
  const c = ctx.doc.consent;
  if (!c || typeof c !== 'object') return null;
  const version = str(c.version) ?? ctx.input.version.label;
  const { t } = ctx;
  const sections = list<ConsentSection>(c.sections)
    .filter((s) => !isWithheld(s))
    .map((s) => `<div class="consent-item"><h3>${plain(ctx, s.title)}</h3>${md(ctx, s.text)}</div>`)
    .join('');
  const html = [
    `<p class="form-version">${esc(fmt(t.consentFormVersion, { version }))}</p>`,
    sections,
    withheldNotices(ctx, 'consent.sections'),
    touch(ctx, c),
    ceremony(ctx, c),
    `<div class="signatures keep-together"><h2>${esc(t.signatures)}</h2><p>${esc(t.signaturesLead)}</p>
<div class="sig-grid">${[t.participantName, t.participantSignature, t.date, t.witnessName, t.witnessSignature, t.date, t.clinicianName, t.clinicianSignature, t.date]
      .map(signatureBlock)
      .join('')}</div>
<p class="small muted">${esc(fmt(t.keepACopy, { version }))}</p></div>`,
  ].join('');
  return { id: 'consent', title: ctx.profile.audience === 'participant' ? t.consentTitleParticipant : t.consentTitle, html };
};
