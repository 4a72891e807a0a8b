/** Review status of the sections, and the sign-off page. */
import { esc } from '../html';
import { named, str, table, text, type RenderContext, type SectionRenderer } from '../context';
import { listSections, reviewStatus as statusOfSections, type SectionReviewStatus } from '../../review';
import { parseIdPath, resolveIdPath } from '../../diff/id-path';
import { at } from '../../rules/read';
import { hasCulturalContent } from '../../model/shape';
import { fmt, term } from '../labels/index';

const MAX_TITLE = 70;

/**
 * A section as people name it, never its path: an item known only by its id ("Absolute exclusion htn") is
 * named by its own text instead, read from the redacted document so a withheld text stays withheld.
 */
function readableTitle(ctx: RenderContext, e: SectionReviewStatus): string {
  let steps: ReturnType<typeof parseIdPath>;
  try {
    steps = parseIdPath(e.key);
  } catch {
    return e.title;
  }
  const last = steps[steps.length - 1];
  if (!last || !('id' in last) || !e.title.endsWith(` ${last.id}`)) return e.title;
  const path = resolveIdPath(ctx.doc, steps);
  const own = path && text(ctx, at(ctx.doc, [...path, 'text'])).replace(/\s+/g, ' ').trim();
  if (!own) return e.title;
  const noun = e.title.slice(0, -last.id.length - 1);
  return `${noun}: ${own.length > MAX_TITLE ? `${own.slice(0, MAX_TITLE - 1)}…` : own}`;
}

/** Sign-off roles that speak for cultural content: printed only where the protocol has some. */
const CULTURAL_ROLES = new Set(['Elder / cultural advisor', 'Elder', 'Knowledge Keeper']);

const validDate = (iso: string): Date => (Number.isNaN(Date.parse(iso)) ? new Date() : new Date(iso));

export const reviewStatus: SectionRenderer = (ctx) => {
  const given = ctx.input.reviewStatus;
  // Without review records, the document alone still tells which sections need review and that none is recorded.
  const entries =
    given ?? statusOfSections(listSections(ctx.input.value, ctx.lang), { requests: [], events: [] }, validDate(ctx.input.generatedAt), { audience: ctx.profile.audience, lang: ctx.lang });
  const shown = entries.filter((e) => e.required || e.state !== 'not_required');
  const m = ctx.doc.metadata;
  const { t } = ctx;
  const lead = `<p class="lead">${esc(t.protocolStatus)} <strong>${esc(named(ctx, ctx.input.version.status))}</strong>.${
    str(m?.review?.nextReview) ? ` ${esc(fmt(t.nextReviewDue, { date: m!.review!.nextReview! }))}` : ''
  } ${esc(given ? t.fromReviewRecords : t.noReviewRecords)}</p>`;
  const rows = shown.map((e) => [
    esc(readableTitle(ctx, e)),
    esc(named(ctx, e.track)),
    `<span class="status status-${esc(e.state)}">${esc(named(ctx, e.state))}</span>`,
    esc([e.approvedBy, e.approvedAt?.slice(0, 10)].filter(Boolean).join(', ')) + (e.reviewDue ? `<div class="small muted">${esc(fmt(t.dueAgain, { date: e.reviewDue.slice(0, 10) }))}</div>` : ''),
    esc(e.message),
  ]);
  return {
    id: 'review-status',
    title: t.reviewStatusTitle,
    html: lead + (rows.length ? table([t.section, t.track, t.state, t.approved, t.notes], rows, 'review') : `<p>${esc(t.noSeparateReview)}</p>`),
  };
};

export const signoff: SectionRenderer = (ctx) => {
  const signed = ctx.input.signoffs ?? [];
  const cultural = hasCulturalContent(ctx.input.value);
  const roles = [...new Set([...ctx.profile.signoffRoles.filter((r) => cultural || !CULTURAL_ROLES.has(r)), ...signed.map((s) => s.role)])];
  if (!roles.length) return null;
  const { t } = ctx;
  const line = (label: string, value?: string) =>
    `<div class="sig"><div class="sig-line">${value ? `<span class="filled">${esc(value)}</span>` : ''}</div><div class="sig-label">${esc(label)}</div></div>`;
  const blocks = roles
    .map((role) => {
      const s = signed.find((x) => x.role === role);
      return `<div class="signoff keep-together"><h2>${esc(term(t, role, role))}</h2><div class="sig-grid">${line(t.name, s?.name)}${line(t.signature)}${line(t.date, s?.date)}</div></div>`;
    })
    .join('');
  return {
    id: 'signoff',
    title: t.signoffTitle,
    html: `<p class="lead">${esc(fmt(t.signoffLead, { label: ctx.input.version.label }))}</p>${blocks}`,
  };
};
