/**
 * The people register: who can act in a workspace, with which roles and for which community. Records
 * name people by id; names are looked up and compared through `nameKey` / `nameSkeleton`, so a retyped
 * or disguised spelling never becomes a second person.
 */
import type { GovernanceFacts } from '../review/sharing';
import type { ReviewTrack } from '../review/sections';
import { looksAlike, mixedScriptWord, nameKey } from './names';
import { CULTURAL_SIGNOFF_ROLES, isPersonRole, MEDICAL_SIGNOFF_ROLES, PERSON_ROLES, ROLE_NAMES, type PersonRole } from './roles';

export interface Person {
  /** Stable id recorded on every version, draft, cycle, review record and audit entry. */
  id: string;
  name: string;
  roles: PersonRole[];
  /** Community or nation the person belongs to (cultural sign-offs are matched against it). */
  community: string | null;
  nation: string | null;
  contact: string | null;
  createdAt: string;
  createdBy: string;
}

export interface NewPerson {
  name: string;
  roles: readonly string[];
  community?: string | null;
  nation?: string | null;
  contact?: string | null;
  id?: string;
}

/** A person refused by the register (bad name, unknown role, confusable with someone registered). */
export class PersonRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonRefusedError';
  }
}

const ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;
const MAX_FIELD = 200;

function field(value: string | null | undefined, what: string): string | null {
  if (value === undefined || value === null) return null;
  const text = value.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (text.length > MAX_FIELD) throw new PersonRefusedError(`${what} is longer than ${MAX_FIELD} characters`);
  if (/[\u0000-\u001f\u007f]/.test(value.replace(/\s/g, ' '))) throw new PersonRefusedError(`${what} must not contain control characters`);
  return text === '' ? null : text;
}

/** A readable id from a name: "Elder Mary Thomas" → "elder-mary-thomas"; null when the name has no Latin letters or digits. */
export function idFromName(name: string): string | null {
  const slug = nameKey(name)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? null : slug;
}

/**
 * Checks a new person against the register and returns the fields to store (without createdAt/By).
 * Refused: an empty name, a name that mixes scripts within a word, a name equal to or confusable with a
 * registered person's, an unknown role, a taken id.
 */
export function checkNewPerson(input: NewPerson, register: readonly Person[]): Omit<Person, 'createdAt' | 'createdBy'> {
  const name = field(input.name, 'name');
  if (!name || nameKey(name) === '') throw new PersonRefusedError('a person needs a name');
  const mixed = mixedScriptWord(name);
  if (mixed) {
    throw new PersonRefusedError(`the name "${name}" mixes scripts in "${mixed.word}" (${mixed.scripts.join(' and ')}); write each word in one script`);
  }
  const key = nameKey(name);
  for (const p of register) {
    if (nameKey(p.name) === key) throw new PersonRefusedError(`${p.name} is already in the register (id ${p.id})`);
    if (looksAlike(p.name, name)) {
      throw new PersonRefusedError(`the name "${name}" looks the same as ${p.name} (id ${p.id}), who is already in the register; use a name that can be told apart`);
    }
  }
  const roles = [...new Set(input.roles)];
  const unknown = roles.filter((r) => !isPersonRole(r));
  if (unknown.length) throw new PersonRefusedError(`unknown role ${unknown.map((r) => JSON.stringify(r)).join(', ')}; roles: ${PERSON_ROLES.join(', ')}`);
  let id: string;
  if (input.id !== undefined) {
    if (!ID.test(input.id)) throw new PersonRefusedError(`person id ${JSON.stringify(input.id)}: use 1–80 lower-case letters, digits, ".", "_" or "-"`);
    if (register.some((p) => p.id === input.id)) throw new PersonRefusedError(`the id ${input.id} is taken`);
    id = input.id;
  } else {
    const base = idFromName(name) ?? 'person';
    id = base;
    for (let n = 2; register.some((p) => p.id === id); n++) id = `${base}-${n}`;
  }
  return {
    id,
    name,
    roles: PERSON_ROLES.filter((r) => roles.includes(r)),
    community: field(input.community, 'community'),
    nation: field(input.nation, 'nation'),
    contact: field(input.contact, 'contact'),
  };
}

/**
 * Finds a person by id or by name (any spelling with the same name key). A name that only looks like a
 * registered one (same skeleton, different letters) is refused, never taken for that person.
 */
