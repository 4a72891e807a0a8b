/** Review status of the sections, and the sign-off page. */
import { esc } from '../html';
import { humanize, str, table, type SectionRenderer } from '../context';
import { listSections, reviewStatus as statusOfSections } from '../../review';

const validDate = (iso: string): Date => (Number.isNaN(Date.parse(iso)) ? new Date() : new Date(iso));

export const reviewStatus: SectionRenderer = (ctx) => {
  const given = ctx.input.reviewStatus;
  // Without review records, the document alone still tells which sections need review and that none is recorded.
  const entries =
    given ?? statusOfSections(listSections(ctx.input.value, ctx.lang), { requests: [], events: [] }, validDate(ctx.input.generatedAt), { audience: ctx.profile.audience, lang: ctx.lang });
  const shown = entries.filter((e) => e.required || e.state !== 'not_required');
  const m = ctx.doc.metadata;
  const lead = `<p class="lead">Protocol status: <strong>${esc(humanize(ctx.input.version.status))}</strong>.${
    str(m?.review?.nextReview) ? ` Next full review due ${esc(m?.review?.nextReview)}.` : ''
  } ${given ? 'From the workspace review records.' : 'No review records were supplied: sign-offs recorded in the workspace are not shown.'}</p>`;
  const rows = shown.map((e) => [
    `${esc(e.title)}<div class="small muted">${esc(e.key)}</div>`,
    esc(humanize(e.track)),
    `<span class="status status-${esc(e.state)}">${esc(humanize(e.state))}</span>`,
    esc([e.approvedBy, e.approvedAt?.slice(0, 10)].filter(Boolean).join(', ')) + (e.reviewDue ? `<div class="small muted">due again ${esc(e.reviewDue.slice(0, 10))}</div>` : ''),
    esc(e.message),
  ]);
  return {
    id: 'review-status',
    title: 'Review status',
    html: lead + (rows.length ? table(['Section', 'Track', 'State', 'Approved', 'Notes'], rows, 'review') : '<p>No section of this protocol needs a separate review.</p>'),
  };
};

export const signoff: SectionRenderer = (ctx) => {
  const signed = ctx.input.signoffs ?? [];
  const roles = [...new Set([...ctx.profile.signoffRoles, ...signed.map((s) => s.role)])];
  if (!roles.length) return null;
  const line = (label: string, value?: string) =>
    `<div class="sig"><div class="sig-line">${value ? `<span class="filled">${esc(value)}</span>` : ''}</div><div class="sig-label">${esc(label)}</div></div>`;
  const blocks = roles
    .map((role) => {
      const s = signed.find((x) => x.role === role);
      return `<div class="signoff keep-together"><h2>${esc(role)}</h2><div class="sig-grid">${line('Name', s?.name)}${line('Signature')}${line('Date', s?.date)}</div></div>`;
    })
    .join('');
  return {
    id: 'signoff',
    title: 'Sign-off',
    html: `<p class="lead">By signing, each reviewer confirms they have read version ${esc(ctx.input.version.label)} of this binder as printed, for the scope of their role.</p>${blocks}`,
  };
};
