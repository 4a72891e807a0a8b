/**
 * Publish: a protocol's committed versions go to a remote, one commit per version not yet there, each
 * with its author, time, message and trailers, the version label as a tag. The disclosure check and the
 * input gate run on every version before anything is written anywhere. The remote branch only ever
 * moves forward: when another site published first, the commits are rebuilt on top of what it
 * published and sent again (compare-and-swap, never a forced push).
 */
import git from 'isomorphic-git';
import type { SyncPublishView } from '../contract/types';
import { readReviewRecords, reviewStatusFor } from '../store/review-store';
import { sha256 } from '../store/hash';
import type { VersionInfo, Workspace } from '../store/workspace';
import { readHeadFacts } from '../store/yaml-meta';
import { parseProtocolText } from '../core/diff/parse-text';
import { cyclesOf, cycleText } from '../core/qi';
import { textCycleId } from '../store/cycle-keys';
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
  type ManifestCycle,
  type ManifestVersion,
  type ManifestWithheld,
  type TravellingSignoff,
} from './layout';
import { travellingPerson } from './people';
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

/** What a publish did; the same shape the app's contract shows (`SyncPublishView`). */
export type PublishResult = SyncPublishView;

/** A version ready to publish: its manifest entry (`id` is the origin's id), local id and published text. */
interface Prepared extends ManifestVersion {
  localId: string;
  text: string;
  withheld: ManifestWithheld[];
}

const enc = new TextEncoder();

/**
 * The versions from `from` on, checked and redacted for the remote: throws before anything is written to
 * it. Versions already prepared (by an earlier attempt) are reused.
 */
function prepare(ws: Workspace, history: readonly VersionInfo[], from: number, remote: Remote, done: Map<string, Prepared>): Prepared[] {
  // Sections withheld in review now stay home in every version published from here on.
  const review = history.length > from ? reviewStatusFor(ws, history[0]!.protocolId).sections : [];
  return history.slice(from).map((v) => {
    const known = done.get(v.id);
    if (known) return known;
    const { text, withheld } = publishableText(ws.getVersion(v.id).text, remote, `${v.protocolId} version ${v.seq}`, review);
    const who = travellingPerson(ws, v.author);
    const prepared: Prepared = {
      id: originIdOf(ws, v.id),
      seq: v.seq,
      label: v.versionLabel,
      author: who.name,
      ...(who.personId ? { authorId: who.personId } : {}),
      message: v.message,
      createdAt: v.createdAt,
      qiCycles: v.qiCycleIds,
      sha256: sha256(text),
      localId: v.id,
      text,
      withheld: withheld.map((w) => ({ key: w.key, title: w.title, level: w.level, reason: w.reason, askWhom: w.askWhom })),
    };
    done.set(v.id, prepared);
    return prepared;
  });
}

const within = (key: string, outer: string): boolean => key === outer || key.startsWith(outer + '.') || key.startsWith(outer + '[');

/** Review events that may travel: none about a withheld section (their notes stay home), no snapshots. */
function travellingSignoffs(ws: Workspace, protocolId: string, withheld: readonly ManifestWithheld[]): TravellingSignoff[] {
  return readReviewRecords(ws, protocolId)
    .events.filter((e) => !withheld.some((w) => within(e.sectionKey, w.key) || within(w.key, e.sectionKey)))
    .map((e) => {
      const who = travellingPerson(ws, e.reviewer);
      return {
        sectionKey: e.sectionKey,
        track: e.track,
        kind: e.kind,
        reviewer: who.name,
        role: e.role,
        ...(who.personId ? { personId: who.personId } : {}),
        at: e.at,
        contentHash: e.contentHash,
        ...(e.note ? { note: e.note } : {}),
      };
    });
}

/** What the manifest says of the protocol itself: id, title of the head, the base it adapts. */
function protocolFacts(ws: Workspace, protocolId: string, headText: string): Manifest['protocol'] {
  const summary = ws.getProtocol(protocolId);
  const base = summary.base ? readHeadFacts(ws.getVersion(summary.base.versionId).text) : null;
  return {
    id: protocolId,
    title: readHeadFacts(headText).title ?? summary.title,
    basedOn: summary.base ? { protocol: base?.id ?? summary.base.protocolId, version: base?.versionLabel ?? summary.base.versionId } : null,
  };
}

const entry = (v: ManifestVersion): ManifestVersion => ({
  id: v.id,
  seq: v.seq,
  label: v.label,
  author: v.author,
  ...(v.authorId ? { authorId: v.authorId } : {}),
  message: v.message,
  createdAt: v.createdAt,
  qiCycles: v.qiCycles,
  sha256: v.sha256,
});

/** The workspace's local mirror: a bare repository beside the workspace file. */
export function mirrorFor(workspaceFile: string): string {
  return `${workspaceFile.replace(/\.(sqlite|db)$/i, '')}.sync.git`;
}

