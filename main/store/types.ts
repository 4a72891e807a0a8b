/** The workspace's records as callers see them (shared by the Workspace facade and export/import). */

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for Electron (see scripts/sqlite-electron.mjs). */
  nativeBinding?: string;
  /** Clock, for deterministic tests. */
  now?: () => Date;
}

export interface VersionInfo {
  id: string;
  protocolId: string;
  /** 1, 2, 3… per protocol. */
  seq: number;
  parentId: string | null;
  sha256: string;
  author: string;
  message: string;
  createdAt: string;
  /** The workspace's key of the QI cycle given at commit time (store/cycle-keys.ts), as recorded. */
  qiCycleId: string | null;
  /** The `qi.cycles` ids of that cycle and of any added later with `tagVersion`, sorted. */
  qiCycleIds: string[];
  status: string | null;
  siteName: string | null;
  versionLabel: string | null;
}

export interface Version extends VersionInfo {
  text: string;
}

export interface Draft {
  protocolId: string;
  author: string;
  text: string;
  parentVersionId: string | null;
  updatedAt: string;
  /** Set when the draft came from a rebase: the newer base version it takes in (moved to on commit). */
  rebasedOnto: string | null;
}

export interface ProtocolSummary {
  id: string;
  title: string;
  createdAt: string;
  createdBy: string;
  templateId: string | null;
  base: { protocolId: string; versionId: string } | null;
  headVersionId: string | null;
  headSeq: number | null;
  status: string | null;
  siteName: string | null;
  versionLabel: string | null;
  /** The newest of the head commit and any draft save. */
  lastChange: string;
  /** Authors with an uncommitted draft. */
  draftAuthors: string[];
}

export type QiDecision = 'adopt' | 'adapt' | 'abandon' | 'pending';

export interface QiCycle {
  id: string;
  protocolId: string;
  number: number;
  aim: string;
  start: string;
  end: string | null;
  decision: QiDecision;
  createdAt: string;
  createdBy: string;
}

export interface CreateProtocolInput {
  template?: { id: string; text: string };
  /** An existing protocol file brought in: its text becomes version 1 (after the input gate). */
  file?: { name: string; text: string };
  base?: { protocolId: string; versionId: string };
  /**
   * With a template (a text that already names its base in `metadata.basedOn`, e.g. an adaptation fetched
   * from another site): the local version that base is, recorded as the protocol's base so it can be
   * rebased here. The text is kept as given.
   */
  adaptationOf?: { protocolId: string; versionId: string };
  id?: string;
  title?: string;
  author: string;
}

/** A site's rule settings for one protocol: reference-value overrides and rules switched on or off. */
export interface RuleSettingsInput {
  /** Merged over the bundled reference values (main/core/rules/reference-values.json). */
  reference: Record<string, unknown>;
  /** Rule ids or families run even if opt-in. */
  enabled: string[];
  /** Rule ids or families never run (wins over `enabled`). */
  disabled: string[];
}

export interface RuleSettings extends RuleSettingsInput {
  protocolId: string;
  /** Null while the protocol runs the bundled defaults (never set). */
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface CommitOptions {
  author: string;
  message: string;
  /** The `qi.cycles` id of the cycle the commit is made in; the committed text must hold it. */
  qiCycleId?: string;
  /** The head the committer saw; the commit is refused when the protocol has moved on since. */
  expectedParentId: string | null;
  /** For an adaptation whose draft was rebased: the newer base version it now derives from. */
  rebasedOnto?: string;
  /**
   * A QI cycle to add to the text's `qi.cycles` and commit in, in the same transaction: a refused commit
   * leaves no cycle behind and the draft as it was.
   */
  newQiCycle?: { aim: string; start: string; end?: string };
  /** A version label to write into `metadata.versionLabel` before committing (same transaction). */
  versionLabel?: string;
}
