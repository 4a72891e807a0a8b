/**
 * Publish: a protocol's committed versions go to a remote, one commit per version not yet there, each
 * with its author, time, message and trailers, the version label as a tag. The disclosure check and the
 * input gate run on every version before anything is written anywhere. The remote branch only ever
 * moves forward: when another site published first, the commits are rebuilt on top of what it
 * published and sent again (compare-and-swap, never a forced push).
 */
import git from 'isomorphic-git';
import { readReviewRecords } from '../store/review-store';
import { sha256 } from '../store/hash';
import type { Workspace } from '../store/workspace';
import { readHeadFacts } from '../store/yaml-meta';
import { gitFs } from './git-fs';
import {
  commitMessage,
  jsonBytes,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  PROTOCOL_FILE,
  readManifest,
  SIGNOFFS_FILE,
  tagRef,
  type Manifest,
  type ManifestVersion,
  type ManifestWithheld,
  type TravellingSignoff,
} from './layout';
import { publishableText } from './policy';
import { getRemote, originIdOf, recordSynced, touchRemote, type Remote } from './remotes';
import { ensureBareRepo, RemoteMovedError, SyncError, type Progress } from './repo';
import { fetchTip, pushTip } from './transport';
import { readFileAt, withFolder } from './tree';

export interface PublishOptions {
  remote: string;
  protocolId: string;
  /** Who publishes (recorded in the audit chain). */
  actor: string;
  /** The workspace's local mirror repository (see mirrorFor). */
  mirror: string;
  onProgress?: Progress;
  /** How often to fetch and rebuild when other sites keep publishing first. Default 5. */
  maxAttempts?: number;
  /** Runs after the commits are built and before the remote is written (progress display; tests interleave publishes here). */
  beforePush?: () => Promise<void>;
}

export interface PublishResult {
  remote: string;
  protocolId: string;
  /** Versions newly written to the remote (0: it was up to date). */
  published: number;
  /** Versions the remote now holds of this protocol. */
  total: number;
  commit: string | null;
  tags: string[];
  withheld: ManifestWithheld[];
  /** 1, or more when other sites published first and the commits were rebuilt on top. */
  attempts: number;
}

/** A version ready to publish: its manifest entry (`id` is the origin's id), local id and published text. */
interface Prepared extends ManifestVersion {
  localId: string;
  text: string;
  withheld: ManifestWithheld[];
}

const enc = new TextEncoder();

/** Every version, checked and redacted for the remote: throws before anything is written. */
function prepare(ws: Workspace, protocolId: string, remote: Remote): Prepared[] {
  const history = ws.history(protocolId).reverse();
  if (history.length === 0) throw new SyncError(`${protocolId} has no committed version to publish`);
  return history.map((v) => {
    const { text, withheld } = publishableText(ws.getVersion(v.id).text, remote, `${protocolId} version ${v.seq}`);
    return {
      id: originIdOf(ws, v.id),
      localId: v.id,
      seq: v.seq,
      label: v.versionLabel,
      author: v.author,
      message: v.message,
      createdAt: v.createdAt,
      qiCycles: v.qiCycleIds,
      text,
      sha256: sha256(text),
      withheld: withheld.map((w) => ({ key: w.key, title: w.title, level: w.level, reason: w.reason, askWhom: w.askWhom })),
    };
  });
}

const within = (key: string, outer: string): boolean => key === outer || key.startsWith(outer + '.') || key.startsWith(outer + '[');

/** Review events that may travel: none about a withheld section (their notes stay home), no snapshots. */
function travellingSignoffs(ws: Workspace, protocolId: string, withheld: readonly ManifestWithheld[]): TravellingSignoff[] {
  return readReviewRecords(ws, protocolId)
    .events.filter((e) => !withheld.some((w) => within(e.sectionKey, w.key) || within(w.key, e.sectionKey)))
    .map((e) => {
      const personId = (e as { personId?: unknown }).personId;
      return {
        sectionKey: e.sectionKey,
        track: e.track,
        kind: e.kind,
        reviewer: e.reviewer,
        role: e.role,
        ...(typeof personId === 'string' ? { personId } : {}),
        at: e.at,
        contentHash: e.contentHash,
        ...(e.note ? { note: e.note } : {}),
      };
    });
}

function manifestFor(ws: Workspace, protocolId: string, remote: Remote, upTo: readonly Prepared[]): Manifest {
  const head = upTo.at(-1)!;
  const facts = readHeadFacts(head.text);
  const basedOn = ws.getProtocol(protocolId).base;
  const baseFacts = basedOn ? readHeadFacts(ws.getVersion(basedOn.versionId).text) : null;
  return {
    format: MANIFEST_FORMAT,
    protocol: {
      id: protocolId,
      title: facts.title ?? ws.getProtocol(protocolId).title,
      basedOn: basedOn ? { protocol: baseFacts?.id ?? basedOn.protocolId, version: baseFacts?.versionLabel ?? basedOn.versionId } : null,
    },
    audience: remote.audience,
    versions: upTo.map(({ localId: _l, text: _t, withheld: _w, ...entry }) => entry),
    qiCycles: ws.listQiCycles(protocolId).map((c) => ({ id: c.id, number: c.number, aim: c.aim, start: c.start, end: c.end, decision: c.decision })),
    withheld: head.withheld,
  };
}

