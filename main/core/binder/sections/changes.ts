/**
 * Change log since the previous QI cycle, and a site's changes from its base. Changes go through the
 * review module's `redactChanges` for this audience: a diff of withheld content is itself a disclosure.
 */
import { esc } from '../html';
import { facts, humanize, md, str, table, type RenderContext, type SectionRenderer } from '../context';
import type { PathSegment } from '../../diagnostics/diagnostic';
import type { ProtocolChange } from '../../diff/types';
import { redactChanges } from '../../review';

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
  redactChanges(changes, old, ctx.input.value, ctx.profile.audience, ctx.lang);

const where = (c: ProtocolChange) => esc(str(c.label) ?? c.idPath);
const what = (c: ProtocolChange) => esc(str(c.summary) ?? `${humanize(c.kind)} ${c.idPath}`);

export const changeLog: SectionRenderer = (ctx) => {
  const { changeLog: log, previous, version, changeLogCommits } = ctx.input;
  const lead = `<p class="lead">${previous ? `Changes from version ${esc(previous.label)}` : 'Changes'} to version ${esc(version.label)}${
    version.qiCycle !== undefined ? ` (QI cycle ${esc(version.qiCycle)})` : ''
  }.</p>`;
  const groups = (log ?? []).map((s) => ({ category: s.category, changes: redacted(ctx, s.changes, previous?.value) })).filter((s) => s.changes.length);
  if (!groups.length) {
    return { id: 'change-log', title: 'Change log', html: `${lead}<p>No changes are recorded since the previous QI cycle${log ? '' : ' (no earlier version was supplied)'}.</p>` };
  }
  const html = groups.map((s) => `<h2>${esc(humanize(s.category))} changes</h2>${table(['Where', 'What changed'], s.changes.map((c) => [where(c), what(c)]), 'changes')}`).join('');
  const reasons = (changeLogCommits ?? []).map((c) => `<li>${esc(c.message)} <span class="muted small">— ${esc(c.author)}, ${esc(c.time.slice(0, 10))}</span></li>`).join('');
  return { id: 'change-log', title: 'Change log', html: lead + html + (reasons ? `<h2>Reasons recorded with the changes</h2><ul>${reasons}</ul>` : '') };
};

export const siteChanges: SectionRenderer = (ctx) => {
  const m = ctx.doc.metadata;
  const based = m?.basedOn;
  const head = facts([
    ['This site', str(m?.site?.name) && esc(m?.site?.name)],
    ['Based on', based && str(based.protocol) ? esc(`${based.protocol} version ${String(based.version ?? '')}`) : 'Not an adaptation: this protocol names no base.'],
  ]);
  const given = ctx.input.siteChanges;
  if (!given) {
    return { id: 'site-changes', title: 'What this site changed', html: `${head}<p>The base protocol was not available, so its changes could not be listed.</p>` };
  }
  const changes = redacted(ctx, given, ctx.input.base?.value);
  if (!changes.length) return { id: 'site-changes', title: 'What this site changed', html: `${head}<p>This site has made no changes to its base.</p>` };
  const rows = changes.map((c) => [where(c), what(c), rationaleFor(ctx, c.path) || '<span class="muted">No reason written in the protocol</span>']);
  return { id: 'site-changes', title: 'What this site changed', html: head + table(['Where', 'What changed', 'Why'], rows, 'changes') };
};
