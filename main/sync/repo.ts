/**
 * Git plumbing on bare repositories through isomorphic-git: refs, object presence, copying the objects a
 * commit needs from one repository into another, and a compare-and-swap ref update under a lock file.
 * Objects are copied parents first and, inside a commit, blobs and subtrees before their tree, so an
 * object that exists in the destination always has everything it points to: a re-run after an
 * interruption skips what is there and picks up where the copy stopped.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { gitFs } from './git-fs';

export type Progress = (event: { phase: string; loaded: number; total: number }) => void;

/** A remote branch moved since it was read: fetch, rebuild on top, try again (never force). */
export class RemoteMovedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteMovedError';
  }
}

/** Something the remote holds or says that the studio cannot use; the message is for people. */
export class SyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncError';
  }
}

/** Creates a bare repository when `gitdir` holds none; leaves an existing one alone. */
export async function ensureBareRepo(gitdir: string, defaultBranch = 'main'): Promise<void> {
  try {
    await fsp.access(join(gitdir, 'HEAD'));
  } catch {
    await git.init({ fs: gitFs, gitdir, bare: true, defaultBranch });
  }
}

/** The oid a ref points to, or null when it does not exist. */
export async function readRef(gitdir: string, ref: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs: gitFs, gitdir, ref });
  } catch (err) {
    if ((err as { code?: string }).code === 'NotFoundError') return null;
    throw err;
  }
}

export async function writeRef(gitdir: string, ref: string, oid: string): Promise<void> {
  await git.writeRef({ fs: gitFs, gitdir, ref, value: oid, force: true });
}

/** Per-copy memo of what the destination holds, and the pack cache of isomorphic-git. */
interface CopyState {
  src: string;
  dst: string;
  present: Set<string>;
  cache: object;
}

async function has(state: { dst: string; present: Set<string>; cache: object }, oid: string): Promise<boolean> {
  if (state.present.has(oid)) return true;
  let found: boolean;
  try {
    await fsp.access(join(state.dst, 'objects', oid.slice(0, 2), oid.slice(2)));
    found = true;
  } catch {
    try {
      await git.readObject({ fs: gitFs, gitdir: state.dst, oid, format: 'deflated', cache: state.cache });
      found = true;
    } catch {
      found = false;
    }
  }
  if (found) state.present.add(oid);
  return found;
}

export async function hasObject(gitdir: string, oid: string): Promise<boolean> {
  return has({ dst: gitdir, present: new Set(), cache: {} }, oid);
}

async function copyObject(state: CopyState, oid: string): Promise<void> {
  const { type, object } = await git.readObject({ fs: gitFs, gitdir: state.src, oid, format: 'content', cache: state.cache });
  const written = await git.writeObject({ fs: gitFs, gitdir: state.dst, type: type as 'blob', object: object as Uint8Array, format: 'content' });
  // The oid is recomputed from the content: a corrupt source object is caught here, not copied on.
  if (written !== oid) throw new SyncError(`object ${oid} is damaged in ${state.src} (its content hashes to ${written})`);
  state.present.add(oid);
}

async function copyTree(state: CopyState, oid: string): Promise<void> {
  if (await has(state, oid)) return;
  const { tree } = await git.readTree({ fs: gitFs, gitdir: state.src, oid, cache: state.cache });
  for (const entry of tree) {
    if (entry.type === 'tree') await copyTree(state, entry.oid);
    else if (entry.type === 'blob' && !(await has(state, entry.oid))) await copyObject(state, entry.oid);
  }
  await copyObject(state, oid);
}

/**
 * Copies every object `tip` needs from `src` into `dst`, reporting one step per commit. Returns the
 * number of commits copied (0 when `dst` already had the tip).
 */
export async function copyHistory(src: string, dst: string, tip: string, phase: string, onProgress?: Progress): Promise<number> {
  const state: CopyState = { src, dst, present: new Set(), cache: {} };
  // Commits the destination lacks, parents before children (depth-first post-order, no recursion).
  const order: string[] = [];
  const seen = new Set<string>();
  const stack: Array<{ oid: string; expanded: boolean }> = [{ oid: tip, expanded: false }];
  const parents = new Map<string, { tree: string; parent: string[] }>();
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded) {
      order.push(top.oid);
      continue;
    }
    if (seen.has(top.oid)) continue;
    seen.add(top.oid);
    if (await has(state, top.oid)) continue;
    const { commit } = await git.readCommit({ fs: gitFs, gitdir: src, oid: top.oid, cache: state.cache });
    parents.set(top.oid, commit);
    stack.push({ oid: top.oid, expanded: true });
    for (const p of commit.parent) if (!seen.has(p)) stack.push({ oid: p, expanded: false });
  }
  let done = 0;
  onProgress?.({ phase, loaded: 0, total: order.length });
  for (const oid of order) {
    await copyTree(state, parents.get(oid)!.tree);
    await copyObject(state, oid);
    onProgress?.({ phase, loaded: ++done, total: order.length });
  }
  return order.length;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Moves `ref` in the bare repository `gitdir` from `expected` (null: must not exist) to `next`, the way
 * git does: create `<ref>.lock` exclusively, check the current value, write, rename over the ref.
 * Throws RemoteMovedError when the ref is not at `expected`; waits briefly while another writer holds
 * the lock, then says who to ask.
 */
export async function compareAndSwapRef(gitdir: string, ref: string, expected: string | null, next: string): Promise<void> {
  const file = join(gitdir, ref);
  const lock = `${file}.lock`;
  await fsp.mkdir(join(file, '..'), { recursive: true });
  let handle: Awaited<ReturnType<typeof fsp.open>> | undefined;
  for (let attempt = 0; !handle; attempt++) {
    try {
      handle = await fsp.open(lock, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (attempt >= 100) {
        throw new SyncError(`the remote is locked by another publish (${lock}); if nobody is publishing, delete that file and try again`);
      }
      await sleep(20 + Math.floor(Math.random() * 30));
    }
  }
  let renamed = false;
  try {
    const current = await readRef(gitdir, ref);
    if (current !== expected) {
      throw new RemoteMovedError(`${ref} moved on to ${current?.slice(0, 7) ?? 'nothing'} since it was read (${expected?.slice(0, 7) ?? 'empty'})`);
    }
    await handle.writeFile(`${next}\n`);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fsp.rename(lock, file);
    renamed = true;
  } finally {
    await handle?.close();
    if (!renamed) await fsp.rm(lock, { force: true });
  }
}
