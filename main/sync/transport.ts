/**
 * Reaching a remote. A path or file:// URL (a bare repository on this disk or a shared drive) is read and
 * written directly through the file system: objects are copied across and the branch is moved by
 * compare-and-swap under a lock, as git itself does. https goes through isomorphic-git's http client.
 * ssh has no pure-JavaScript transport here and is refused with a plain message.
 */
import { promises as fsp } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { gitFs } from './git-fs';
import { compareAndSwapRef, copyHistory, readRef, RemoteMovedError, SyncError, writeRef, type Progress } from './repo';

export type RemoteLocation = { kind: 'path'; gitdir: string } | { kind: 'https'; url: string };

export interface RemoteTarget {
  name: string;
  url: string;
  branch: string;
}

export const SSH_UNSUPPORTED =
  'ssh remotes are not supported: the studio needs no system git and has no ssh transport. Use an https URL or a shared-drive path.';

/** Where a remote URL points; relative paths are taken from `cwd`. */
export function locateRemote(url: string, cwd = process.cwd()): RemoteLocation {
  const u = url.trim();
  if (/^ssh:\/\//i.test(u) || /^[\w.-]+@[\w.-]+:/.test(u) || /^git\+ssh:/i.test(u)) throw new SyncError(SSH_UNSUPPORTED);
  if (/^https?:\/\//i.test(u)) return { kind: 'https', url: u };
  if (/^file:\/\//i.test(u)) {
    try {
      return { kind: 'path', gitdir: fileURLToPath(u) };
    } catch (err) {
      throw new SyncError(`${u} is not a usable file URL: ${(err as Error).message}`);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) throw new SyncError(`${u}: only https, file:// and folder paths are supported`);
  if (u === '') throw new SyncError('a remote needs a URL or a folder path');
  return { kind: 'path', gitdir: isAbsolute(u) ? u : resolve(cwd, u) };
}

async function requireBareRepo(gitdir: string): Promise<void> {
  try {
    await fsp.access(join(gitdir, 'HEAD'));
    await fsp.access(join(gitdir, 'objects'));
  } catch {
    throw new SyncError(`no git repository at ${gitdir}: create a bare repository there first (e.g. \`git init --bare\`), or check the path`);
  }
}

/** How git servers word a push refused because the branch is no longer where the pusher saw it. */
const MOVED = /non-fast-forward|fetch first|failed to update ref|stale info|cannot lock ref/i;

const trackingRef = (remote: RemoteTarget): string => `refs/remotes/${remote.name}/${remote.branch}`;

/** Offline-readable copy of what the last fetch saw of the remote branch. */
export function lastSeenTip(mirror: string, remote: RemoteTarget): Promise<string | null> {
  return readRef(mirror, trackingRef(remote));
}

/**
 * Brings the remote branch's history into the local mirror and returns its tip (null for an empty
 * remote). Objects already in the mirror are skipped, so a fetch cut short resumes on the next run.
 */
export async function fetchTip(mirror: string, remote: RemoteTarget, onProgress?: Progress): Promise<string | null> {
  const where = locateRemote(remote.url);
  let tip: string | null;
  if (where.kind === 'path') {
    await requireBareRepo(where.gitdir);
    tip = await readRef(where.gitdir, `refs/heads/${remote.branch}`);
    if (tip) await copyHistory(where.gitdir, mirror, tip, 'Receiving versions', onProgress);
  } else {
    try {
      // isomorphic-git reads the refspec from the mirror's config, as git does for a named remote.
      await git.setConfig({ fs: gitFs, gitdir: mirror, path: `remote.${remote.name}.url`, value: where.url });
      await git.setConfig({ fs: gitFs, gitdir: mirror, path: `remote.${remote.name}.fetch`, value: `+refs/heads/*:refs/remotes/${remote.name}/*` });
      const result = await git.fetch({ fs: gitFs, http, gitdir: mirror, remote: remote.name, ref: remote.branch, singleBranch: true, tags: false, onProgress });
      tip = result.fetchHead;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'NotFoundError') tip = null;
      else throw new SyncError(`cannot fetch ${where.url}: ${(err as Error).message}`);
    }
  }
  if (tip) await writeRef(mirror, trackingRef(remote), tip);
  return tip;
}

/**
 * Moves the remote branch from `expected` to `next` (whose objects are in the mirror) and creates the
 * tags that do not exist there yet. Throws RemoteMovedError when someone else published first.
 */
export async function pushTip(
  mirror: string,
  remote: RemoteTarget,
  expected: string | null,
  next: string,
  tags: ReadonlyArray<{ ref: string; oid: string }>,
  onProgress?: Progress,
): Promise<void> {
  const where = locateRemote(remote.url);
  if (where.kind === 'path') {
    await requireBareRepo(where.gitdir);
    await copyHistory(mirror, where.gitdir, next, 'Sending versions', onProgress);
    await compareAndSwapRef(where.gitdir, `refs/heads/${remote.branch}`, expected, next);
    for (const tag of tags) {
      if ((await readRef(where.gitdir, tag.ref)) !== null) continue;
      try {
        await compareAndSwapRef(where.gitdir, tag.ref, null, tag.oid);
      } catch (err) {
        // Another site created the same tag meanwhile: tags are never moved, theirs stays.
        if (!(err instanceof RemoteMovedError)) throw err;
      }
    }
  } else {
    const local = `refs/heads/publish-${remote.name}`;
    await writeRef(mirror, local, next);
    const result = await git
      .push({ fs: gitFs, http, gitdir: mirror, url: where.url, ref: local, remoteRef: `refs/heads/${remote.branch}`, onProgress })
      .catch((err: { code?: string; message: string }) => {
        // A server that moved on says so as a rejected fast-forward or, when its compare-and-swap of the ref
        // failed, "failed to update ref": either way fetch and re-publish (the attempts are bounded).
        if (err.code === 'PushRejectedError' || (err.code === 'GitPushError' && MOVED.test(err.message))) {
          throw new RemoteMovedError(`${remote.branch} on ${where.url} moved on: ${err.message}`);
        }
        throw new SyncError(`cannot publish to ${where.url}: ${err.message}`);
      });
    if (!result.ok) throw new SyncError(`${where.url} refused the publish: ${result.error ?? 'no reason given'}`);
    for (const tag of tags) {
      await writeRef(mirror, tag.ref, tag.oid);
      await git.push({ fs: gitFs, http, gitdir: mirror, url: where.url, ref: tag.ref, remoteRef: tag.ref }).catch(() => undefined);
    }
  }
  await writeRef(mirror, trackingRef(remote), next);
}
