/** Results of rebasing a site protocol onto a newer base. */
import type { PathSegment } from '../diagnostics/diagnostic';
import type { ProtocolChange } from '../diff/types';

export type ConflictReason =
  /** Base and site both changed the value, differently. */
  | 'both-changed'
  /** Both added the same key or item id with different content. */
  | 'both-added'
  /** The site removed something the base changed. */
  | 'site-removed'
  /** The base removed something the site changed. */
  | 'base-removed';

export interface MergeConflict {
  /** JSON path in the merged text (where the value would go, when the site removed it). */
  path: PathSegment[];
  idPath: string;
  label: string;
  reason: ConflictReason;
  /** New base value (undefined: the base removed it). */
  base: unknown;
  /** Site value, kept in the merged text until resolved (undefined: the site removed it). */
  site: unknown;
  oldBase: unknown;
}

export interface RebaseInput {
  oldBaseText: string;
  newBaseText: string;
  siteText: string;
}

export interface RebaseResult {
  /** The merged YAML: the site's text with the base's changes applied; a draft, never a commit. */
  text: string;
  conflicts: MergeConflict[];
  /** Base changes now in the merged text. */
  applied: ProtocolChange[];
  /** Things worth telling the user that are not conflicts (e.g. the site was not based on the old base). */
  warnings: string[];
}

export interface Resolution {
  idPath: string;
  choice: 'site' | 'base' | 'edited';
  /** The value to write for `edited`. */
  value?: unknown;
}
