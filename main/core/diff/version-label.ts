/**
 * The next version label a commit proposes, from the kinds of its changes (domain.md §1.1: major for a
 * loosened safety limit, minor for clinical or cultural content, patch for wording and translations).
 */
import type { ProtocolChange } from './types';

export type VersionBump = 'major' | 'minor' | 'patch' | 'none';

export interface VersionProposal {
  bump: VersionBump;
  /** The proposed label, or the current one when nothing changed or the current label is not semver. */
  label: string;
  /** Why, in people's words: "a safety limit loosened (…)". */
  reason: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

export function versionBump(changes: readonly ProtocolChange[]): { bump: VersionBump; reason: string } {
  const loosened = changes.find((c) => c.safety === 'loosened');
  if (loosened) return { bump: 'major', reason: `a safety limit loosened (${loosened.label})` };
  const content = changes.find((c) => c.category === 'clinical' || c.category === 'cultural');
  if (content) return { bump: 'minor', reason: `${content.category} content changed (${content.label})` };
  if (changes.length > 0) return { bump: 'patch', reason: 'wording or translations only' };
  return { bump: 'none', reason: 'no change to the content' };
}

export function proposeVersionLabel(current: string, changes: readonly ProtocolChange[]): VersionProposal {
  const { bump, reason } = versionBump(changes);
  const m = SEMVER.exec(current.trim());
  if (!m || bump === 'none') return { bump, label: current, reason };
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const label = bump === 'major' ? `${major + 1}.0.0` : bump === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
  return { bump, label, reason };
}
