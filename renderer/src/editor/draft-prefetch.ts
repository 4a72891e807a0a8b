/**
 * Opening a protocol asks main for its draft, and checks it, as soon as the user picks it: the editor's
 * view then renders (and Monaco builds its editor) while those answers travel, instead of asking only
 * once it has mounted. Taken once, by the editor of that protocol; unclaimed answers go stale quickly.
 */
import type { DraftState, StudioApi } from '../../../main/contract/api';
import { studio } from '../api';

type Check = ReturnType<StudioApi['validate']>;
interface Pending {
  draft: Promise<DraftState>;
  /** The check of the draft's text, as it was when fetched. */
  check: Promise<{ text: string; reply: Awaited<Check> }>;
  at: number;
}

const FRESH_MS = 5_000;
const pending = new Map<string, Pending>();

export function prefetchDraft(protocolId: string): void {
  const draft = studio.openDraft({ protocolId });
  const check = draft.then(async (d) => ({ text: d.text, reply: await studio.validate({ text: d.text, protocolId }) }));
  // Awaited (and their failures reported) by the editor that takes them.
  draft.catch(() => {});
  check.catch(() => {});
  // Only the protocol opened last waits to be taken: an answer for one opened before it would be stale later.
  pending.clear();
  pending.set(protocolId, { draft, check, at: performance.now() });
}

/** The prefetched draft and check of this protocol, if fresh; else null (the editor asks itself). */
export function takePrefetched(protocolId: string): Omit<Pending, 'at'> | null {
  const p = pending.get(protocolId);
  pending.delete(protocolId);
  return p && performance.now() - p.at < FRESH_MS ? p : null;
}
