/**
 * Upgrades protocol documents to the current schemaVersion, editing the yaml.Document in place so that
 * comments and key order survive. Each step upgrades one version; they run in sequence.
 */
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';

export const CURRENT_SCHEMA_VERSION = 1;

export interface MigrationResult {
  from: number;
  to: number;
  changed: boolean;
  /** One line per change, in people's words, for the migration report. */
  notes: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

type Step = (doc: Document, root: YAMLMap, notes: string[]) => void;

/** A key rename at one place in the document; `at` is the path of the map (after earlier renames). */
interface Rename {
  at: string[];
  from: string;
  to: string;
}

/**
 * Version 0: pre-release drafts that followed the snake_case layout of the domain notes
 * (`meta.protocol_id`, `derived_from`, `program.duration_weeks`, …).
 */
const V0_RENAMES: Rename[] = [
  { at: [], from: 'meta', to: 'metadata' },
  { at: [], from: 'program', to: 'programme' },
  { at: [], from: 'medicine_sessions', to: 'medicineSessions' },
  { at: [], from: 'medical_monitoring', to: 'monitoring' },
  { at: ['metadata'], from: 'protocol_id', to: 'id' },
  { at: ['metadata'], from: 'derived_from', to: 'basedOn' },
  { at: ['metadata'], from: 'version', to: 'versionLabel' },
  { at: ['programme'], from: 'duration_weeks', to: 'weeks' },
  { at: ['programme'], from: 'cohort_size', to: 'cohortSize' },
  { at: ['programme'], from: 'small_group_size', to: 'smallGroupSize' },
  { at: ['programme'], from: 'referral_required', to: 'referralRequired' },
  { at: ['medicineSessions'], from: 'min_interval_days', to: 'minSpacingDays' },
  { at: ['medicineSessions'], from: 'observation_min', to: 'observationMin' },
  { at: ['medicineSessions'], from: 'discharge_criteria', to: 'dischargeCriteria' },
  { at: ['monitoring'], from: 'pre_session_bp_max', to: 'preSessionBpMax' },
];

function mapAt(root: YAMLMap, path: string[]): YAMLMap | undefined {
  let node: unknown = root;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = node.get(key, true);
  }
  return isMap(node) ? node : undefined;
}

/** Renames the key scalar itself, so comments attached to the pair stay where they were. */
function renameKey(map: YAMLMap, rename: Rename, notes: string[]): void {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === rename.from);
  if (!pair || !isScalar(pair.key)) return;
  const where = [...rename.at, rename.from].join('.');
  if (map.has(rename.to)) {
    notes.push(`Kept ${where} as is: ${[...rename.at, rename.to].join('.')} already exists; merge them by hand.`);
    return;
  }
  pair.key.value = rename.to;
  notes.push(`Renamed ${where} to ${[...rename.at, rename.to].join('.')}.`);
}

/** A v0 `derived_from: "base-id@1.2.0"` string becomes `{protocol, version}`. */
function splitBasedOn(doc: Document, root: YAMLMap, notes: string[]): void {
  const metadata = mapAt(root, ['metadata']);
  const value = metadata?.get('basedOn', true);
  if (!metadata || !isScalar(value) || typeof value.value !== 'string') return;
  const match = /^([a-z0-9][a-z0-9-]*)@(\S+)$/.exec(value.value.trim());
  if (!match) {
    notes.push(`metadata.basedOn "${value.value}" is not "protocol@version"; set basedOn.protocol and basedOn.version by hand.`);
    return;
  }
  const pair = metadata.items.find((p) => isScalar(p.key) && p.key.value === 'basedOn');
  if (!pair) return;
  const replacement = doc.createNode({ protocol: match[1], version: match[2] });
  replacement.commentBefore = value.commentBefore;
  replacement.comment = value.comment;
  pair.value = replacement;
  notes.push(`Split metadata.basedOn "${value.value}" into protocol and version.`);
}

const STEPS: Record<number, Step> = {
  0: (doc, root, notes) => {
    for (const rename of V0_RENAMES) {
      const map = mapAt(root, rename.at);
      if (map) renameKey(map, rename, notes);
    }
    splitBasedOn(doc, root, notes);
  },
};

function readVersion(root: YAMLMap): number {
  const node = root.get('schemaVersion', true);
  if (node === undefined) return 0;
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new MigrationError(`schemaVersion must be a whole number such as ${CURRENT_SCHEMA_VERSION}, found ${JSON.stringify(isScalar(node) ? node.value : String(node))}.`);
  }
  return value;
}

/** Sets schemaVersion, placing a new key first (after the file's leading comments). */
function writeVersion(doc: Document, root: YAMLMap, version: number): void {
  if (root.has('schemaVersion')) {
    root.set('schemaVersion', version);
    return;
  }
  const pair = doc.createPair('schemaVersion', version);
  const first = root.items[0];
  // Leading comments attached to the old first key belong above the whole document body.
  if (first && isScalar(first.key) && first.key.commentBefore && isScalar(pair.key)) {
    pair.key.commentBefore = first.key.commentBefore;
    first.key.commentBefore = undefined;
  }
  root.items.unshift(pair);
}

/**
 * Upgrades `doc` in place to CURRENT_SCHEMA_VERSION. Documents without schemaVersion are version 0.
 * Throws MigrationError for a document that is not a mapping, a malformed schemaVersion, or a version
 * newer than this build understands (never guess at a newer format).
 */
export function migrateDocument(doc: Document): MigrationResult {
  const root = doc.contents;
  if (!isMap(root)) {
    throw new MigrationError('A protocol document must be a YAML mapping (key: value pairs) at the top level.');
  }
  const from = readVersion(root);
  if (from > CURRENT_SCHEMA_VERSION) {
    throw new MigrationError(
      `This document uses schemaVersion ${from}, but this version of Protocol Studio supports up to ${CURRENT_SCHEMA_VERSION}. Open it with a newer Protocol Studio.`,
    );
  }
  const notes: string[] = [];
  for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) {
    const step = STEPS[version];
    if (!step) throw new MigrationError(`No migration from schemaVersion ${version} to ${version + 1}.`);
    step(doc, root, notes);
  }
  const changed = from !== CURRENT_SCHEMA_VERSION;
  if (changed) {
    writeVersion(doc, root, CURRENT_SCHEMA_VERSION);
    notes.push(`Set schemaVersion to ${CURRENT_SCHEMA_VERSION} (was ${from === 0 ? 'missing' : from}).`);
  }
  return { from, to: CURRENT_SCHEMA_VERSION, changed, notes };
}
