/**
 * Export to, and import from, a plain folder that reads well in git:
 *
 *   manifest.json                         format, audience, protocols, SHA-256 of every other file
 *   .gitattributes                        `* -text`: git must never rewrite line endings of the texts
 *   qi-cycles.json, audit.json            QI cycles; the full audit chain (so import keeps it verifiable)
 *   protocols/<name>/protocol.json        id, title, creation, base, template, drafts, rule settings (when set)
 *   protocols/<name>/head.yaml            the latest version's text
 *   protocols/<name>/history.json         every version's metadata, oldest first
 *   protocols/<name>/versions/000001.yaml every version's text, byte for byte
 *   protocols/<name>/drafts/<author>.yaml uncommitted drafts
 *   protocols/<name>/reviews.json         review requests and events with their approved-content snapshots
 *                                         (only when the protocol has any)
 *   people.json, protocols/<name>/draft-history…  the people register and replaced drafts (transfer-records.ts)
 *
 * Deterministic: sorted, stable JSON, nothing about the export itself (no export time), so exporting
 * an unchanged workspace twice gives identical files and a git diff shows only real changes.
 *
 * An export leaves the workspace, so it is made for an audience and refused (SharingBreachError, nothing
 * written) when any text, snapshot or review note holds content beyond that audience's sharing level
 * (see export-sharing.ts). It is never thinned: what is exported is always the whole workspace.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { canonicalJson as sectionJson } from '../core/diff/values';
import { refusalMessage } from '../core/review/disclosure';
import type { WithheldSection } from '../core/review/redact';
import { stripSacredContent } from '../core/review/sacred';
import { withheldNow } from '../core/review/withheld';
import { isAudience, type Audience } from '../core/review/sharing';
import { appendAudit, insertAudit, readAuditChain, verifyAuditChain, type AuditEntry } from './audit';
import type { Database } from 'better-sqlite3';
import { InvalidInputError, NotFoundError, StoreError } from './errors';
import { findRegistered, hasPeople } from './people-store';
import { checkRelPath, int, list, obj, optStr, str, type Obj } from './json-shape';
import { breachesInNote, breachesInSnapshot, checkTextForExport, mayHoldRestricted, refuseBreaches, type SharingBreach } from './export-sharing';
import { canonicalJson, sha256, stableJson } from './hash';
import { safeFileName, uniqueName } from './safe-name';
import { checkText, MAX_TEXT_BYTES } from './validate-input';
import { checkRuleSettings } from './rule-settings';
import type { ProtocolSummary, QiCycle, RuleSettingsInput, VersionInfo } from './types';
import type { WorkspacePort as Workspace } from './workspace-port';
import { REVIEW_ACTIONS } from './verify-reviews';
import { readHeadFacts } from './yaml-meta';
import {
  DRAFT_HISTORY_FILE,
  PEOPLE_FILE,
  exportDraftHistory,
  exportPeople,
  importDraftHistoryEntry,
  importPeople,
  parseDraftHistory,
  parsePeople,
  type PeopleManifest,
} from './transfer-records';

export const EXPORT_FORMAT = 'protocol-studio-workspace';
/** 2 added review records and the audience, 3 the people register and replaced drafts; older exports still import. */
export const EXPORT_FORMAT_VERSION = 3;
const READABLE_FORMAT_VERSIONS = [1, 2, 3];

/**
 * Who an export is for when nobody says: a backup that leaves the workspace goes to the programme team,
 * the narrowest audience that still sees the protocol's own staff material. `workspace` is a full backup.
 */
export const DEFAULT_EXPORT_AUDIENCE: Audience = 'program_team';

export interface ExportOptions {
  audience?: Audience;
}

export interface ExportSummary {
  protocols: number;
  versions: number;
  files: number;
  /** Review requests and events carried. */
  reviews: number;
  audience: Audience;
}

interface Manifest {
  format: string;
  formatVersion: number;
  audience: string | null;
  protocols: Array<{ id: string; title: string; folder: string; headVersionId: string | null; headSha256: string | null; versions: number }>;
  qiCycles: string;
  audit: string;
  /** The people register, when the workspace has one, and whether contact details travel with it. */
  people?: PeopleManifest;
  files: Record<string, string>;
  /**
   * For any audience but the owner: every section the policy withholds and why. The texts carry only the
   * placeholder (anything more refuses the export) and keep their governance, so the restriction travels.
   */
  withheld?: WithheldEntry[];
}

/** One withheld section in manifest.json. */
export interface WithheldEntry {
  protocol: string;
  section: string;
  title: string;
  level: string;
  reason: string;
  askWhom: string;
  labels?: string[];
}

/** protocol.json: how the protocol began, and where each uncommitted draft's text is. */
type ProtocolFile = Pick<ProtocolSummary, 'id' | 'title' | 'createdAt' | 'createdBy' | 'templateId' | 'base'> & {
  drafts: Array<{ author: string; parentVersionId: string | null; updatedAt: string; file: string; rebasedOnto?: string }>;
  /** A site's reference-value overrides and rule choices; absent in older exports and when never set. */
  ruleSettings?: RuleSettingsInput & { updatedAt: string; updatedBy: string };
};

