/** The shape of one semantic change between two protocol documents. */
import type { PathSegment } from '../diagnostics/diagnostic';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';
export type ChangeCategory = 'clinical' | 'cultural' | 'editorial' | 'translation';
/** Whether a clinical change relaxes a safety limit or safeguard, or strengthens it. */
export type SafetyDirection = 'loosened' | 'tightened';
export type ChangeNote = 'widened' | 'narrowed' | 'raised' | 'lowered' | 'shifted';

/** One run of a word-level diff: unchanged, inserted or deleted text (whitespace kept). */
export interface WordDiff {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface ProtocolChange {
  /** JSON path in the new document (in the old one for `removed`). */
  path: PathSegment[];
  /** Stable address with list items named by id, e.g. `curriculum.weeks[week-5].theme`. */
  idPath: string;
  /** idPath of the nearest enclosing list item with an id (the review "section"), e.g. `cultural.blocks[opening-circle]`. */
  sectionKey?: string;
  kind: ChangeKind;
  /** People-facing name built from schema titles and item names: "Week 5 › Theme". */
  label: string;
  before?: unknown;
  after?: unknown;
  category: ChangeCategory;
  /** Languages whose recorded translation of this text was made from the old text (translations[]): they may now be out of date. */
  staleTranslations?: string[];
  /** Clinical changes to a limit or safeguard only (see docs/CHANGES.md). */
  safety?: SafetyDirection;
  note?: ChangeNote;
  /** One line for people: "Dose route IM › Maximum: 1.2 → 1.5 mg/kg, widened". */
  summary: string;
  /** Word-level diff of long text. */
  words?: WordDiff[];
  /** Unit of a numeric value, taken from the document (`unit: mg/kg`) or the field name (`…Min` → min). */
  unit?: string;
  /** Sharing level of the nearest enclosing `governance` (new side, else old): lets review redact. */
  sharing?: string;
}

export interface DiffOptions {
  /** Similarity (0–1) above which two list items without ids count as the same item. Default 0.6. */
  similarity?: number;
  /** Character length from which a changed string also gets a word-level diff. Default 40. */
  wordDiffFrom?: number;
}
