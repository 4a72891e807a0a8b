/** What the workspace-backed commands share: which file to open, who is acting, how store failures reach the user. */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { ProtocolTextError } from '../core/diff/parse-text';
import { StoreError } from '../store/errors';
import { Workspace } from '../store/workspace';
import { UsageError, type CliIO } from './io';

/**
 * Opens the workspace named by `--db` (else $PROTOCOL_STUDIO_DB). Only `create` may make a new file:
 * elsewhere a mistyped path should not leave an empty workspace behind.
 */
export function openWorkspace(db: string | undefined, io: CliIO, { create = false }: { create?: boolean } = {}): Workspace {
  const given = db ?? io.env.PROTOCOL_STUDIO_DB;
  if (!given) throw new UsageError('no workspace: pass --db FILE or set PROTOCOL_STUDIO_DB');
  const file = resolve(io.cwd, given);
  if (!create && !existsSync(file)) throw new UsageError(`no workspace file at ${file}`);
  try {
    return Workspace.open(file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Who acts when no --author is given: $PROTOCOL_STUDIO_AUTHOR, else the user name. */
export function defaultAuthor(io: CliIO): string {
  if (io.env.PROTOCOL_STUDIO_AUTHOR) return io.env.PROTOCOL_STUDIO_AUTHOR;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Store and parse failures are the user's input problems: exit 2 with the message, no stack. */
export function asUsage(err: unknown): never {
  if (err instanceof ProtocolTextError || err instanceof StoreError) throw new UsageError(err.message);
  throw err;
}
