/**
 * The people register in the workspace file. Adding a person is audited in the same transaction.
 * Until the first person is added a workspace is "unregistered" (older workspaces, quick trials): actors
 * are taken as the names given. From then on every action must name a registered person, and what is
 * recorded is that person's id.
 */
import type { Database } from 'better-sqlite3';
import { checkNewPerson, findPerson, PersonRefusedError, type NewPerson, type Person } from '../core/people';
import { appendAudit } from './audit';
import { InvalidInputError, NotFoundError } from './errors';
import { adoptLegacyNames, claimLegacyNames } from './legacy-names';
import { checkName } from './validate-input';

interface PersonRow {
  id: string;
  name: string;
  roles: string;
  community: string | null;
  nation: string | null;
  contact: string | null;
  created_at: string;
  created_by: string;
  legacy: number;
}

const fromRow = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  roles: JSON.parse(r.roles) as Person['roles'],
  community: r.community,
  nation: r.nation,
  contact: r.contact,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** The register: people who can act. Legacy people (names recorded before the register, see legacy-names.ts) are left out. */
export function listPeople(db: Database): Person[] {
  return (db.prepare('SELECT * FROM people WHERE legacy = 0 ORDER BY name COLLATE NOCASE, id').all() as PersonRow[]).map(fromRow);
}

/** Everyone with a person id, legacy people included and marked, for export. */
export function listAllPeople(db: Database): Array<Person & { legacy: boolean }> {
  return (db.prepare('SELECT * FROM people ORDER BY id').all() as PersonRow[]).map((r) => ({ ...fromRow(r), legacy: r.legacy === 1 }));
}

export function hasPeople(db: Database): boolean {
  return db.prepare('SELECT 1 FROM people WHERE legacy = 0 LIMIT 1').get() !== undefined;
}

/** Adds a person; `by` is the acting person's id (or, for the first person of a workspace, their own new id). Run inside a transaction. */
export function addPerson(db: Database, input: NewPerson, by: string | null, at: string): Person {
  const register = listPeople(db);
  let fields: ReturnType<typeof checkNewPerson>;
  try {
    fields = checkNewPerson(input, register);
  } catch (err) {
    if (err instanceof PersonRefusedError) throw new InvalidInputError(err.message);
    throw err;
  }
  // The first person registers themselves; after that someone already in the register adds people.
  const createdBy = by === null && register.length === 0 ? fields.id : resolveActor(db, by ?? '', 'added by');
  db.prepare('INSERT INTO people (id, name, roles, community, nation, contact, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    fields.id,
    fields.name,
    JSON.stringify(fields.roles),
    fields.community,
    fields.nation,
    fields.contact,
    at,
    createdBy,
  );
  // Contact details are personal data that may need correcting or removing: the immutable log only notes there were some.
  const { contact, ...facts } = fields;
  appendAudit(db, { actor: createdBy, action: 'person.add', subject: fields.id, details: { ...facts, hasContact: contact !== null } }, at);
  // Names typed before the register (or for a legacy person of this name) now resolve to people.
  claimLegacyNames(db, fields.id, fields.name, at);
  adoptLegacyNames(db, createdBy, at);
  return getPerson(db, fields.id);
}

export function getPerson(db: Database, id: string): Person {
  const row = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  if (!row) throw new NotFoundError(`no person with id "${id}" in the register`);
  return fromRow(row);
}

/** The person `ref` (id or name) names, refused when the register has nobody by that id or name. */
export function findRegistered(db: Database, ref: string): Person {
  try {
    return findPerson(listPeople(db), checkName(ref, 'person'));
  } catch (err) {
    if (err instanceof PersonRefusedError) throw new NotFoundError(err.message);
    throw err;
  }
}

/**
 * What to record as the actor: the registered person's id once the workspace has a register, else the
 * name as given (an unregistered workspace).
 */
export function resolveActor(db: Database, ref: unknown, what: string): string {
  const name = checkName(ref, what);
  return hasPeople(db) ? findRegistered(db, name).id : name;
}
