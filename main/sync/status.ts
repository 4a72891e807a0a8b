/**
 * Where sync stands, read from the workspace and the local mirror only (works offline): the remotes, how
 * far each protocol is published, and adaptations whose base has moved on since they were last rebased.
 */
import type { BaseMovedOn, SyncStatusView } from '../contract/types';
import type { Workspace } from '../store/workspace';
import { listRemotes, syncedVersions } from './remotes';
import { lastSeenTip } from './transport';

/** The shapes the app's contract shows (types only: the contract imports nothing back). */
export type { BaseMovedOn, SyncStatusView as SyncStatus } from '../contract/types';
type PublishedStatus = SyncStatusView['published'][number];
type RemoteStatus = SyncStatusView['remotes'][number];

/** Adaptations whose base protocol has a newer version than the one they are on. */
export function basesMovedOn(ws: Workspace): BaseMovedOn[] {
  return ws.listProtocols().flatMap((p): BaseMovedOn[] => {
    if (!p.base) return [];
    const on = ws.findVersion(p.base.protocolId, p.base.versionId);
    const newest = ws.head(p.base.protocolId);
    if (!newest || newest.seq <= on.seq) return [];
    return [{ protocolId: p.id, title: p.title, baseProtocolId: p.base.protocolId, onSeq: on.seq, newestSeq: newest.seq, newestLabel: newest.versionLabel }];
  });
}

export async function syncStatus(ws: Workspace, mirror: string): Promise<SyncStatusView> {
  const remotes: RemoteStatus[] = [];
  for (const r of listRemotes(ws)) remotes.push({ ...r, lastSeenTip: await lastSeenTip(mirror, r).catch(() => null) });
  const synced = syncedVersions(ws);
  const published: PublishedStatus[] = [];
  const subscribed = new Map<string, string>();
  for (const p of ws.listProtocols()) {
    const headSeq = p.headSeq ?? 0;
    const seqOf = new Map(ws.history(p.id).map((v) => [v.id, v.seq]));
    for (const r of remotes) {
      const mine = synced.filter((s) => s.protocolId === p.id && s.remote === r.name);
      const seqs = mine.map((s) => seqOf.get(s.localVersionId) ?? 0);
      if (mine.some((s) => s.direction === 'fetched')) subscribed.set(p.id, r.name);
      if (!mine.some((s) => s.direction === 'published')) continue;
      const publishedSeq = Math.max(...seqs);
      published.push({ protocolId: p.id, remote: r.name, publishedSeq, headSeq, unpublished: headSeq - publishedSeq });
    }
  }
  return { remotes, published, subscribed: [...subscribed].map(([protocolId, remote]) => ({ protocolId, remote })), basesMovedOn: basesMovedOn(ws) };
}
