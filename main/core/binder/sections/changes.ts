/**
 * Change log since the previous QI cycle, and a site's changes from its base. Changes go through the
 * review module's `redactChanges` for this audience: a diff of withheld content is itself a disclosure.
 */
import { esc } from '../html';
import { facts, humanize, md, named, str, table, type RenderContext, type SectionRenderer } from '../context';
import type { PathSegment } from '../../diagnostics/diagnostic';
import type { ProtocolChange } from '../../diff/types';
import { parseIdPath, resolveIdPath, type IdStep } from '../../diff/id-path';
import { redactChanges } from '../../review';
import { fmt } from '../labels/index';

const RATIONALE_FIELDS = ['justification', 'rationale', 'spacingJustification', 'equivalenceNote'];

/**
 * Where a change sits in the redacted new document, found by its id path: a removed item (or one whose list
 * shifted) is not looked up by its old index, which would lend it a neighbour's reason. For a removed item,
 * the nearest enclosing part that still exists.
 */
function currentPath(ctx: RenderContext, c: ProtocolChange): PathSegment[] {
  let steps: IdStep[];
  try {
    steps = parseIdPath(c.idPath);
  } catch {
    return [];
  }
  if (c.kind === 'removed') steps = steps.slice(0, -1);
  for (let n = steps.length; n > 0; n--) {
    const path = resolveIdPath(ctx.doc, steps.slice(0, n));
    if (path) return path;
  }
  return [];
}

/** The nearest written reason around a change: a justification/rationale field on the changed item or an enclosing one (read from the redacted document). */
function rationaleFor(ctx: RenderContext, c: ProtocolChange): string {
  const path = currentPath(ctx, c);
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
  const reasons = (changeLogCommits ?? []).map((c) => `<li>${esc(c.message)} <span class="muted small">— ${esc(c.authorName ?? c.author)}, ${esc(c.time.slice(0, 10))}</span></li>`).join('');
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
  const rows = changes.map((c) => [where(c), what(c), rationaleFor(ctx, c) || `<span class="muted">${esc(t.noReasonWritten)}</span>`]);
  return { id: 'site-changes', title: t.siteChangesTitle, html: head + table([t.where, t.whatChanged, t.whyChanged], rows, 'changes') };
};
