/**
 * Fetch (subscribe): the remote branch comes into the local mirror, and each protocol folder on it
 * whose versions continue what this workspace holds is committed here, version by version, under the
 * remote authors' names and messages. A protocol new to the workspace becomes a local protocol of the
 * same id (a base model a site can adapt and later rebase onto). Every text passes the input gate and
 * must hash to what its commit says; sign-off records are checked against the fetched text.
 */
import git from 'isomorphic-git';
import type { SyncFetchView } from '../contract/types';
import { diffProtocols } from '../core/diff';
import { gateText, refusalLine } from '../core/gate';
import { findSection, sectionContentHash } from '../core/review/sections';
import { StoreError } from '../store/errors';
import { sha256 } from '../store/hash';
import { readHeadFacts } from '../store/yaml-meta';
import type { Workspace } from '../store/workspace';
import { gitFs } from './git-fs';
import { isProtocolFolder, MANIFEST_FILE, PROTOCOL_FILE, readManifest, readSignoffs, readTrailers, SIGNOFFS_FILE, type Manifest, type ManifestVersion } from './layout';
import { localAuthor } from './people';
import { getRemote, originIdOf, recordSynced, touchRemote } from './remotes';
import { ensureBareRepo, SyncError, type Progress } from './repo';
import { fetchTip } from './transport';
import { readFileAt, topFolders } from './tree';

export interface FetchOptions {
  remote: string;
  actor: string;
  mirror: string;
  /** Only this protocol folder (default: every folder on the branch). */
  protocolId?: string;
  onProgress?: Progress;
}

/** The result shapes are the app contract's (`SyncFetchView`), so the CLI and the Sync panel show the same. */
export type FetchResult = SyncFetchView;
export type FetchedProtocol = SyncFetchView['protocols'][number];
export type FetchedVersion = FetchedProtocol['newVersions'][number];
/** holds: the section still hashes to what was signed; lapsed: it changed (or is gone) since. */
export type SignoffCheck = FetchedProtocol['signoffs'][number];

/** Sign-offs as they stand against `text`: a record whose section no longer hashes the same has lapsed. */
export function checkSignoffs(text: string, records: ReturnType<typeof readSignoffs>): SignoffCheck[] {
  const gated = gateText(text);
  const value = gated.ok ? gated.parsed.value : undefined;
  return records.map((r) => {
    const section = value === undefined ? undefined : findSection(value, r.sectionKey);
    const holds = section !== undefined && sectionContentHash(section.value) === r.contentHash;
    return {
      sectionKey: r.sectionKey,
      reviewer: r.reviewer,
      role: r.role,
      ...(r.personId ? { personId: r.personId } : {}),
      kind: r.kind,
      at: r.at,
      state: holds ? 'holds' : 'lapsed',
    };
  });
}

/** Commit of each published version on the branch, by protocol and version id. */
async function versionCommits(mirror: string, tip: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await git.log({ fs: gitFs, gitdir: mirror, ref: tip })) {
    const t = readTrailers(entry.commit.message);
    if (t) out.set(`${t.protocol}\n${t.versionId}`, entry.oid);
  }
  return out;
}

/** Which manifest versions are new here, or why the folder must be left alone. */
function newVersionsFor(ws: Workspace, manifest: Manifest, fetcher: string): { fresh: ManifestVersion[]; exists: boolean } | { skipped: string } {
  const id = manifest.protocol.id;
  let local: string[];
  try {
    local = ws.history(id).reverse().map((v) => originIdOf(ws, v.id));
  } catch (err) {
    if (err instanceof StoreError && err.name === 'NotFoundError') return { fresh: manifest.versions, exists: false };
    throw err;
  }
  const have = new Set(local);
  let last = -1;
  manifest.versions.forEach((v, i) => {
    if (have.has(v.id)) last = i;
  });
  if (last === -1) return { skipped: `a protocol "${id}" already exists here and shares no version with the remote; it was left alone` };
  const fresh = manifest.versions.slice(last + 1);
  if (fresh.length > 0 && local.at(-1) !== manifest.versions[last]!.id) {
    return { skipped: `${id} has versions here that the remote does not have: rebase or publish them first; nothing was fetched for it` };
  }
  // Committing a fetched version goes through its author's draft: never overwrite one they have here.
  const authors = new Set(fresh.map((v) => localAuthor(ws, { name: v.author, ...(v.authorId ? { personId: v.authorId } : {}) }, '', fetcher, '').author));
  const drafted = ws.listDrafts(id).map((d) => d.author).filter((a) => authors.has(a));
  if (drafted.length > 0) return { skipped: `${id}: ${drafted.join(', ')} has an unsaved draft of it here; commit or discard it, then fetch again` };
  return { fresh, exists: true };
}