/** One line of history.json: the version's own facts, its later QI tags and the file holding its text. */
type HistoryEntry = Pick<VersionInfo, 'id' | 'seq' | 'parentId' | 'sha256' | 'author' | 'message' | 'createdAt' | 'qiCycleId'> & {
  tags: Array<{ qiCycleId: string; taggedAt: string; taggedBy: string }>;
  file: string;
};

/** A QI cycle as qi-cycles.json holds it; an imported decision is checked by the database, not here. */
type CycleRecord = Omit<QiCycle, 'decision'> & { decision: string };

/** review_requests rows, column for column (row ids kept so the order across protocols survives). */
interface ReviewRequestFile {
  id: number;
  sectionKey: string;
  track: string;
  reviewer: string;
  role: string;
  versionId: string | null;
  requestedBy: string;
  requestedAt: string;
  contentHash: string;
  note: string | null;
}

/** review_events rows; the snapshot as JSON (readable in git), re-serialized canonically on import. */
interface ReviewEventFile {
  id: number;
  sectionKey: string;
  track: string;
  versionId: string | null;
  kind: string;
  reviewer: string;
  role: string;
  note: string | null;
  at: string;
  contentHash: string;
  snapshot: unknown;
}

interface ReviewsFile {
  requests: ReviewRequestFile[];
  events: ReviewEventFile[];
}

const REVIEWS_FILE = 'reviews.json';

// ── export ──────────────────────────────────────────────────────────────────────────────────────

function readReviews(ws: Workspace, protocolId: string): ReviewsFile {
  const requests = ws.db
    .prepare(
      `SELECT id, section_key AS sectionKey, track, reviewer, role, version_id AS versionId, requested_by AS requestedBy,
         requested_at AS requestedAt, content_hash AS contentHash, note FROM review_requests WHERE protocol_id = ? ORDER BY id`,
    )
    .all(protocolId) as ReviewRequestFile[];
  const events = (
    ws.db
      .prepare(
        `SELECT id, section_key AS sectionKey, track, version_id AS versionId, kind, reviewer, role, note, at,
           content_hash AS contentHash, snapshot FROM review_events WHERE protocol_id = ? ORDER BY id`,
      )
      .all(protocolId) as Array<Omit<ReviewEventFile, 'snapshot'> & { snapshot: string }>
  ).map((e) => ({ ...e, snapshot: JSON.parse(e.snapshot) as unknown }));
  return { requests, events };
}

/** Review records that would carry restricted content: snapshots checked in their version, notes on withheld sections. */
function reviewBreaches(reviews: ReviewsFile, protocolId: string, valueOf: (versionId: string | null) => unknown, audience: Audience): SharingBreach[] {
  return [
    ...reviews.events.flatMap((e) => {
      const where = `${protocolId} review ${e.kind.replace('_', ' ')} by ${e.reviewer} (event ${e.id})`;
      const version = valueOf(e.versionId);
      return [...breachesInSnapshot(e.snapshot, e.sectionKey, version, audience, where), ...breachesInNote(e.note, e.sectionKey, version, audience, where)];
    }),
    ...reviews.requests.flatMap((r) => breachesInNote(r.note, r.sectionKey, valueOf(r.versionId), audience, `${protocolId} review request to ${r.reviewer} (request ${r.id})`)),
  ];
}

