/** Rebase of a site adaptation onto a newer version of its base, as preview and as resolved draft. */
import { parse, stringify } from 'yaml';
import type { ConflictChoice, RebasePreview } from '../contract';
import { rebase, resolveConflicts, type RebaseResult, type Resolution } from '../core/merge';
import type { StudioContext } from './studio-context';

function merge(svc: StudioContext, protocolId: string, newBaseVersion: number): { result: RebaseResult; newBase: RebasePreview['newBase']; newBaseId: string } {
  const oldBase = svc.draftBaseOf(protocolId);
  const target = svc.ws.findVersion(oldBase.protocolId, String(newBaseVersion));
  const newBase = svc.ws.getVersion(target.id);
  const site = svc.textOf({ kind: 'draft', protocolId });
  const result = rebase({ oldBaseText: oldBase.text, newBaseText: newBase.text, siteText: site.text });
  return { result, newBase: { protocol: newBase.protocolId, version: newBase.seq, versionLabel: newBase.versionLabel }, newBaseId: newBase.id };
}

const snippet = (v: unknown): string | null => (v === undefined ? null : stringify(v, { lineWidth: 0 }).trimEnd());

export function rebasePreview(svc: StudioContext, protocolId: string, newBaseVersion: number): RebasePreview {
  const { result, newBase } = merge(svc, protocolId, newBaseVersion);
  return {
    text: result.text,
    conflicts: result.conflicts.map((c) => ({
      id: c.idPath,
      label: c.label,
      reason: c.reason,
      oldBase: snippet(c.oldBase),
      base: snippet(c.base),
      site: snippet(c.site),
    })),
    applied: result.applied.map((c) => c.summary),
    warnings: result.warnings,
    newBase,
  };
}

/** The merged text with every conflict resolved as chosen (unlisted conflicts keep the site's value). */
export function rebaseResolve(svc: StudioContext, protocolId: string, newBaseVersion: number, choices: ConflictChoice[]): { text: string; newBaseId: string } {
  const { result, newBaseId } = merge(svc, protocolId, newBaseVersion);
  const resolutions: Resolution[] = choices.map((c) => {
    if (c.take !== 'edited') return { idPath: c.id, choice: c.take };
    let value: unknown;
    try {
      value = parse(c.text, { maxAliasCount: 0 });
    } catch (e) {
      throw Object.assign(new Error(`the edited value for ${c.id} is not valid YAML: ${(e as Error).message.split('\n')[0]}`), { name: 'InvalidInputError' });
    }
    return { idPath: c.id, choice: 'edited', value };
  });
  return { text: resolveConflicts(result, resolutions), newBaseId };
}