export function findPerson(register: readonly Person[], ref: string): Person {
  const byId = register.find((p) => p.id === ref);
  if (byId) return byId;
  const key = nameKey(ref);
  const byName = register.filter((p) => nameKey(p.name) === key);
  if (byName.length === 1) return byName[0]!;
  const lookalike = register.find((p) => looksAlike(p.name, ref));
  if (lookalike) {
    throw new PersonRefusedError(`"${ref}" is not ${lookalike.name} (id ${lookalike.id}): the names only look alike; give the id or the name as registered`);
  }
  throw new PersonRefusedError(`no person "${ref}" in the register; add them with \`people add\``);
}

const sameText = (a: string | null | undefined, b: string | null | undefined): boolean => !!a && !!b && nameKey(a) === nameKey(b);

/** Whether `person` is one of the keepers a section's governance names (matched by person id or name key). */
export function isNamedKeeper(person: Person, governance: GovernanceFacts | undefined): boolean {
  return !!governance?.keepers.some((k) => k.name === person.id || sameText(k.name, person.name));
}

/** The communities a section belongs to: its keepers' and its origin's communities and nations. */
function sectionCommunities(governance: GovernanceFacts | undefined): string[] {
  if (!governance) return [];
  const origin = governance.origin ?? {};
  return [
    ...governance.keepers.flatMap((k) => [k.community, k.nation]),
    typeof origin.community === 'string' ? origin.community : undefined,
    typeof origin.nation === 'string' ? origin.nation : undefined,
  ].filter((c): c is string => !!c);
}

/**
 * Why `person` may not sign off `track` of a section, or null when they may. Medical: a medical lead or
 * prescriber. Cultural: a keeper named in the section's governance, or an Elder or knowledge keeper of
 * its community (by community or nation).
 */
export function signoffRefusal(person: Person, track: ReviewTrack, sectionKey: string, governance: GovernanceFacts | undefined): string | null {
  if (track === 'medical') {
    if (person.roles.some((r) => MEDICAL_SIGNOFF_ROLES.includes(r))) return null;
    return `${person.name} cannot sign off the medical track of ${sectionKey}: it needs a ${MEDICAL_SIGNOFF_ROLES.map((r) => ROLE_NAMES[r].toLowerCase()).join(' or ')}, and the register lists ${rolesText(person)}`;
  }
  if (isNamedKeeper(person, governance)) return null;
  const communities = sectionCommunities(governance);
  const keeperRole = person.roles.some((r) => CULTURAL_SIGNOFF_ROLES.includes(r));
  if (keeperRole && communities.some((c) => sameText(c, person.community) || sameText(c, person.nation))) return null;
  const whose = communities.length ? `of ${[...new Set(communities)].join(', ')}` : 'of its community';
  return `${person.name} cannot sign off the cultural track of ${sectionKey}: it needs a keeper named in its governance, or an Elder or knowledge keeper ${whose}; the register lists ${rolesText(person)}${person.community || person.nation ? ` of ${[person.community, person.nation].filter(Boolean).join(', ')}` : ''}`;
}

function rolesText(person: Person): string {
  return person.roles.length ? person.roles.map((r) => ROLE_NAMES[r].toLowerCase()).join(', ') : 'no roles';
}

/** Keepers a governance block names who are not in the register (by id or name): they cannot sign off here. */
export function unregisteredKeepers(governance: GovernanceFacts | undefined, register: readonly Person[]): string[] {
  if (!governance) return [];
  return governance.keepers
    .map((k) => k.name)
    .filter((name) => !register.some((p) => p.id === name || sameText(p.name, name)));
}

/**
 * The role a sign-off by `person` on `track` is recorded with: `requested` when the person may act in it,
 * else their first role that fits the track (a named keeper: the role their governance entry gives them).
 * Throws PersonRefusedError when the person may not sign off at all, or not in the requested role.
 */
export function signoffRole(person: Person, track: ReviewTrack, sectionKey: string, governance: GovernanceFacts | undefined, requested?: string): string {
  const refusal = signoffRefusal(person, track, sectionKey, governance);
  if (refusal) throw new PersonRefusedError(refusal);
  const keeperRoles = governance?.keepers.filter((k) => k.name === person.id || sameText(k.name, person.name)).flatMap((k) => (k.role ? [k.role] : [])) ?? [];
  const fitting = track === 'medical' ? person.roles.filter((r) => MEDICAL_SIGNOFF_ROLES.includes(r)) : [...keeperRoles, ...person.roles.filter((r) => CULTURAL_SIGNOFF_ROLES.includes(r))];
  if (requested === undefined) return fitting[0] ?? (track === 'cultural' ? 'knowledge_keeper' : 'medical_lead');
  if (fitting.includes(requested)) return requested;
  throw new PersonRefusedError(`${person.name} does not hold the role ${requested} for ${sectionKey} in the register; they can sign as ${fitting.join(' or ')}`);
}