export function exportWorkspace(ws: Workspace, folder: string, opts: ExportOptions = {}): ExportSummary {
  const audience = opts.audience ?? DEFAULT_EXPORT_AUDIENCE;
  if (!isAudience(audience)) throw new InvalidInputError(`unknown export audience ${JSON.stringify(audience)}`);
  const root = resolve(folder);
  recoverInterruptedExport(root);
  const target = checkExportFolder(root);
  const files = new Map<string, string>();
  const put = (rel: string, content: string): void => {
    files.set(rel, content);
  };

  const manifestProtocols: Manifest['protocols'] = [];
  const folders = new Set<string>();
  const breaches: SharingBreach[] = [];
  const withheld = new Map<string, WithheldEntry>();
  const noteWithheld = (protocol: string, list: readonly WithheldSection[]): void => {
    for (const w of list) {
      withheld.set(`${protocol}\u0000${w.key}`, {
        protocol,
        section: w.key,
        title: w.title,
        level: w.level,
        reason: w.reason,
        askWhom: w.askWhom,
        ...(w.labelNotes?.length ? { labels: w.labelNotes } : {}),
      });
    }
  };
  let versionCount = 0;
  let reviewCount = 0;
  let people: PeopleManifest | undefined;
  // Read everything in one transaction so the export is a consistent snapshot; nothing touches the disk
  // until every text and review record has passed the sharing check.
  ws.db.transaction(() => {
    const protocols = ws.listProtocols().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const p of protocols) {
      const dir = `protocols/${uniqueName(safeFileName(p.title, safeFileName(p.id, 'protocol')), folders)}`;
      const history: HistoryEntry[] = [];
      const rows = ws.db.prepare('SELECT id, text FROM versions WHERE protocol_id = ? ORDER BY seq').iterate(p.id) as IterableIterator<{ id: string; text: string }>;
      const tags = ws.db
        .prepare('SELECT t.version_id, t.qi_cycle_id, t.tagged_at, t.tagged_by FROM version_cycle_tags t JOIN versions v ON v.id = t.version_id WHERE v.protocol_id = ? ORDER BY t.qi_cycle_id')
        .all(p.id) as Array<{ version_id: string; qi_cycle_id: string; tagged_at: string; tagged_by: string }>;
      const infos = new Map(ws.history(p.id).map((v) => [v.id, v]));
      const reviews = readReviews(ws, p.id);
      const reviewed = new Set([...reviews.events, ...reviews.requests].map((r) => r.versionId));
      // Sections a keeper withholds in review now: their content leaves in no version or draft (the backup keeps it).
      const review = audience === 'workspace' ? [] : withheldNow(reviews.events);
      const held = review.length > 0;
      const values = new Map<string, unknown>();
      let headText: string | null = null;
      let headValue: unknown;
      for (const { id, text } of rows) {
        const v = infos.get(id)!;
        const file = `versions/${String(v.seq).padStart(6, '0')}.yaml`;
        put(`${dir}/${file}`, text);
        headText = text;
        const checked =
          reviewed.has(id) || mayHoldRestricted(text, audience, held) ? checkTextForExport(text, audience, `${p.id} version ${v.seq}`, review) : { value: undefined, breaches: [] };
        breaches.push(...checked.breaches);
        if ('withheld' in checked) noteWithheld(p.id, checked.withheld);
        if (reviewed.has(id)) values.set(id, checked.value);
        headValue = checked.value;
        history.push({
          id: v.id,
          seq: v.seq,
          parentId: v.parentId,
          sha256: v.sha256,
          author: v.author,
          message: v.message,
          createdAt: v.createdAt,
          qiCycleId: v.qiCycleId,
          tags: tags.filter((t) => t.version_id === id).map((t) => ({ qiCycleId: t.qi_cycle_id, taggedAt: t.tagged_at, taggedBy: t.tagged_by })),
          file,
        });
      }
      versionCount += history.length;
      if (headText !== null) put(`${dir}/head.yaml`, headText);
      put(`${dir}/history.json`, stableJson(history));
      const draftNames = new Set<string>();
      const drafts = ws.listDrafts(p.id).map((d) => {
        const file = `drafts/${uniqueName(safeFileName(d.author, 'draft'), draftNames)}.yaml`;
        put(`${dir}/${file}`, d.text);
        if (mayHoldRestricted(d.text, audience, held)) {
          const checked = checkTextForExport(d.text, audience, `${p.id} draft by ${d.author}`, review);
          breaches.push(...checked.breaches);
          noteWithheld(p.id, checked.withheld);
        }
        return { author: d.author, parentVersionId: d.parentVersionId, updatedAt: d.updatedAt, file, ...(d.rebasedOnto ? { rebasedOnto: d.rebasedOnto } : {}) };
      });
      const replaced = exportDraftHistory(ws.db, p.id);
      for (const { entry, text } of replaced) {
        put(`${dir}/${entry.file}`, text);
        if (mayHoldRestricted(text, audience, held)) {
          const checked = checkTextForExport(text, audience, `${p.id} replaced draft ${entry.id} by ${entry.author}`, review);
          breaches.push(...checked.breaches);
          noteWithheld(p.id, checked.withheld);
        }
      }
      if (replaced.length > 0) put(`${dir}/${DRAFT_HISTORY_FILE}`, stableJson(replaced.map((r) => r.entry)));
      if (reviews.requests.length + reviews.events.length > 0) {
        // A record without a version is checked against the head.
        breaches.push(...reviewBreaches(reviews, p.id, (id) => (id !== null && values.has(id) ? values.get(id) : headValue), audience));
        put(`${dir}/${REVIEWS_FILE}`, stableJson(reviews));
        reviewCount += reviews.requests.length + reviews.events.length;
      }
      const rules = ws.getRuleSettings(p.id);
      const ruleSettings =
        rules.updatedAt !== null && rules.updatedBy !== null
          ? { ruleSettings: { reference: rules.reference, enabled: rules.enabled, disabled: rules.disabled, updatedAt: rules.updatedAt, updatedBy: rules.updatedBy } }
          : {};
      const protocolFile: ProtocolFile = { id: p.id, title: p.title, createdAt: p.createdAt, createdBy: p.createdBy, templateId: p.templateId, base: p.base, drafts, ...ruleSettings };
      put(`${dir}/protocol.json`, stableJson(protocolFile));
      const head = history.at(-1);
      manifestProtocols.push({ id: p.id, title: p.title, folder: dir, headVersionId: head?.id ?? null, headSha256: head?.sha256 ?? null, versions: history.length });
    }
    const cycles: CycleRecord[] = ws.listQiCycles().map((c) => ({ ...c }));
    put('qi-cycles.json', stableJson(cycles));
    put('audit.json', stableJson([...readAuditChain(ws.db)]));
    const register = exportPeople(ws.db, audience);
    if (register) {
      put(register.manifest.file, stableJson(register.json));
      people = register.manifest;
    }
  })();
  refuseBreaches(audience, breaches);
  put('.gitattributes', '# Protocol texts are stored byte for byte; git must not convert line endings.\n* -text\n');

  const manifest: Manifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    audience,
    protocols: manifestProtocols,
    qiCycles: 'qi-cycles.json',
    audit: 'audit.json',
    ...(people ? { people } : {}),
    files: Object.fromEntries([...files].map(([rel, content]) => [rel, sha256(content)]).sort(([a], [b]) => (a! < b! ? -1 : 1))),
    ...(audience === 'workspace' ? {} : { withheld: [...withheld.values()].sort((a, b) => (a.protocol + a.section < b.protocol + b.section ? -1 : 1)) }),
  };
  files.set('manifest.json', stableJson(manifest));
  writeExport(root, target, files);
  return { protocols: manifestProtocols.length, versions: versionCount, files: files.size, reviews: reviewCount, audience };
}

