/**
 * Export to, and import from, a plain folder that reads well in git:
 *
 *   manifest.json                         format, protocols, SHA-256 of every other file
 *   .gitattributes                        `* -text`: git must never rewrite line endings of the texts
 *   qi-cycles.json, audit.json            QI cycles; the full audit chain (so import keeps it verifiable)
 *   protocols/<name>/protocol.json        id, title, creation, base, template, drafts
 *   protocols/<name>/head.yaml            the latest version's text
 *   protocols/<name>/history.json         every version's metadata, oldest first
 *   protocols/<name>/versions/000001.yaml every version's text, byte for byte
 *   protocols/<name>/drafts/<author>.yaml uncommitted drafts
 *
 * Deterministic: sorted, stable JSON, nothing about the export itself (no export time), so exporting
 * an unchanged workspace twice gives identical files and a git diff shows only real changes.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { appendAudit, insertAudit, readAuditChain, verifyAuditChain, type AuditEntry } from './audit';
import { InvalidInputError, StoreError } from './errors';
import { canonicalJson, sha256, stableJson } from './hash';
import { safeFileName, uniqueName } from './safe-name';
import { checkText } from './validate-input';
import type { Workspace } from './workspace';
import { readHeadFacts } from './yaml-meta';

export const EXPORT_FORMAT = 'protocol-studio-workspace';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportSummary {
  protocols: number;
  versions: number;
  files: number;
}

interface Manifest {
  format: string;
  formatVersion: number;
  protocols: Array<{ id: string; title: string; folder: string; headVersionId: string | null; headSha256: string | null; versions: number }>;
  qiCycles: string;
  audit: string;
  files: Record<string, string>;
}

interface ProtocolFile {
  id: string;
  title: string;
  createdAt: string;
  createdBy: string;
  templateId: string | null;
  base: { protocolId: string; versionId: string } | null;
  drafts: Array<{ author: string; parentVersionId: string | null; updatedAt: string; file: string }>;
}

interface HistoryEntry {
  id: string;
  seq: number;
  parentId: string | null;
  sha256: string;
  author: string;
  message: string;
  createdAt: string;
  qiCycleId: string | null;
  tags: Array<{ qiCycleId: string; taggedAt: string; taggedBy: string }>;
  file: string;
}

interface CycleRecord {
  id: string;
  protocolId: string;
  number: number;
  aim: string;
  start: string;
  end: string | null;
  decision: string;
  createdAt: string;
  createdBy: string;
}

// ── export ──────────────────────────────────────────────────────────────────────────────────────

export function exportWorkspace(ws: Workspace, folder: string): ExportSummary {
  const root = resolve(folder);
  clearPreviousExport(root);
  const files = new Map<string, string>();
  const put = (rel: string, content: string): void => {
    files.set(rel, content);
  };

  const manifestProtocols: Manifest['protocols'] = [];
  const folders = new Set<string>();
  let versionCount = 0;
  // Read everything in one transaction so the export is a consistent snapshot.
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
      let headText: string | null = null;
      for (const { id, text } of rows) {
        const v = infos.get(id)!;
        const file = `versions/${String(v.seq).padStart(6, '0')}.yaml`;
        put(`${dir}/${file}`, text);
        headText = text;
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
        return { author: d.author, parentVersionId: d.parentVersionId, updatedAt: d.updatedAt, file };
      });
      const protocolFile: ProtocolFile = { id: p.id, title: p.title, createdAt: p.createdAt, createdBy: p.createdBy, templateId: p.templateId, base: p.base, drafts };
      put(`${dir}/protocol.json`, stableJson(protocolFile));
      const head = history.at(-1);
      manifestProtocols.push({ id: p.id, title: p.title, folder: dir, headVersionId: head?.id ?? null, headSha256: head?.sha256 ?? null, versions: history.length });
    }
    const cycles: CycleRecord[] = ws.listQiCycles().map((c) => ({ ...c }));
    put('qi-cycles.json', stableJson(cycles));
    put('audit.json', stableJson([...readAuditChain(ws.db)]));
  })();
  put('.gitattributes', '# Protocol texts are stored byte for byte; git must not convert line endings.\n* -text\n');

  const manifest: Manifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    protocols: manifestProtocols,
    qiCycles: 'qi-cycles.json',
    audit: 'audit.json',
    files: Object.fromEntries([...files].map(([rel, content]) => [rel, sha256(content)]).sort(([a], [b]) => (a! < b! ? -1 : 1))),
  };
  for (const [rel, content] of files) {
    const target = join(root, ...rel.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content, 'utf8');
  }
  writeFileSync(join(root, 'manifest.json'), stableJson(manifest), 'utf8');
  return { protocols: manifestProtocols.length, versions: versionCount, files: files.size + 1 };
}

/**
 * Exporting over an earlier export (e.g. a git checkout) replaces exactly the files that export wrote,
 * so renamed protocols leave no stale folders; anything else in a non-empty folder is refused.
 */
