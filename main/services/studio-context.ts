/**
 * What the binder and rebase helpers need of the studio service. StudioService implements it; the helpers
 * depend on this interface, not on studio-service.ts (which calls them), so there is no import circle.
 */
import type { VersionRef } from '../contract';
import type { Version, Workspace } from '../store/workspace';

export interface StudioContext {
  readonly ws: Workspace;
  /** Who is working (a person id, or the name given in a workspace without a register). */
  readonly author: string;
  /** The text of a version or of the current draft. */
  textOf(ref: VersionRef): { text: string; label: string };
  /** The base version the current draft already takes in. */
  draftBaseOf(protocolId: string): Version;
}