/** What the export folder holds now: nothing (written via a staging folder), or an earlier export (replaced in place). */
type ExportTarget = 'fresh' | 'in-place' | 'earlier-export';

/**
 * Exporting over an earlier export (e.g. a git checkout) replaces exactly the files that export wrote,
 * so renamed protocols leave no stale folders; anything else in a non-empty folder is refused.
 */
function checkExportFolder(root: string): ExportTarget {
  if (!existsSync(root) || readdirSync(root).length === 0) return 'fresh';
  const entries = readdirSync(root).filter((e) => e !== '.git');
  if (entries.length === 0) return 'in-place';
  if (!entries.includes('manifest.json')) {
    throw new InvalidInputError(`${root} is not empty and holds no earlier export (no manifest.json); choose an empty folder`);
  }
  readManifest(root);
  return 'earlier-export';
}

/**
 * Every export is written into a staging folder beside the target and renamed into place, so a crash or a
 * failure half-way never leaves half an export: the folder holds the old export or the new one. Over an
 * earlier export (a git checkout) the old folder steps aside first, and what that export did not write
 * (`.git`, files kept there) moves into the new one before the old is removed. A run cut short between the
 * two renames is put right by `recoverInterruptedExport`, which every export and import runs first.
 */
function writeExport(root: string, target: ExportTarget, files: ReadonlyMap<string, string>): void {
  const parent = dirname(root);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(root)}.partial-`));
  try {
    for (const [rel, content] of files) {
      const file = join(staging, ...rel.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content, 'utf8');
    }
    if (target === 'fresh') {
      if (existsSync(root)) rmdirSync(root);
      renameSync(staging, root);
      return;
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const old = join(parent, `.${basename(root)}.old-${randomBytes(6).toString('hex')}`);
  renameSync(root, old);
  renameSync(staging, root);
  carryOver(old, root);
}

/** Names of the siblings an interrupted export leaves: staging folders and a folder that stepped aside. */
function leftovers(root: string): { partial: string[]; old: string[] } {
  const parent = dirname(root);
  const name = basename(root);
  const entries = existsSync(parent) ? readdirSync(parent) : [];
  const pick = (tag: string) => entries.filter((e) => e.startsWith(`.${name}.${tag}-`)).map((e) => join(parent, e));
  return { partial: pick('partial'), old: pick('old') };
}

/**
 * Puts an export folder right after a run was cut short: the stepped-aside old export comes back when the
 * new one never took its place, else what it still holds of the user's (`.git`) moves across; staging
 * folders are removed. Harmless when nothing was interrupted.
 */
export function recoverInterruptedExport(folder: string): void {
  const root = resolve(folder);
  const { partial, old } = leftovers(root);
  for (const dir of old) {
    if (!existsSync(root)) renameSync(dir, root);
    else carryOver(dir, root);
  }
  for (const dir of partial) rmSync(dir, { recursive: true, force: true });
}

/** Moves what the earlier export in `old` did not write into `root` (where absent), then removes `old`. */
function carryOver(old: string, root: string): void {
  let written = new Set<string>();
  try {
    written = new Set(['manifest.json', ...Object.keys(readManifest(old).files)]);
  } catch {
    // No readable manifest: everything in it is the user's.
  }
  const writtenDirs = new Set([...written].flatMap((w) => w.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(old, ...rel.split('/').filter(Boolean)), { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const from = join(old, ...relPath.split('/'));
      const to = join(root, ...relPath.split('/'));
      if (entry.isDirectory() && writtenDirs.has(relPath)) walk(relPath);
      else if (!written.has(relPath) && !existsSync(to)) {
        mkdirSync(dirname(to), { recursive: true });
        renameSync(from, to);
      }
    }
  };
  walk('');
  rmSync(old, { recursive: true, force: true });
}

// ── import ──────────────────────────────────────────────────────────────────────────────────────

/** Reads an export into an empty workspace: same ids, texts, hashes, authors, messages and times. */
export function importWorkspace(ws: Workspace, folder: string, actor: string): ExportSummary {
  const root = resolve(folder);
  recoverInterruptedExport(root);
  const manifest = readManifest(root);
  const read = (rel: string): string => readListed(root, manifest, rel);
  const readJson = (rel: string): unknown => {
    try {
      return JSON.parse(read(rel)) as unknown;
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new InvalidInputError(`${rel} is not valid JSON: ${(err as Error).message}`);
    }
  };

  const audit = parseAudit(readJson(manifest.audit));
  const chainProblem = verifyAuditChain(audit)[0];
  if (chainProblem) throw new InvalidInputError(`${manifest.audit}: ${chainProblem.message}`);
  const reviewActions = audit.filter((e) => REVIEW_ACTIONS.includes(e.action)).length;
  if (manifest.formatVersion === 1 && reviewActions > 0) {
    throw new InvalidInputError(
      `this export (format 1) was made before review records were exported: its audit log records ${reviewActions} review actions that it does not hold. Export the workspace again with this release.`,
    );
  }
  const added = audit.filter((e) => e.action === 'person.add').length;
  if (manifest.formatVersion < 3 && added > 0) {
    throw new InvalidInputError(
      `this export (format ${manifest.formatVersion}) was made before the people register was exported: its audit log records ${added} people added that it does not hold. Export the workspace again with this release.`,
    );
  }
  const cycles = list(readJson(manifest.qiCycles), manifest.qiCycles).map((c, i) => parseCycle(c, `${manifest.qiCycles}[${i}]`));

  let versions = 0;
  let reviews = 0;
  ws.transaction(() => {
    const used = ws.db.prepare('SELECT (SELECT count(*) FROM protocols) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM qi_cycles) + (SELECT count(*) FROM people) AS n').get() as { n: number };
    if (used.n > 0) throw new InvalidInputError('import needs an empty workspace; this one already has protocols, people or history');
    const protocols = manifest.protocols.map((p) => {
      const protocol = parseProtocolFile(readJson(`${p.folder}/protocol.json`), `${p.folder}/protocol.json`);
      if (protocol.id !== p.id) throw new InvalidInputError(`${p.folder}/protocol.json: id ${protocol.id} differs from the manifest (${p.id})`);
      return { ...p, protocol };
    });
    for (const { protocol } of protocols) {
      ws.db
        .prepare('INSERT INTO protocols (id, title, created_at, created_by, template_id, base_protocol_id, base_version_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(protocol.id, protocol.title, protocol.createdAt, protocol.createdBy, protocol.templateId, protocol.base?.protocolId ?? null, protocol.base?.versionId ?? null);
    }
    const insertCycle = ws.db.prepare(
      'INSERT INTO qi_cycles (id, protocol_id, number, aim, start_date, end_date, decision, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const c of cycles) insertCycle.run(c.id, c.protocolId, c.number, c.aim, c.start, c.end, c.decision, c.createdAt, c.createdBy);

    const insertVersion = ws.db.prepare(
      `INSERT INTO versions (id, protocol_id, seq, parent_id, text, sha256, author, message, created_at, qi_cycle_id, status, site_name, version_label)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertTag = ws.db.prepare('INSERT INTO version_cycle_tags (version_id, qi_cycle_id, tagged_at, tagged_by) VALUES (?, ?, ?, ?)');
    const insertDraft = ws.db.prepare('INSERT INTO drafts (protocol_id, author, text, parent_version_id, updated_at, rebased_onto) VALUES (?, ?, ?, ?, ?, ?)');
    for (const { protocol, ...p } of protocols) {
      const historyFile = `${p.folder}/history.json`;
      const history = list(readJson(historyFile), historyFile).map((h, i) => parseHistoryEntry(h, `${historyFile}[${i}]`));
      for (const h of history) {
        const text = refuseSacred(checkText(read(`${p.folder}/${h.file}`), `${p.folder}/${h.file}`), `${p.folder}/${h.file}`);
        if (sha256(text) !== h.sha256) throw new InvalidInputError(`${p.folder}/${h.file}: text does not match the SHA-256 in history.json`);
        const facts = readHeadFacts(text);
        insertVersion.run(h.id, p.id, h.seq, h.parentId, text, h.sha256, h.author, h.message, h.createdAt, h.qiCycleId, facts.status, facts.siteName, facts.versionLabel);
        for (const t of h.tags) insertTag.run(h.id, t.qiCycleId, t.taggedAt, t.taggedBy);
      }
      versions += history.length;
      for (const d of protocol.drafts) {
        const draftText = refuseSacred(checkText(read(`${p.folder}/${d.file}`), `${p.folder}/${d.file}`), `${p.folder}/${d.file}`);
        insertDraft.run(p.id, d.author, draftText, d.parentVersionId, d.updatedAt, d.rebasedOnto ?? null);
      }
      const replacedFile = `${p.folder}/${DRAFT_HISTORY_FILE}`;
      if (manifest.files[replacedFile] !== undefined) {
        for (const [i, e] of parseDraftHistory(readJson(replacedFile), replacedFile).entries()) {
          const rel = `${p.folder}/${e.file}`;
          if (!e.file.startsWith('draft-history/')) throw new InvalidInputError(`${replacedFile}[${i}].file must be in draft-history/`);
          importDraftHistoryEntry(ws.db, p.id, e, refuseSacred(checkText(read(rel), rel), rel));
        }
      }
      const rules = protocol.ruleSettings;
      if (rules) ws.writeRuleSettings(p.id, rules, rules.updatedAt, rules.updatedBy);
      const reviewsFile = `${p.folder}/${REVIEWS_FILE}`;
      if (manifest.files[reviewsFile] !== undefined) reviews += importReviews(ws, p.id, parseReviewsFile(readJson(reviewsFile), reviewsFile), reviewsFile);
    }
    if (manifest.files[PEOPLE_FILE] !== undefined) importPeople(ws.db, parsePeople(readJson(PEOPLE_FILE), PEOPLE_FILE));
    for (const entry of audit) insertAudit(ws.db, entry);
    appendAudit(ws.db, {
      actor: importerId(ws.db, actor),
      action: 'workspace.import',
      subject: 'workspace',
      details: { manifestSha256: sha256(readFileSync(join(root, 'manifest.json'), 'utf8')), protocols: manifest.protocols.length, versions },
    }, ws.timestamp());
    // Verified before the transaction commits, so an export that does not hold together leaves nothing behind.
    const problem = ws.verify().problems[0];
    if (problem) throw new InvalidInputError(`the imported workspace does not verify: ${problem.message}`);
  });
  const audience = isAudience(manifest.audience) ? manifest.audience : 'workspace';
  return { protocols: manifest.protocols.length, versions, files: Object.keys(manifest.files).length + 1, reviews, audience };
}