function clearPreviousExport(root: string): void {
  if (!existsSync(root)) return;
  const entries = readdirSync(root).filter((e) => e !== '.git');
  if (entries.length === 0) return;
  if (!entries.includes('manifest.json')) {
    throw new InvalidInputError(`${root} is not empty and holds no earlier export (no manifest.json); choose an empty folder`);
  }
  const manifest = readManifest(root);
  for (const rel of Object.keys(manifest.files)) {
    const target = join(root, ...checkRelPath(rel).split('/'));
    rmSync(target, { force: true });
    removeEmptyParents(dirname(target), root);
  }
  rmSync(join(root, 'manifest.json'));
}

function removeEmptyParents(dir: string, root: string): void {
  while (dir.startsWith(root + sep) && existsSync(dir) && readdirSync(dir).length === 0) {
    rmdirSync(dir);
    dir = dirname(dir);
  }
}

// ── import ──────────────────────────────────────────────────────────────────────────────────────

/** Reads an export into an empty workspace: same ids, texts, hashes, authors, messages and times. */
export function importWorkspace(ws: Workspace, folder: string, actor: string): ExportSummary {
  const root = resolve(folder);
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
  const cycles = list(readJson(manifest.qiCycles), manifest.qiCycles).map((c, i) => parseCycle(c, `${manifest.qiCycles}[${i}]`));

  let versions = 0;
  ws.transaction(() => {
    const used = ws.db.prepare('SELECT (SELECT count(*) FROM protocols) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM qi_cycles) AS n').get() as { n: number };
    if (used.n > 0) throw new InvalidInputError('import needs an empty workspace; this one already has protocols or history');
    for (const p of manifest.protocols) {
      const protocol = parseProtocolFile(readJson(`${p.folder}/protocol.json`), `${p.folder}/protocol.json`);
      if (protocol.id !== p.id) throw new InvalidInputError(`${p.folder}/protocol.json: id ${protocol.id} differs from the manifest (${p.id})`);
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
    const insertDraft = ws.db.prepare('INSERT INTO drafts (protocol_id, author, text, parent_version_id, updated_at) VALUES (?, ?, ?, ?, ?)');
    for (const p of manifest.protocols) {
      const historyFile = `${p.folder}/history.json`;
      const history = list(readJson(historyFile), historyFile).map((h, i) => parseHistoryEntry(h, `${historyFile}[${i}]`));
      for (const h of history) {
        const text = checkText(read(`${p.folder}/${h.file}`), `${p.folder}/${h.file}`);
        if (sha256(text) !== h.sha256) throw new InvalidInputError(`${p.folder}/${h.file}: text does not match the SHA-256 in history.json`);
        const facts = readHeadFacts(text);
        insertVersion.run(h.id, p.id, h.seq, h.parentId, text, h.sha256, h.author, h.message, h.createdAt, h.qiCycleId, facts.status, facts.siteName, facts.versionLabel);
        for (const t of h.tags) insertTag.run(h.id, t.qiCycleId, t.taggedAt, t.taggedBy);
      }
      versions += history.length;
      const protocol = parseProtocolFile(readJson(`${p.folder}/protocol.json`), `${p.folder}/protocol.json`);
      for (const d of protocol.drafts) {
        insertDraft.run(p.id, d.author, checkText(read(`${p.folder}/${d.file}`), `${p.folder}/${d.file}`), d.parentVersionId, d.updatedAt);
      }
    }
    for (const entry of audit) insertAudit(ws.db, entry);
    appendAudit(ws.db, {
      actor,
      action: 'workspace.import',
      subject: 'workspace',
      details: { manifestSha256: sha256(readFileSync(join(root, 'manifest.json'), 'utf8')), protocols: manifest.protocols.length, versions },
    }, ws.timestamp());
  });
  // Deferred foreign keys were checked at commit; the hashes and chains are checked here.
  const problem = ws.verify().problems[0];
  if (problem) throw new StoreError(`the imported workspace does not verify: ${problem.message}`);
  return { protocols: manifest.protocols.length, versions, files: Object.keys(manifest.files).length + 1 };
}

function readManifest(root: string): Manifest {
  const file = join(root, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new InvalidInputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const m = obj(raw, 'manifest.json');
  if (m.format !== EXPORT_FORMAT) throw new InvalidInputError(`manifest.json: not a Protocol Studio export (format ${JSON.stringify(m.format)})`);
  if (m.formatVersion !== EXPORT_FORMAT_VERSION) {
    throw new InvalidInputError(`manifest.json: export format version ${JSON.stringify(m.formatVersion)} is not supported (expected ${EXPORT_FORMAT_VERSION})`);
  }
  const files = obj(m.files, 'manifest.json files');
  for (const [rel, hash] of Object.entries(files)) {
    checkRelPath(rel);
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) throw new InvalidInputError(`manifest.json: file ${rel} has no valid SHA-256`);
  }
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
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

/** A relative path inside the export: forward slashes, no traversal, nothing absolute or odd. */
function checkRelPath(rel: string): string {
  const parts = rel.split('/');
  const bad =
    rel === '' ||
    rel.includes('\\') ||
    rel.includes('\0') ||
    rel.startsWith('/') ||
    /^[A-Za-z]:/.test(rel) ||
    posix.normalize(rel) !== rel ||
    parts.some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw new InvalidInputError(`manifest.json: unsafe path ${JSON.stringify(rel)} in the export`);
  return rel;
}

/** Reads a file the manifest lists, refusing links and anything whose hash differs. */
function readListed(root: string, manifest: Manifest, rel: string): string {
  const expected = manifest.files[rel];
  if (expected === undefined) throw new InvalidInputError(`${rel} is not listed in manifest.json`);
  const file = join(root, ...checkRelPath(rel).split('/'));
  let text: string;
  try {
    if (!lstatSync(file).isFile()) throw new Error('not a regular file');
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InvalidInputError(`cannot read ${rel}: ${(err as Error).message}`);
  }
  if (sha256(text) !== expected) throw new InvalidInputError(`${rel} has been changed since the export (SHA-256 differs from manifest.json)`);
  return text;
}

// ── shape checks for JSON read from disk ────────────────────────────────────────────────────────

type Obj = Record<string, unknown>;

function obj(v: unknown, at: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InvalidInputError(`${at} must be an object`);
  return v as Obj;
}
function list(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new InvalidInputError(`${at} must be a list`);
  return v;
}
function str(o: Obj, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new InvalidInputError(`${at}.${key} must be a string`);
  return v;
}
function optStr(o: Obj, key: string, at: string): string | null {
  return o[key] === null || o[key] === undefined ? null : str(o, key, at);
}
function int(o: Obj, key: string, at: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new InvalidInputError(`${at}.${key} must be a whole number`);
  return v;
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
      return { author: str(dd, 'author', dAt), parentVersionId: optStr(dd, 'parentVersionId', dAt), updatedAt: str(dd, 'updatedAt', dAt), file: checkRelPath(str(dd, 'file', dAt)) };
    }),
  };
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