/** The workspace's local mirror: a bare repository beside the workspace file. */
export function mirrorFor(workspaceFile: string): string {
  return `${workspaceFile.replace(/\.(sqlite|db)$/i, '')}.sync.git`;
}

export async function publish(ws: Workspace, opts: PublishOptions): Promise<PublishResult> {
  const remote = getRemote(ws, opts.remote);
  ws.getProtocol(opts.protocolId);
  const versions = prepare(ws, opts.protocolId, remote);
  const signoffs = travellingSignoffs(ws, opts.protocolId, versions.at(-1)!.withheld);
  await ensureBareRepo(opts.mirror);
  const maxAttempts = opts.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const tip = await fetchTip(opts.mirror, remote, opts.onProgress);
    const there = tip ? await readFileAt(opts.mirror, tip, `${opts.protocolId}/${MANIFEST_FILE}`) : null;
    const published = there ? readManifest(there, `${remote.name}:${opts.protocolId}/${MANIFEST_FILE}`).versions.map((v) => v.id) : [];
    const diverged = published.findIndex((id, i) => versions[i]?.id !== id);
    if (diverged !== -1) {
      throw new SyncError(
        `${remote.name} holds versions of ${opts.protocolId} this workspace does not have (from version ${diverged + 1}): fetch them first, or publish under another protocol id`,
      );
    }
    const result = { remote: remote.name, protocolId: opts.protocolId, total: versions.length, tags: [] as string[], withheld: versions.at(-1)!.withheld, attempts: attempt };
    if (published.length === versions.length) return { ...result, published: 0, commit: tip };

    let parent = tip;
    let root = tip ? (await git.readCommit({ fs: gitFs, gitdir: opts.mirror, oid: tip })).commit.tree : null;
    const tags: Array<{ ref: string; oid: string }> = [];
    const sent: Array<{ v: Prepared; commit: string }> = [];
    for (let i = published.length; i < versions.length; i++) {
      const v = versions[i]!;
      const upTo = versions.slice(0, i + 1);
      const last = i === versions.length - 1;
      root = await withFolder(opts.mirror, root, opts.protocolId, {
        [PROTOCOL_FILE]: enc.encode(v.text),
        [SIGNOFFS_FILE]: jsonBytes(last ? signoffs : signoffs.filter((s) => s.at <= v.createdAt)),
        [MANIFEST_FILE]: jsonBytes(manifestFor(ws, opts.protocolId, remote, upTo)),
      });
      const when = { name: v.author, email: '', timestamp: Math.floor(Date.parse(v.createdAt) / 1000), timezoneOffset: 0 };
      const message = commitMessage(v.message, { protocol: opts.protocolId, versionId: v.id, seq: v.seq, label: v.label, qiCycles: v.qiCycles, sha256: v.sha256 });
      const commit = await git.writeCommit({ fs: gitFs, gitdir: opts.mirror, commit: { tree: root, parent: parent ? [parent] : [], author: when, committer: when, message } });
      const ref = tagRef(opts.protocolId, v.label);
      // The first version that carries a label gets its tag; tags never move.
      if (ref && versions[i - 1]?.label !== v.label) tags.push({ ref, oid: commit });
      sent.push({ v, commit });
      parent = commit;
    }
    await opts.beforePush?.();
    try {
      await pushTip(opts.mirror, remote, tip, parent!, tags, opts.onProgress);
    } catch (err) {
      if (err instanceof RemoteMovedError && attempt < maxAttempts) continue;
      if (err instanceof RemoteMovedError) throw new SyncError(`${remote.name} kept moving (${attempt} attempts); nothing of yours was lost, publish again later`);
      throw err;
    }
    ws.transaction(() => {
      for (const { v, commit } of sent) recordSynced(ws, { remote: remote.name, protocolId: opts.protocolId, originId: v.id, localVersionId: v.localId, commit, direction: 'published' });
      touchRemote(ws, remote.name, 'publish');
      ws.appendAudit({
        actor: opts.actor,
        action: 'sync.publish',
        subject: opts.protocolId,
        details: { remote: remote.name, audience: remote.audience, versions: sent.map((s) => s.v.seq), commit: parent, withheld: result.withheld.map((w) => w.key) },
      });
    });
    return { ...result, published: sent.length, commit: parent, tags: tags.map((t) => t.ref.replace(/^refs\/tags\//, '')) };
  }
}
