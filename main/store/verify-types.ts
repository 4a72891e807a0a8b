/** What `verify` reports: one problem per damaged or tampered record (shared by the checks in verify*.ts). */

export interface VerifyProblem {
  kind:
    | 'integrity'
    | 'foreign-key'
    | 'trigger-missing'
    | 'version-hash'
    | 'version-chain'
    | 'version-missing'
    | 'audit-chain'
    | 'audit-hash'
    | 'audit-missing'
    | 'review-hash'
    | 'review-missing'
    | 'version-record'
    | 'review-record'
    | 'anchor';
  message: string;
  /** Table concerned, when not evident from the kind (review records). */
  table?: string;
  /** Row number in the table concerned (audit entries: their sequence number; review records: their id). */
  rowid?: number;
  /** Id of the version or protocol concerned. */
  id?: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: VerifyProblem[];
}