/**
 * The local version an adaptation fetched from another site is based on, where this workspace holds it: the
 * protocol whose text has the base's id, at the version with that label (or that version id). Linked, the
 * adaptation can be rebased here when that base moves on; a base not held here leaves it unlinked. Each
 * fetched version's own `basedOn` is read, so the link follows the other site's rebases.
 */
function localBaseOf(ws: Workspace, basedOn: Manifest['protocol']['basedOn'], folder: string): { protocolId: string; versionId: string } | null {
  if (!basedOn) return null;
  for (const p of ws.listProtocols()) {
    if (p.id === folder || !p.headVersionId) continue;
    if (p.id !== basedOn.protocol && readHeadFacts(ws.getVersion(p.headVersionId).text).id !== basedOn.protocol) continue;
    const v = ws.history(p.id).find((x) => x.versionLabel === basedOn.version || x.id === basedOn.version);
    if (v) return { protocolId: p.id, versionId: v.id };
  }
  return null;
}

/** `metadata.basedOn` of a protocol value, when it is well formed. */
function basedOnOf(value: unknown): Manifest['protocol']['basedOn'] {
  const m = (value as { metadata?: { basedOn?: { protocol?: unknown; version?: unknown } } } | null)?.metadata?.basedOn;
  return m && typeof m.protocol === 'string' && typeof m.version === 'string' ? { protocol: m.protocol, version: m.version } : null;
}

/** True when `to` is a newer version of the base `protocolId` is linked to (a rebase only moves forward). */
function movesBaseOn(ws: Workspace, protocolId: string, to: { protocolId: string; versionId: string }): boolean {
  const base = ws.getProtocol(protocolId).base;
  return !!base && base.protocolId === to.protocolId && ws.getVersion(to.versionId).seq > ws.getVersion(base.versionId).seq;
}