/** The importer as recorded: their person id when the imported register has them, else the name given. */
function importerId(db: Database, name: string): string {
  if (!hasPeople(db)) return name;
  try {
    return findRegistered(db, name).id;
  } catch (err) {
    if (err instanceof NotFoundError) return name;
    throw err;
  }
}

/** Secret/sacred content is never stored, so an import holding it (a hand-made or tampered export) is refused. */
function refuseSacred(text: string, file: string): string {
  const r = stripSacredContent(text);
  if (r.text === null) throw new InvalidInputError(`${file}: ${r.refused}`);
  const first = r.stripped[0];
  // The file's last two parts ("drafts/Carol.yaml") keep the line short enough to name the section in full.
  if (first) throw new InvalidInputError(refusalMessage(`Import of ${file.split('/').slice(-2).join('/')} refused`, { ...first, level: 'secret_sacred' }, first.askWhom));
  return text;
}

/** Inserts one protocol's review records with their original row ids; each snapshot must match its content hash. */
function importReviews(ws: Workspace, protocolId: string, reviews: ReviewsFile, file: string): number {
  const insertRequest = ws.db.prepare(
    `INSERT INTO review_requests (id, protocol_id, section_key, track, reviewer, role, version_id, requested_by, requested_at, content_hash, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = ws.db.prepare(
    `INSERT INTO review_events (id, protocol_id, section_key, track, version_id, kind, reviewer, role, note, at, content_hash, snapshot)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of reviews.requests) {
    insertRequest.run(r.id, protocolId, r.sectionKey, r.track, r.reviewer, r.role, r.versionId, r.requestedBy, r.requestedAt, r.contentHash, r.note);
  }
  for (const e of reviews.events) {
    const snapshot = sectionJson(e.snapshot);
    if (sha256(snapshot) !== e.contentHash) {
      throw new InvalidInputError(`${file}: review event ${e.id} (${e.kind} of ${e.sectionKey} by ${e.reviewer}): the snapshot does not match its content hash`);
    }
    insertEvent.run(e.id, protocolId, e.sectionKey, e.track, e.versionId, e.kind, e.reviewer, e.role, e.note, e.at, e.contentHash, snapshot);
  }
  return reviews.requests.length + reviews.events.length;
}

