/**
 * How a recorded author or actor reads in the studio, the CLI and printed outputs: records hold person ids
 * (or, before the register, typed names), people read names. Only the name is shown, never contact details.
 */
import { nameKey } from '../core/people';
import type { Workspace } from '../store/workspace';

/** The name to show for a recorded author or actor. */
export type NameOf = (recorded: string) => string;

/**
 * The register person's name for an id or a legacy typed name (through its alias); an unknown value reads as
 * recorded. Two people with the same name are told apart by their id: "Ana Lee (ana-lee-2)". Read once: make
 * a new one after the register changes.
 */
export function peopleNames(ws: Pick<Workspace, 'listPeople' | 'personOf'>): NameOf {
  const people = ws.listPeople();
  if (people.length === 0) return (recorded) => recorded;
  const sharing = new Map<string, number>();
  for (const p of people) sharing.set(nameKey(p.name), (sharing.get(nameKey(p.name)) ?? 0) + 1);
  const byId = new Map(people.map((p) => [p.id, sharing.get(nameKey(p.name))! > 1 ? `${p.name} (${p.id})` : p.name]));
  return (recorded) => byId.get(recorded) ?? byId.get(ws.personOf(recorded)) ?? recorded;
}

/** `nameOf` for a value that may be absent. */
export const nameOrNull = (nameOf: NameOf, recorded: string | null): string | null => (recorded === null ? null : nameOf(recorded));
