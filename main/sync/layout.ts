/**
 * What a published protocol looks like in the git repository: one folder per protocol, named by its id,
 * holding the YAML of the version (`protocol.yaml`), its sign-off records (`signoffs.json`) and a
 * manifest (`manifest.json`: versions, labels, QI cycles, what was withheld and why). Each version is
 * one commit whose trailers name the protocol and version, so a fetch can find every version's text.
 * Everything read back from a remote is untrusted: sizes are capped and shapes checked before use.
 */
import { SyncError } from './repo';

export const PROTOCOL_FILE = 'protocol.yaml';
export const SIGNOFFS_FILE = 'signoffs.json';
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'protocol-studio-sync/1';

/** A manifest or sign-off file larger than this is not one the studio wrote. */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;

export interface ManifestVersion {
  /** The version's id where it was first committed (the same on every site). */
  id: string;
  seq: number;
  label: string | null;
  /** The author's name; their person id where the publishing site has a register. */
  author: string;
  authorId?: string;
  message: string;
  createdAt: string;
  qiCycles: string[];
  /** SHA-256 of the published text of this version. */
  sha256: string;
}

export interface ManifestCycle {
  id: string;
  number: number;
  aim: string;
  start: string;
  end: string | null;
  decision: string;
}

export interface ManifestWithheld {
  key: string;
  title: string;
  level: string;
  reason: string;
  askWhom: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  protocol: { id: string; title: string; basedOn: { protocol: string; version: string } | null };
  audience: string;
  /** Oldest first. */
  versions: ManifestVersion[];
  qiCycles: ManifestCycle[];
  /** Sections of the head version written as placeholders, and why. */
  withheld: ManifestWithheld[];
}