/** Largest files an import reads: protocol texts as the editor's limit, JSON (audit, history) far above any real one. */
const MAX_IMPORT_TEXT = MAX_TEXT_BYTES;
const MAX_IMPORT_JSON = 256 * 1024 * 1024;

/**
 * Reads one file of an export: never through a link (lstat, no following), only a regular file, and only
 * after its size is known to be under `max`, so a hostile export cannot point outside itself or exhaust memory.
 */
function readRegularFile(file: string, what: string, max: number): string {
  const st = lstatSync(file);
  if (st.isSymbolicLink()) throw new InvalidInputError(`${what} is a symbolic link; an export holds only regular files`);
  if (!st.isFile()) throw new InvalidInputError(`${what} is not a regular file`);
  if (st.size > max) throw new InvalidInputError(`${what} is ${st.size} bytes; the limit is ${max}`);
  return readFileSync(file, 'utf8');
}

function readManifest(root: string): Manifest {
  const file = join(root, 'manifest.json');
  let raw: unknown;
  try {
    const dir = lstatSync(root);
    if (dir.isSymbolicLink() || !dir.isDirectory()) throw new InvalidInputError(`${root} is not a folder (links are not followed)`);
    raw = JSON.parse(readRegularFile(file, 'manifest.json', MAX_IMPORT_JSON)) as unknown;
  } catch (err) {
    if (err instanceof InvalidInputError) throw err;
    throw new InvalidInputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const m = obj(raw, 'manifest.json');
  if (m.format !== EXPORT_FORMAT) throw new InvalidInputError(`manifest.json: not a Protocol Studio export (format ${JSON.stringify(m.format)})`);
  if (typeof m.formatVersion !== 'number' || !READABLE_FORMAT_VERSIONS.includes(m.formatVersion)) {
    throw new InvalidInputError(
      `manifest.json: export format version ${JSON.stringify(m.formatVersion)} is not supported (expected ${READABLE_FORMAT_VERSIONS.slice(0, -1).join(', ')} or ${READABLE_FORMAT_VERSIONS.at(-1)}); update Protocol Studio`,
    );
  }
  const files = obj(m.files, 'manifest.json files');
  for (const [rel, hash] of Object.entries(files)) {
    checkRelPath(rel);
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) throw new InvalidInputError(`manifest.json: file ${rel} has no valid SHA-256`);
  }
  return {
    format: EXPORT_FORMAT,
    formatVersion: m.formatVersion,
    audience: optStr(m, 'audience', 'manifest.json'),
    protocols: list(m.protocols, 'manifest.json protocols').map((p, i) => {
      const o = obj(p, `manifest.json protocols[${i}]`);
      const at = `manifest.json protocols[${i}]`;
      return {
        id: str(o, 'id', at),
        title: str(o, 'title', at),
        folder: checkRelPath(str(o, 'folder', at)),
        headVersionId: optStr(o, 'headVersionId', at),
        headSha256: optStr(o, 'headSha256', at),
        versions: int(o, 'versions', at),
      };
    }),
    qiCycles: checkRelPath(str(m, 'qiCycles', 'manifest.json')),
    audit: checkRelPath(str(m, 'audit', 'manifest.json')),
    files: files as Record<string, string>,
  };
}