export async function publish(ws: Workspace, opts: PublishOptions): Promise<PublishResult> {
  const remote = getRemote(ws, opts.remote);
  const history = ws.history(opts.protocolId).reverse();
  if (history.length === 0) throw new SyncError(`${opts.protocolId} has no committed version to publish`);
  const ids = history.map((v) => originIdOf(ws, v.id));
  const prepared = new Map<string, Prepared>();
  // A new remote gets every version: check them all before even the local mirror is touched.
  if (remote.lastPublishAt === null && remote.lastFetchAt === null) prepare(ws, history, 0, remote, prepared);
  await ensureBareRepo(opts.mirror);
  const maxAttempts = opts.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const tip = await fetchTip(opts.mirror, remote, opts.onProgress);
    const there = tip ? await readFileAt(opts.mirror, tip, `${opts.protocolId}/${MANIFEST_FILE}`) : null;
    const onRemote = there ? readManifest(there, `${remote.name}:${opts.protocolId}/${MANIFEST_FILE}`).versions : [];
    const diverged = onRemote.findIndex((v, i) => ids[i] !== v.id);
    if (diverged !== -1) {
      throw new SyncError(
        `${remote.name} holds versions of ${opts.protocolId} this workspace does not have (from version ${diverged + 1}): fetch them first, or publish under another protocol id`,
      );
    }
    // Only what the remote lacks is checked and written; a refusal comes before any write to the remote.
    const versions = prepare(ws, history, onRemote.length, remote, prepared);
    const head = versions.at(-1);
    const base = { remote: remote.name, protocolId: opts.protocolId, total: history.length, attempts: attempt };
    if (!head) return { ...base, published: 0, commit: tip, tags: [], withheld: [] };
    const protocol = protocolFacts(ws, opts.protocolId, head.text);
    const qiCycles = manifestCycles(ws, opts.protocolId, head.text);
    const signoffs = travellingSignoffs(ws, opts.protocolId, head.withheld);

    let parent = tip;
    let root = tip ? (await git.readCommit({ fs: gitFs, gitdir: opts.mirror, oid: tip })).commit.tree : null;
    const tags: Array<{ ref: string; oid: string }> = [];
    const upTo = onRemote.map(entry);
    for (const v of versions) {
      const previousLabel = upTo.at(-1)?.label ?? null;
      upTo.push(entry(v));
      const manifest: Manifest = { format: MANIFEST_FORMAT, protocol, audience: remote.audience, versions: upTo, qiCycles, withheld: v.withheld };
      root = await withFolder(opts.mirror, root, opts.protocolId, {
        [PROTOCOL_FILE]: enc.encode(v.text),
        [SIGNOFFS_FILE]: jsonBytes(v === head ? signoffs : signoffs.filter((s) => s.at <= v.createdAt)),
        [MANIFEST_FILE]: jsonBytes(manifest),
      });
      const when = { name: v.author, email: '', timestamp: Math.floor(Date.parse(v.createdAt) / 1000), timezoneOffset: 0 };
      const message = commitMessage(v.message, { protocol: opts.protocolId, versionId: v.id, seq: v.seq, label: v.label, qiCycles: v.qiCycles, sha256: v.sha256 });
      parent = await git.writeCommit({ fs: gitFs, gitdir: opts.mirror, commit: { tree: root, parent: parent ? [parent] : [], author: when, committer: when, message } });
      const ref = tagRef(opts.protocolId, v.label);
      // The first version that carries a label gets its tag; tags never move.
      if (ref && previousLabel !== v.label) tags.push({ ref, oid: parent });
    }
    await opts.beforePush?.();
    try {
      await pushTip(opts.mirror, remote, tip, parent!, tags, opts.onProgress);
    } catch (err) {
      if (err instanceof RemoteMovedError && attempt < maxAttempts) continue;
      if (err instanceof RemoteMovedError) throw new SyncError(`${remote.name} kept moving (${attempt} attempts); nothing of yours was lost, publish again later`);
      throw err;
    }
    const commits = await commitsOf(opts.mirror, parent!, versions.length);
    ws.transaction(() => {
      versions.forEach((v, i) =>
        recordSynced(ws, { remote: remote.name, protocolId: opts.protocolId, originId: v.id, localVersionId: v.localId, commit: commits[i]!, direction: 'published' }),
      );
      touchRemote(ws, remote.name, 'publish');
      ws.appendAudit({
        actor: opts.actor,
        action: 'sync.publish',
        subject: opts.protocolId,
        details: { remote: remote.name, audience: remote.audience, versions: versions.map((v) => v.seq), commit: parent, withheld: head.withheld.map((w) => w.key) },
      });
    });
    return { ...base, published: versions.length, commit: parent, tags: tags.map((t) => t.ref.replace(/^refs\/tags\//, '')), withheld: head.withheld };
  }
}

/** The last `n` commits ending at `tip`, oldest first (first parents: publish writes a straight line). */
async function commitsOf(gitdir: string, tip: string, n: number): Promise<string[]> {
  const log = await git.log({ fs: gitFs, gitdir, ref: tip, depth: n });
  return log.map((e) => e.oid).reverse();
}

/**
 * The cycles versions cite, as the published text records them (the text is their source of truth; the
 * workspace's index row fills in what an older text lacks). Ids are the text's, as in the QI-Cycle trailers.
 */
function manifestCycles(ws: Workspace, protocolId: string, headText: string): ManifestCycle[] {
  let value: unknown;
  try {
    value = parseProtocolText(headText, protocolId);
  } catch {
    value = undefined;
  }
  const inText = new Map(cyclesOf(value).map((c) => [c.id, c]));
  return ws.listQiCycles(protocolId).map((row) => {
    const id = textCycleId(row.id);
    const t = inText.get(id);
    return { id, number: t?.number ?? row.number, aim: cycleText(t?.aim) ?? row.aim, start: t?.start ?? row.start, end: t ? t.end : row.end, decision: t?.decision ?? row.decision };
  });
}
