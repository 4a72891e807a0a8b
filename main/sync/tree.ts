/** Reading and writing the protocol folders of a commit's tree (the layout in layout.ts). */
import git, { type TreeEntry } from 'isomorphic-git';
import { gitFs } from './git-fs';

/** The bytes of `path` at `commit`, or null when it is not there. */
export async function readFileAt(gitdir: string, commit: string, path: string, cache: object = {}): Promise<Uint8Array | null> {
  try {
    const { blob } = await git.readBlob({ fs: gitFs, gitdir, oid: commit, filepath: path, cache });
    return blob;
  } catch (err) {
    if ((err as { code?: string }).code === 'NotFoundError') return null;
    throw err;
  }
}

/** Names of the top-level folders at `commit`. */
export async function topFolders(gitdir: string, commit: string, cache: object = {}): Promise<string[]> {
  const { tree } = await git.readTree({ fs: gitFs, gitdir, oid: commit, cache });
  return tree.filter((e) => e.type === 'tree').map((e) => e.path);
}

/** Git's tree order: byte order of names, with a folder compared as "name/". */
function sortEntries(entries: TreeEntry[]): TreeEntry[] {
  const key = (e: TreeEntry): string => (e.type === 'tree' ? `${e.path}/` : e.path);
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * A new root tree: `root` (null for an empty repository) with the folder `name` replaced by `files`.
 * Other folders are kept by reference, so a publish never touches another protocol's files.
 */
export async function withFolder(gitdir: string, root: string | null, name: string, files: Record<string, Uint8Array>): Promise<string> {
  const entries: TreeEntry[] = [];
  for (const [path, bytes] of Object.entries(files)) {
    entries.push({ mode: '100644', path, type: 'blob', oid: await git.writeBlob({ fs: gitFs, gitdir, blob: bytes }) });
  }
  const folder = await git.writeTree({ fs: gitFs, gitdir, tree: sortEntries(entries) });
  const rootEntries = root ? (await git.readTree({ fs: gitFs, gitdir, oid: root })).tree.filter((e) => e.path !== name) : [];
  rootEntries.push({ mode: '040000', path: name, type: 'tree', oid: folder });
  return git.writeTree({ fs: gitFs, gitdir, tree: sortEntries(rootEntries) });
}