/** Reads a file the manifest lists, refusing links and anything whose hash differs. */
function readListed(root: string, manifest: Manifest, rel: string): string {
  const expected = manifest.files[rel];
  if (expected === undefined) throw new InvalidInputError(`${rel} is not listed in manifest.json`);
  const file = join(root, ...checkRelPath(rel).split('/'));
  // Every folder on the way must be a real folder too: a linked folder would lead outside the export.
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = join(root, ...parts.slice(0, i));
    if (existsSync(dir) && !lstatSync(dir).isDirectory()) throw new InvalidInputError(`${parts.slice(0, i).join('/')} in the export is not a folder (links are not followed)`);
  }
  let text: string;
  try {
    text = readRegularFile(file, rel, rel.endsWith('.json') ? MAX_IMPORT_JSON : MAX_IMPORT_TEXT);
  } catch (err) {
    if (err instanceof InvalidInputError) throw err;
    throw new InvalidInputError(`cannot read ${rel}: ${(err as Error).message}`);
  }
  if (sha256(text) !== expected) throw new InvalidInputError(`${rel} has been changed since the export (SHA-256 differs from manifest.json)`);
  return text;
}

function parseProtocolFile(v: unknown, at: string): ProtocolFile {
  const o = obj(v, at);
  const base = o.base === null || o.base === undefined ? null : obj(o.base, `${at}.base`);
  return {
    id: str(o, 'id', at),
    title: str(o, 'title', at),
    createdAt: str(o, 'createdAt', at),
    createdBy: str(o, 'createdBy', at),
    templateId: optStr(o, 'templateId', at),
    base: base ? { protocolId: str(base, 'protocolId', `${at}.base`), versionId: str(base, 'versionId', `${at}.base`) } : null,
    drafts: list(o.drafts ?? [], `${at}.drafts`).map((d, i) => {
      const dd = obj(d, `${at}.drafts[${i}]`);
      const dAt = `${at}.drafts[${i}]`;
      const rebasedOnto = optStr(dd, 'rebasedOnto', dAt);
      return { author: str(dd, 'author', dAt), parentVersionId: optStr(dd, 'parentVersionId', dAt), updatedAt: str(dd, 'updatedAt', dAt), file: checkRelPath(str(dd, 'file', dAt)), ...(rebasedOnto ? { rebasedOnto } : {}) };
    }),
    ...(o.ruleSettings === undefined ? {} : { ruleSettings: parseRuleSettings(o.ruleSettings, `${at}.ruleSettings`) }),
  };
}

