/**
 * The canonical payload of a recorded fact: the exact bytes its hash covers today and a person's Ed25519
 * signature can cover later, without any change of meaning. Each payload names its format, so a later
 * format can be told apart from this one.
 */
import { canonicalJson, sha256 } from './hash';
import type { VersionInfo } from './types';

/** The recorded fields of a version (the text is bound through its SHA-256; `author` is a person id). */
export type VersionRecord = Pick<VersionInfo, 'id' | 'protocolId' | 'seq' | 'parentId' | 'sha256' | 'author' | 'message' | 'createdAt' | 'qiCycleId'>;

export const VERSION_RECORD_FORMAT = 'protocol-studio.version/1';

/** Canonical JSON of every recorded field of a version. */
export function versionPayload(v: VersionRecord): string {
  return canonicalJson({
    format: VERSION_RECORD_FORMAT,
    id: v.id,
    protocolId: v.protocolId,
    seq: v.seq,
    parentId: v.parentId,
    textSha256: v.sha256,
    author: v.author,
    message: v.message,
    createdAt: v.createdAt,
    qiCycleId: v.qiCycleId,
  });
}

/** The hash written into the version's commit audit entry (`recordSha256`) and checked by verify. */
export const versionRecordHash = (v: VersionRecord): string => sha256(versionPayload(v));
