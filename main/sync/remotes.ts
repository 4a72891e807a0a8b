/**
 * Sync bookkeeping in the workspace file: the remotes (URL, branch, audience) and which version went to
 * or came from which remote commit. The tables belong to this module and are created on first use;
 * every change is audited through the workspace's chain.
 */
import type { Workspace } from '../store/workspace';
import { SyncError } from './repo';
import { locateRemote } from './transport';

/** Who reads a remote; decides what a publish may write there (see policy.ts). */
export const REMOTE_AUDIENCES = ['public', 'partner', 'program_team', 'community'] as const;
export type RemoteAudience = (typeof REMOTE_AUDIENCES)[number];

export const AUDIENCE_WORDS: Record<RemoteAudience, string> = {
  public: 'public',
  partner: 'partner network',
  program_team: 'program team',
  community: "the community's own",
};

export interface Remote {
  name: string;
  url: string;
  branch: string;
  audience: RemoteAudience;
  /** For a community remote: the community (or Nation) it belongs to, as written in governance.origin. */
  community: string | null;
  addedAt: string;
  addedBy: string;
  lastFetchAt: string | null;
  lastPublishAt: string | null;
}

export interface RemoteInput {
  name: string;
  url: string;
  branch?: string;
  audience: string;
  community?: string;
}

/** One version and the remote commit that carries it. */
export interface SyncedVersion {
  remote: string;
  protocolId: string;
  /** The version's id where it was first committed (the origin's), the same on every site. */
  originId: string;
  localVersionId: string;
  commit: string;
  direction: 'published' | 'fetched';
  at: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const BRANCH = /^(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9][A-Za-z0-9._/-]{0,99}(?<![./])$/;

function ensureTables(ws: Workspace): void {
  ws.db.exec(`
    CREATE TABLE IF NOT EXISTS sync_remotes (
      name TEXT PRIMARY KEY, url TEXT NOT NULL, branch TEXT NOT NULL, audience TEXT NOT NULL, community TEXT,
      added_at TEXT NOT NULL, added_by TEXT NOT NULL, last_fetch_at TEXT, last_publish_at TEXT);
    CREATE TABLE IF NOT EXISTS sync_versions (
      remote TEXT NOT NULL, protocol_id TEXT NOT NULL, origin_id TEXT NOT NULL, local_version_id TEXT NOT NULL,
      commit_oid TEXT NOT NULL, direction TEXT NOT NULL, at TEXT NOT NULL,
      PRIMARY KEY (remote, origin_id));
    CREATE INDEX IF NOT EXISTS sync_versions_local ON sync_versions (local_version_id);`);
}

interface RemoteRow {
  name: string;
  url: string;
  branch: string;
  audience: RemoteAudience;
  community: string | null;
  added_at: string;
  added_by: string;
  last_fetch_at: string | null;
  last_publish_at: string | null;
}

const fromRow = (r: RemoteRow): Remote => ({
  name: r.name,
  url: r.url,
  branch: r.branch,
  audience: r.audience,
  community: r.community,
  addedAt: r.added_at,
  addedBy: r.added_by,
  lastFetchAt: r.last_fetch_at,
  lastPublishAt: r.last_publish_at,
});

export function isRemoteAudience(v: unknown): v is RemoteAudience {
  return typeof v === 'string' && (REMOTE_AUDIENCES as readonly string[]).includes(v);
}

/** Checks a remote before it is stored: name, URL (ssh refused here already; a relative path taken from `cwd`), branch, audience. */
export function checkRemoteInput(input: RemoteInput, cwd?: string): Omit<Remote, 'addedAt' | 'addedBy' | 'lastFetchAt' | 'lastPublishAt'> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!NAME.test(name)) throw new SyncError(`remote name ${JSON.stringify(input.name)}: use 1–40 lower-case letters, digits, ".", "_" or "-"`);
  if (typeof input.url !== 'string' || input.url.length > 2000) throw new SyncError('a remote needs a URL or folder path (at most 2000 characters)');
  const where = locateRemote(input.url, cwd);
  const url = where.kind === 'path' ? where.gitdir : where.url;
  const branch = (input.branch ?? 'main').trim();
  if (!BRANCH.test(branch)) throw new SyncError(`branch ${JSON.stringify(input.branch)} is not a usable branch name`);
  if (!isRemoteAudience(input.audience)) {
    throw new SyncError(`audience ${JSON.stringify(input.audience)}: choose ${REMOTE_AUDIENCES.join(', ')}`);
  }
  const community = input.community?.trim() || null;
  if (input.audience === 'community' && !community) {
    throw new SyncError("a community remote needs --community: the community or Nation it belongs to, as its sections' origin names it");
  }
  if (community !== null && community.length > 200) throw new SyncError('the community name is longer than 200 characters');
  return { name, url, branch, audience: input.audience, community: input.audience === 'community' ? community : null };
}