function parseRuleSettings(v: unknown, at: string): NonNullable<ProtocolFile['ruleSettings']> {
  const o = obj(v, at);
  let settings: RuleSettingsInput;
  try {
    settings = checkRuleSettings(o);
  } catch (err) {
    throw new InvalidInputError(`${at}: ${(err as Error).message}`);
  }
  return { ...settings, updatedAt: str(o, 'updatedAt', at), updatedBy: str(o, 'updatedBy', at) };
}

function parseHistoryEntry(v: unknown, at: string): HistoryEntry {
  const o = obj(v, at);
  return {
    id: str(o, 'id', at),
    seq: int(o, 'seq', at),
    parentId: optStr(o, 'parentId', at),
    sha256: str(o, 'sha256', at),
    author: str(o, 'author', at),
    message: str(o, 'message', at),
    createdAt: str(o, 'createdAt', at),
    qiCycleId: optStr(o, 'qiCycleId', at),
    tags: list(o.tags ?? [], `${at}.tags`).map((t, i) => {
      const tt = obj(t, `${at}.tags[${i}]`);
      const tAt = `${at}.tags[${i}]`;
      return { qiCycleId: str(tt, 'qiCycleId', tAt), taggedAt: str(tt, 'taggedAt', tAt), taggedBy: str(tt, 'taggedBy', tAt) };
    }),
    file: checkRelPath(str(o, 'file', at)),
  };
}

function parseCycle(v: unknown, at: string): CycleRecord {
  const o = obj(v, at);
  return {
    id: str(o, 'id', at),
    protocolId: str(o, 'protocolId', at),
    number: int(o, 'number', at),
    aim: str(o, 'aim', at),
    start: str(o, 'start', at),
    end: optStr(o, 'end', at),
    decision: str(o, 'decision', at),
    createdAt: str(o, 'createdAt', at),
    createdBy: str(o, 'createdBy', at),
  };
}

const TRACKS = ['cultural', 'medical'];
const EVENT_KINDS = ['approve', 'request_changes', 'withhold', 'comment'];

function oneOf(o: Obj, key: string, allowed: readonly string[], at: string): string {
  const v = str(o, key, at);
  if (!allowed.includes(v)) throw new InvalidInputError(`${at}.${key} must be one of ${allowed.join(', ')}, not ${JSON.stringify(v)}`);
  return v;
}

function hash64(o: Obj, key: string, at: string): string {
  const v = str(o, key, at);
  if (!/^[0-9a-f]{64}$/.test(v)) throw new InvalidInputError(`${at}.${key} must be a SHA-256 (64 hex digits)`);
  return v;
}

function parseReviewsFile(v: unknown, at: string): ReviewsFile {
  const o = obj(v, at);
  return {
    requests: list(o.requests ?? [], `${at}.requests`).map((r, i) => {
      const rAt = `${at}.requests[${i}]`;
      const rr = obj(r, rAt);
      return {
        id: int(rr, 'id', rAt),
        sectionKey: str(rr, 'sectionKey', rAt),
        track: oneOf(rr, 'track', TRACKS, rAt),
        reviewer: str(rr, 'reviewer', rAt),
        role: str(rr, 'role', rAt),
        versionId: optStr(rr, 'versionId', rAt),
        requestedBy: str(rr, 'requestedBy', rAt),
        requestedAt: str(rr, 'requestedAt', rAt),
        contentHash: hash64(rr, 'contentHash', rAt),
        note: optStr(rr, 'note', rAt),
      };
    }),
    events: list(o.events ?? [], `${at}.events`).map((e, i) => {
      const eAt = `${at}.events[${i}]`;
      const ee = obj(e, eAt);
      if (!('snapshot' in ee)) throw new InvalidInputError(`${eAt}.snapshot is missing`);
      return {
        id: int(ee, 'id', eAt),
        sectionKey: str(ee, 'sectionKey', eAt),
        track: oneOf(ee, 'track', TRACKS, eAt),
        versionId: optStr(ee, 'versionId', eAt),
        kind: oneOf(ee, 'kind', EVENT_KINDS, eAt),
        reviewer: str(ee, 'reviewer', eAt),
        role: str(ee, 'role', eAt),
        note: optStr(ee, 'note', eAt),
        at: str(ee, 'at', eAt),
        contentHash: hash64(ee, 'contentHash', eAt),
        snapshot: ee.snapshot,
      };
    }),
  };
}

function parseAudit(v: unknown): AuditEntry[] {
  return list(v, 'audit.json').map((e, i) => {
    const at = `audit.json[${i}]`;
    const o = obj(e, at);
    return {
      seq: int(o, 'seq', at),
      at: str(o, 'at', at),
      actor: str(o, 'actor', at),
      action: str(o, 'action', at),
      subject: str(o, 'subject', at),
      details: JSON.parse(canonicalJson(obj(o.details, `${at}.details`))) as Record<string, unknown>,
      prevHash: str(o, 'prevHash', at),
      hash: str(o, 'hash', at),
    };
  });
}
