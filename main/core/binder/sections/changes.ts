/**
 * Change log since the previous QI cycle, and a site's changes from its base. Changes go through the
 * review module's `redactChanges` for this audience: a diff of withheld content is itself a disclosure.
 */
import { esc } from '../html';
import { facts, humanize, md, named, str, table, type RenderContext, type SectionRenderer } from '../context';
import type { PathSegment } from '../../diagnostics/diagnostic';
import type { ProtocolChange } from '../../diff/types';
import { redactChanges } from '../../review';
import { fmt } from '../labels/index';

const RATIONALE_FIELDS = ['justification', 'rationale', 'spacingJustification', 'equivalenceNote'];

/** The nearest written reason around a change: a justification/rationale field on the changed item or an enclosing one (read from the redacted document). */
function rationaleFor(ctx: RenderContext, path: PathSegment[]): string {
  const chain: unknown[] = [ctx.doc];
  for (const seg of path) {
    const cur = chain[chain.length - 1];
    if (cur === null || typeof cur !== 'object') break;
    chain.push((cur as Record<string | number, unknown>)[seg]);
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i];
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    for (const f of RATIONALE_FIELDS) {
      const v = (node as Record<string, unknown>)[f];
      if (v !== undefined) return md(ctx, v);
    }
  }
  return '';
}

const redacted = (ctx: RenderContext, changes: ProtocolChange[], old: unknown): ProtocolChange[] =>
  redactChanges(changes, old, ctx.input.value, ctx.profile.audience, ctx.lang, 'change_log');

const where = (c: ProtocolChange) => esc(str(c.label) ?? c.idPath);
const what = (c: ProtocolChange) => esc(str(c.summary) ?? `${humanize(c.kind)} ${c.idPath}`);

export const changeLog: SectionRenderer = (ctx) => {
  const { changeLog: log, previous, version, changeLogCommits } = ctx.input;
  const { t } = ctx;
  const range = previous ? fmt(t.changesFromTo, { from: previous.label, to: version.label }) : fmt(t.changesTo, { to: version.label });
  const lead = `<p class="lead">${esc(range)}${version.qiCycle !== undefined ? ` ${esc(fmt(t.inQiCycle, { n: version.qiCycle }))}` : ''}.</p>`;
  const groups = (log ?? []).map((s) => ({ category: s.category, changes: redacted(ctx, s.changes, previous?.value) })).filter((s) => s.changes.length);
  if (!groups.length) {
    return { id: 'change-log', title: t.changeLogTitle, html: `${lead}<p>${esc(log ? t.noChanges : t.noChangesNoEarlier)}</p>` };
  }
  const html = groups
    .map((s) => `<h2>${esc(fmt(t.categoryChanges, { category: named(ctx, s.category) }))}</h2>${table([t.where, t.whatChanged], s.changes.map((c) => [where(c), what(c)]), 'changes')}`)
    .join('');
  const reasons = (changeLogCommits ?? []).map((c) => `<li>${esc(c.message)} <span class="muted small">— ${esc(c.author)}, ${esc(c.time.slice(0, 10))}</span></li>`).join('');
  return { id: 'change-log', title: t.changeLogTitle, html: lead + html + (reasons ? `<h2>${esc(t.reasons)}</h2><ul>${reasons}</ul>` : '') };
};

export const siteChanges: SectionRenderer = (ctx) => {
  const m = ctx.doc.metadata;
  const based = m?.basedOn;
  const { t } = ctx;
  const head = facts([
    [t.thisSite, str(m?.site?.name) && esc(m?.site?.name)],
    [t.basedOn, esc(based && str(based.protocol) ? fmt(t.basedOnVersion, { protocol: based.protocol!, version: String(based.version ?? '') }) : t.notAnAdaptation)],
  ]);
  const given = ctx.input.siteChanges;
  if (!given) {
    return { id: 'site-changes', title: t.siteChangesTitle, html: `${head}<p>${esc(t.baseUnavailable)}</p>` };
  }
  const changes = redacted(ctx, given, ctx.input.base?.value);
  if (!changes.length) return { id: 'site-changes', title: t.siteChangesTitle, html: `${head}<p>${esc(t.noSiteChanges)}</p>` };
  const rows = changes.map((c) => [where(c), what(c), rationaleFor(ctx, c.path) || `<span class="muted">${esc(t.noReasonWritten)}</span>`]);
  return { id: 'site-changes', title: t.siteChangesTitle, html: head + table([t.where, t.whatChanged, t.whyChanged], rows, 'changes') };
};