export function addRemote(ws: Workspace, input: RemoteInput, actor: string, cwd?: string): Remote {
  const remote = checkRemoteInput(input, cwd);
  ensureTables(ws);
  return ws.transaction(() => {
    if (ws.db.prepare('SELECT 1 FROM sync_remotes WHERE name = ?').get(remote.name)) throw new SyncError(`a remote named "${remote.name}" already exists`);
    const at = ws.timestamp();
    ws.db
      .prepare('INSERT INTO sync_remotes (name, url, branch, audience, community, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(remote.name, remote.url, remote.branch, remote.audience, remote.community, at, actor);
    ws.appendAudit({ actor, action: 'sync.remote.add', subject: remote.name, details: { ...remote } });
    return getRemote(ws, remote.name);
  });
}

export function listRemotes(ws: Workspace): Remote[] {
  ensureTables(ws);
  return (ws.db.prepare('SELECT * FROM sync_remotes ORDER BY name').all() as RemoteRow[]).map(fromRow);
}

export function getRemote(ws: Workspace, name: string): Remote {
  ensureTables(ws);
  const row = ws.db.prepare('SELECT * FROM sync_remotes WHERE name = ?').get(name) as RemoteRow | undefined;
  if (!row) {
    const names = listRemotes(ws).map((r) => r.name);
    throw new SyncError(`no remote "${name}"${names.length ? `; known: ${names.join(', ')}` : '; add one with `sync remote add`'}`);
  }
  return fromRow(row);
}

export function touchRemote(ws: Workspace, name: string, what: 'fetch' | 'publish'): void {
  ws.db.prepare(`UPDATE sync_remotes SET ${what === 'fetch' ? 'last_fetch_at' : 'last_publish_at'} = ? WHERE name = ?`).run(ws.timestamp(), name);
}

export function recordSynced(ws: Workspace, v: Omit<SyncedVersion, 'at'>): void {
  ensureTables(ws);
  ws.db
    .prepare(
      `INSERT INTO sync_versions (remote, protocol_id, origin_id, local_version_id, commit_oid, direction, at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (remote, origin_id) DO UPDATE SET commit_oid = excluded.commit_oid`,
    )
    .run(v.remote, v.protocolId, v.originId, v.localVersionId, v.commit, v.direction, ws.timestamp());
}

interface SyncedRow {
  remote: string;
  protocol_id: string;
  origin_id: string;
  local_version_id: string;
  commit_oid: string;
  direction: 'published' | 'fetched';
  at: string;
}

export function syncedVersions(ws: Workspace, filter: { remote?: string; protocolId?: string } = {}): SyncedVersion[] {
  ensureTables(ws);
  const rows = ws.db
    .prepare('SELECT * FROM sync_versions WHERE (@remote IS NULL OR remote = @remote) AND (@protocol IS NULL OR protocol_id = @protocol) ORDER BY at, rowid')
    .all({ remote: filter.remote ?? null, protocol: filter.protocolId ?? null }) as SyncedRow[];
  return rows.map((r) => ({
    remote: r.remote,
    protocolId: r.protocol_id,
    originId: r.origin_id,
    localVersionId: r.local_version_id,
    commit: r.commit_oid,
    direction: r.direction,
    at: r.at,
  }));
}

/**
 * The id a local version travels under: the origin's id when it was fetched from a remote, else its own.
 * So the same version keeps one id on every site and remote, however it got there.
 */
export function originIdOf(ws: Workspace, localVersionId: string): string {
  ensureTables(ws);
  const row = ws.db.prepare("SELECT origin_id FROM sync_versions WHERE local_version_id = ? AND direction = 'fetched' LIMIT 1").get(localVersionId) as
    | { origin_id: string }
    | undefined;
  return row?.origin_id ?? localVersionId;
}