async function fetchProtocol(ws: Workspace, opts: FetchOptions, mirror: string, tip: string, folder: string, commits: Map<string, string>): Promise<FetchedProtocol> {
  const remote = opts.remote;
  const where = `${remote}:${folder}`;
  const manifestBytes = await readFileAt(mirror, tip, `${folder}/${MANIFEST_FILE}`);
  if (!manifestBytes) throw new SyncError(`${where} has no ${MANIFEST_FILE}`);
  const manifest = readManifest(manifestBytes, `${where}/${MANIFEST_FILE}`);
  if (manifest.protocol.id !== folder) throw new SyncError(`${where}: the manifest names protocol "${manifest.protocol.id}", not the folder's`);
  const base: FetchedProtocol = { protocolId: folder, title: manifest.protocol.title, created: false, newVersions: [], signoffs: [], withheld: manifest.withheld };
  const plan = newVersionsFor(ws, manifest, opts.actor);
  if ('skipped' in plan) return { ...base, skipped: plan.skipped };

  // Read and check every new text before committing any.
  const texts: Array<{ text: string; value: unknown }> = [];
  for (const v of plan.fresh) {
    const commit = commits.get(`${folder}\n${v.id}`);
    if (!commit) throw new SyncError(`${where}: no commit on the branch carries version ${v.seq} (${v.id})`);
    const bytes = await readFileAt(mirror, commit, `${folder}/${PROTOCOL_FILE}`);
    if (!bytes) throw new SyncError(`${where}: version ${v.seq} has no ${PROTOCOL_FILE}`);
    const gated = gateText(new TextDecoder().decode(bytes));
    if (!gated.ok) throw new SyncError(`${where}: version ${v.seq} refused: ${refusalLine(gated, `${folder}/${PROTOCOL_FILE}`)}`);
    if (sha256(gated.parsed.text) !== v.sha256) throw new SyncError(`${where}: version ${v.seq} does not match the hash its manifest records`);
    texts.push({ text: gated.parsed.text, value: gated.parsed.value });
  }

  // Changes are classified against the version before; a protocol new here lists its history without them.
  const current = plan.exists ? ws.head(folder) : null;
  let previous: unknown = current ? gateText(ws.getVersion(current.id).text).parsed.value : undefined;
  const newVersions: FetchedVersion[] = [];
  let created = false;
  try {
    ws.transaction(() => {
      plan.fresh.forEach((v, i) => {
        const { text, value } = texts[i]!;
        const by = localAuthor(ws, { name: v.author, ...(v.authorId ? { personId: v.authorId } : {}) }, v.message, opts.actor, remote);
        let local;
        // The base this version says it adapts (its metadata.basedOn), where this workspace holds it.
        const onBase = localBaseOf(ws, basedOnOf(value), folder);
        if (!plan.exists && i === 0) {
          ws.createProtocol({ template: { id: remote, text }, id: folder, title: manifest.protocol.title, author: by.author, ...(onBase ? { adaptationOf: onBase } : {}) });
          created = true;
          local = ws.head(folder)!;
        } else {
          const head = ws.head(folder)!;
          if (head.sha256 === sha256(text)) {
            // Only withheld content changed: the published text is the same, so the version maps onto the head.
            local = head;
          } else {
            // A version the other site rebased onto a newer base moves the link here too.
            const rebasedOnto = onBase && movesBaseOn(ws, folder, onBase) ? onBase.versionId : undefined;
            ws.saveDraft(folder, text, { author: by.author, parentVersionId: head.id, ...(rebasedOnto ? { rebasedOnto } : {}) });
            local = ws.commit(folder, { author: by.author, message: by.message, expectedParentId: head.id });
          }
        }
        recordSynced(ws, { remote, protocolId: folder, originId: v.id, localVersionId: local.id, commit: commits.get(`${folder}\n${v.id}`)!, direction: 'fetched' });
        const changes = previous === undefined || previous === null ? [] : diffProtocols(previous, value).map((c) => ({ category: c.category, summary: c.summary }));
        newVersions.push({ localSeq: local.seq, localVersionId: local.id, label: v.label, author: v.author, message: v.message, changes });
        if (plan.exists) previous = value;
      });
    });
  } catch (err) {
    if (err instanceof StoreError) return { ...base, newVersions: [], skipped: `${folder} was not fetched: ${err.message}` };
    throw err;
  }
  const signoffBytes = await readFileAt(mirror, tip, `${folder}/${SIGNOFFS_FILE}`);
  const tipText = await readFileAt(mirror, tip, `${folder}/${PROTOCOL_FILE}`);
  const signoffs = signoffBytes && tipText ? checkSignoffs(new TextDecoder().decode(tipText), readSignoffs(signoffBytes, `${where}/${SIGNOFFS_FILE}`)) : [];
  return { ...base, created, newVersions, signoffs };
}

export async function fetchRemote(ws: Workspace, opts: FetchOptions): Promise<FetchResult> {
  const remote = getRemote(ws, opts.remote);
  await ensureBareRepo(opts.mirror);
  const tip = await fetchTip(opts.mirror, remote, opts.onProgress);
  touchRemote(ws, remote.name, 'fetch');
  if (!tip) return { remote: remote.name, tip: null, protocols: [] };
  const folders = (await topFolders(opts.mirror, tip)).filter(isProtocolFolder).filter((f) => !opts.protocolId || f === opts.protocolId);
  if (opts.protocolId && folders.length === 0) throw new SyncError(`${remote.name} has no protocol "${opts.protocolId}"`);
  const commits = await versionCommits(opts.mirror, tip);
  const protocols: FetchedProtocol[] = [];
  for (const folder of folders) {
    try {
      protocols.push(await fetchProtocol(ws, { ...opts, remote: remote.name }, opts.mirror, tip, folder, commits));
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      protocols.push({ protocolId: folder, title: folder, created: false, newVersions: [], signoffs: [], withheld: [], skipped: err.message });
    }
  }
  ws.appendAudit({
    actor: opts.actor,
    action: 'sync.fetch',
    subject: remote.name,
    details: { tip, protocols: protocols.map((p) => ({ id: p.protocolId, versions: p.newVersions.map((v) => v.localSeq), skipped: p.skipped ?? null })) },
  });
  return { remote: remote.name, tip, protocols };
}
