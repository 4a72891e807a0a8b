/**
 * The file system handed to isomorphic-git. Every file it writes (loose objects, refs, config) goes to a
 * temporary sibling first and is renamed into place, so an interrupted transfer leaves only whole
 * objects behind: isomorphic-git skips objects that exist, which is what makes a re-run resume.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';

async function writeFileAtomic(path: string, data: string | Uint8Array, options?: Parameters<typeof fsp.writeFile>[2]): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fsp.writeFile(tmp, data, options);
    await fsp.rename(tmp, path);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

/** A promise fs (the shape isomorphic-git expects) whose writeFile is atomic. */
export const gitFs = {
  promises: {
    readFile: fsp.readFile,
    writeFile: writeFileAtomic,
    mkdir: fsp.mkdir,
    rmdir: fsp.rmdir,
    rm: fsp.rm,
    unlink: fsp.unlink,
    stat: fsp.stat,
    lstat: fsp.lstat,
    readdir: fsp.readdir,
    readlink: fsp.readlink,
    symlink: fsp.symlink,
    chmod: fsp.chmod,
  },
};
