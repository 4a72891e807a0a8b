/** Typed failures of the workspace store, so callers (CLI, services, UI) can react to each kind. */
import type { Diagnostic } from '../core/diagnostics/diagnostic';

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** The thing asked for does not exist (unknown protocol, version, cycle). */
export class NotFoundError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The caller passed something the store will not accept (empty message, bad id, oversized text). */
export class InvalidInputError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/**
 * Optimistic concurrency: the draft was based on a version that is no longer the head.
 * Nothing was written; the draft is kept so its author can rebase it.
 */
export class ConflictError extends StoreError {
  constructor(
    message: string,
    readonly protocolId: string,
    readonly expectedParentId: string | null,
    readonly headId: string | null,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The draft's text is identical to the head: a commit would record nothing. */
export class NothingToCommitError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'NothingToCommitError';
  }
}

/**
 * The text is not fit to become a version (it fails the input gate: YAML, limits or schema). Nothing was
 * written; the draft keeps the text so its author can fix it. `diagnostics` are the gate's refusals.
 */
export class RefusedTextError extends InvalidInputError {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
    this.name = 'RefusedTextError';
  }
}
