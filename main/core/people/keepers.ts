/**
 * Keepers named in governance link to the people register: a keeper the register does not know cannot sign
 * off their section in the studio, so the editor warns where the name is written.
 */
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic';
import type { ParsedProtocol } from '../parse';
import { nameKey } from './names';
import type { Person } from './register';

export const UNREGISTERED_KEEPER = 'PEOPLE-01';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `governance.keepers[i].name` in the document, with its path. */
function keeperNames(value: unknown, path: PathSegment[], out: { name: string; path: PathSegment[] }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => keeperNames(item, [...path, i], out));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'governance' && isObject(child) && Array.isArray(child.keepers)) {
      child.keepers.forEach((k, i) => {
        if (isObject(k) && typeof k.name === 'string') out.push({ name: k.name, path: [...path, 'governance', 'keepers', i, 'name'] });
      });
    }
    keeperNames(child, [...path, key], out);
  }
}

/** A warning for each keeper named in governance who is not in the register (matched by person id or name key). */
export function unregisteredKeeperDiagnostics(parsed: ParsedProtocol, register: readonly Person[]): Diagnostic[] {
  if (!parsed.readable || register.length === 0) return [];
  const known = new Set(register.flatMap((p) => [p.id, nameKey(p.name)]));
  const found: { name: string; path: PathSegment[] }[] = [];
  keeperNames(parsed.value, [], found);
  return found
    .filter((k) => !known.has(k.name) && !known.has(nameKey(k.name)))
    .map((k) => ({
      severity: 'warning' as const,
      code: UNREGISTERED_KEEPER,
      message: `${k.name} is not in the workspace's people register, so they cannot sign off this section here`,
      help: 'Cultural sign-offs are given by the keepers a section names, or by an Elder or knowledge keeper of its community, each registered with their role and community (People › Add). Issue 13: a real person with the right role stands behind every sign-off.',
      path: k.path,
      range: parsed.rangeOf(k.path),
    }));
}
