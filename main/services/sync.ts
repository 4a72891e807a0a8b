/**
 * The app's Sync panel on top of main/sync: remotes, publish, fetch and status for the workspace the
 * studio has open, with progress reported as export-progress events under the caller's job id.
 */
import { resolve } from 'node:path';
import type { SyncAudienceArg, SyncFetchView, SyncPublishView, SyncStatusView } from '../contract';
import type { Workspace } from '../store/workspace';
import { checkRemoteInput } from '../sync/remotes';
import { addRemote, ensureBareRepo, fetchRemote, locateRemote, mirrorFor, publish, SyncError, syncStatus, type Progress } from '../sync';

/** Reports a phase and its fraction done; `done` once at the end (with the error, if any). */
export type SyncEmit = (phase: string, fraction: number, done?: boolean, error?: string) => void;

const mirrorOf = (ws: Workspace): string => mirrorFor(resolve(ws.file));

const progressOf =
  (emit: SyncEmit): Progress =>
  (p) =>
    emit(p.phase, p.total > 0 ? p.loaded / p.total : 0);

async function reporting<T>(emit: SyncEmit, done: string, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    emit(done, 1, true);
    return result;
  } catch (e) {
    emit('Failed', 1, true, (e as Error).message);
    throw e;
  }
}

export function syncStatusView(ws: Workspace): Promise<SyncStatusView> {
  return syncStatus(ws, mirrorOf(ws));
}

export async function syncAddRemoteFor(
  ws: Workspace,
  a: { name: string; url: string; audience: SyncAudienceArg; branch?: string; community?: string; create?: boolean },
  actor: string,
): Promise<SyncStatusView> {
  const { create, ...input } = a;
  const checked = checkRemoteInput(input);
  if (create) {
    // The remote is checked first, so a refused one leaves no empty repository behind.
    const where = locateRemote(checked.url);
    if (where.kind !== 'path') throw new SyncError('only a folder can be created here; an https repository is created on its server');
    await ensureBareRepo(where.gitdir, checked.branch);
  }
  addRemote(ws, input, actor);
  return syncStatusView(ws);
}

export function syncPublishFor(ws: Workspace, a: { protocolId: string; remote: string }, actor: string, emit: SyncEmit): Promise<SyncPublishView> {
  return reporting(emit, 'Published', () => publish(ws, { remote: a.remote, protocolId: a.protocolId, actor, mirror: mirrorOf(ws), onProgress: progressOf(emit) }));
}

export function syncFetchFor(ws: Workspace, a: { remote: string; protocolId?: string }, actor: string, emit: SyncEmit): Promise<SyncFetchView> {
  return reporting(emit, 'Fetched', () =>
    fetchRemote(ws, { remote: a.remote, actor, mirror: mirrorOf(ws), onProgress: progressOf(emit), ...(a.protocolId ? { protocolId: a.protocolId } : {}) }),
  );
}