/** A sign-off as it travels: who (person id when the register has one), what, and the content hash signed. */
export interface TravellingSignoff {
  sectionKey: string;
  track: string;
  kind: string;
  reviewer: string;
  role: string;
  personId?: string;
  at: string;
  contentHash: string;
  note?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function isProtocolFolder(name: string): boolean {
  return ID.test(name);
}

function fail(where: string, what: string): never {
  throw new SyncError(`${where}: ${what}; it was not written by Protocol Studio or is damaged`);
}

const str = (v: unknown): v is string => typeof v === 'string';

function parseJson(bytes: Uint8Array, where: string): unknown {
  if (bytes.byteLength > MAX_JSON_BYTES) fail(where, `${bytes.byteLength} bytes is more than the ${MAX_JSON_BYTES} a manifest may have`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch (err) {
    return fail(where, `not valid UTF-8 JSON (${(err as Error).message.split('\n')[0]})`);
  }
}

const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readManifest(bytes: Uint8Array, where: string): Manifest {
  const m = parseJson(bytes, where);
  if (!obj(m) || m.format !== MANIFEST_FORMAT) fail(where, `no "${MANIFEST_FORMAT}" manifest`);
  const p = m.protocol;
  if (!obj(p) || !str(p.id) || !ID.test(p.id) || !str(p.title)) fail(where, 'the manifest names no protocol');
  if (!Array.isArray(m.versions) || m.versions.length === 0) fail(where, 'the manifest lists no versions');
  const versions = m.versions.map((v, i): ManifestVersion => {
    if (!obj(v) || !str(v.id) || !ID.test(v.id) || typeof v.seq !== 'number' || !str(v.author) || !str(v.message) || !str(v.createdAt) || !str(v.sha256)) {
      fail(where, `version ${i + 1} of the manifest is incomplete`);
    }
    return {
      id: v.id,
      seq: v.seq,
      label: str(v.label) ? v.label : null,
      author: v.author,
      ...(str(v.authorId) ? { authorId: v.authorId } : {}),
      message: v.message,
      createdAt: v.createdAt,
      qiCycles: Array.isArray(v.qiCycles) ? v.qiCycles.filter(str) : [],
      sha256: v.sha256,
    };
  });
  if (new Set(versions.map((v) => v.id)).size !== versions.length) fail(where, 'the manifest lists a version twice');
  const basedOn = obj(p.basedOn) && str(p.basedOn.protocol) && str(p.basedOn.version) ? { protocol: p.basedOn.protocol, version: p.basedOn.version } : null;
  const qiCycles = (Array.isArray(m.qiCycles) ? m.qiCycles : []).flatMap((c): ManifestCycle[] =>
    obj(c) && str(c.id) && typeof c.number === 'number' && str(c.aim) && str(c.start) && str(c.decision)
      ? [{ id: c.id, number: c.number, aim: c.aim, start: c.start, end: str(c.end) ? c.end : null, decision: c.decision }]
      : [],
  );
  const withheld = (Array.isArray(m.withheld) ? m.withheld : []).flatMap((w): ManifestWithheld[] =>
    obj(w) && str(w.key) && str(w.title) && str(w.level) && str(w.reason) && str(w.askWhom)
      ? [{ key: w.key, title: w.title, level: w.level, reason: w.reason, askWhom: w.askWhom }]
      : [],
  );
  return { format: MANIFEST_FORMAT, protocol: { id: p.id, title: p.title, basedOn }, audience: str(m.audience) ? m.audience : 'unknown', versions, qiCycles, withheld };
}

export function readSignoffs(bytes: Uint8Array, where: string): TravellingSignoff[] {
  const list = parseJson(bytes, where);
  if (!Array.isArray(list)) fail(where, 'the sign-off file is not a list');
  return list.flatMap((s): TravellingSignoff[] =>
    obj(s) && str(s.sectionKey) && str(s.track) && str(s.kind) && str(s.reviewer) && str(s.role) && str(s.at) && str(s.contentHash)
      ? [
          {
            sectionKey: s.sectionKey,
            track: s.track,
            kind: s.kind,
            reviewer: s.reviewer,
            role: s.role,
            ...(str(s.personId) ? { personId: s.personId } : {}),
            at: s.at,
            contentHash: s.contentHash,
            ...(str(s.note) ? { note: s.note } : {}),
          },
        ]
      : [],
  );
}

export function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}

export interface Trailers {
  protocol: string;
  versionId: string;
  seq: number;
  label: string | null;
  qiCycles: string[];
  sha256: string;
}

/** The commit message of a published version: its own message, then trailers a fetch reads back. */
export function commitMessage(message: string, t: Trailers): string {
  const lines = [
    `Protocol: ${t.protocol}`,
    `Protocol-Version: ${t.versionId}`,
    `Version-Seq: ${t.seq}`,
    ...(t.label ? [`Version-Label: ${t.label}`] : []),
    ...(t.qiCycles.length ? [`QI-Cycle: ${t.qiCycles.join(', ')}`] : []),
    `Content-SHA256: ${t.sha256}`,
  ];
  return `${message.trim()}\n\n${lines.join('\n')}\n`;
}

/** The trailers of a commit message, or null when it is not a published version. */
export function readTrailers(message: string): Trailers | null {
  const get = (key: string): string | undefined => new RegExp(`^${key}: (.+)$`, 'm').exec(message)?.[1]?.trim();
  const protocol = get('Protocol');
  const versionId = get('Protocol-Version');
  const seq = Number(get('Version-Seq'));
  const sha256 = get('Content-SHA256');
  if (!protocol || !versionId || !Number.isInteger(seq) || !sha256) return null;
  return { protocol, versionId, seq, label: get('Version-Label') ?? null, qiCycles: get('QI-Cycle')?.split(/,\s*/) ?? [], sha256 };
}

/** A git tag name for a version label (`<protocol>/<label>`), or null when the label cannot be one. */
export function tagRef(protocolId: string, label: string | null): string | null {
  if (!label) return null;
  const safe = label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').replace(/\.{2,}/g, '.');
  if (!safe || safe.endsWith('.lock')) return null;
  return `refs/tags/${protocolId}/${safe}`;
}
