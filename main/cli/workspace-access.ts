/** What the workspace-backed commands share: which file to open, who is acting, how store failures reach the user. */
import { existsSync } from 'node:fs';
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

/**
 * Who acts when no --as/--author is given: $PROTOCOL_STUDIO_AS, else $PROTOCOL_STUDIO_AUTHOR. Never the OS
 * account: on a shared machine that names nobody in particular.
 */
export function defaultAuthor(io: CliIO): string {
  const given = io.env.PROTOCOL_STUDIO_AS || io.env.PROTOCOL_STUDIO_AUTHOR;
  if (given) return given;
  throw new UsageError('who is acting? Pass --as PERSON (a person id or name from `people list`) or set PROTOCOL_STUDIO_AS');
}

/**
 * The person a writing command acts as: `--as` (or the older `--author`), else the environment, resolved
 * against the workspace's people register to the id that is recorded (in a workspace without a register,
 * the name as given). A name that is not in the register, or only looks like one, is a usage error.
 */
export function actingPerson(ws: Workspace, flags: { as?: string; author?: string }, io: CliIO): string {
  const ref = flags.as || flags.author || defaultAuthor(io);
  try {
    return ws.actor(ref, '--as');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Store and parse failures are the user's input problems: exit 2 with the message, no stack. */
export function asUsage(err: unknown): never {
  if (err instanceof ProtocolTextError || err instanceof StoreError) throw new UsageError(err.message);
  throw err;
}
