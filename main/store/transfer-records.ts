/**
 * The people register and the replaced-draft history in an export (format 3):
 *
 *   people.json                                 the register: ids, names, roles, community, nation; contact
 *                                               details only in the owner's backup (audience workspace)
 *   protocols/<name>/draft-history.json         each replaced draft's facts, oldest first
 *   protocols/<name>/draft-history/<id>.yaml    its text, byte for byte
 *
 * Contact details are personal data about a person, not about the protocol: an export for anyone but the
 * owner leaves them out and says so in the manifest.
 */
import type { Database } from 'better-sqlite3';
import { isPersonRole } from '../core/people';
import type { Audience } from '../core/review/sharing';
import { listReplacedDraftsOf, type ReplacedDraft } from './draft-history';
import { InvalidInputError } from './errors';
import { checkRelPath, int, list, obj, optStr, str } from './json-shape';
import { listAllPeople } from './people-store';

export const PEOPLE_FILE = 'people.json';
export const DRAFT_HISTORY_FILE = 'draft-history.json';

/** What manifest.json says about people.json. */
export interface PeopleManifest {
  file: string;
  contact: 'carried' | 'left out';
  note?: string;
}

interface PersonFile {
  id: string;
  name: string;
  roles: string[];
  community: string | null;
  nation: string | null;
  contact?: string | null;
  createdAt: string;
  createdBy: string;
  /** A legacy person: stands for names typed before the register (legacy-names.ts). */
  legacy?: true;
  /** Names recorded before the register that stand for this person. */
  aliases?: string[];
}

type DraftHistoryEntry = Omit<ReplacedDraft, 'text' | 'protocolId'> & { file: string };

/** people.json for `audience` and the manifest's word on it; null for a workspace without a register. */
export function exportPeople(db: Database, audience: Audience): { json: PersonFile[]; manifest: PeopleManifest } | null {
  const people = listAllPeople(db);
  if (people.length === 0) return null;
  const owner = audience === 'workspace';
  const aliases = new Map<string, string[]>();
  for (const a of db.prepare('SELECT name, person_id FROM person_aliases ORDER BY name').all() as Array<{ name: string; person_id: string }>) {
    aliases.set(a.person_id, [...(aliases.get(a.person_id) ?? []), a.name]);
  }
  const json = people.map(({ contact, roles, legacy, ...p }): PersonFile => ({
    ...p,
    roles: [...roles],
    ...(owner ? { contact } : {}),
    ...(legacy ? { legacy: true as const } : {}),
    ...(aliases.has(p.id) ? { aliases: aliases.get(p.id)! } : {}),
  }));
  return {
    json,
    manifest: owner
      ? { file: PEOPLE_FILE, contact: 'carried' }
      : { file: PEOPLE_FILE, contact: 'left out', note: 'Contact details are personal data: only the owner\'s backup (audience workspace) carries them.' },
  };
}

export function parsePeople(v: unknown, at: string): PersonFile[] {
  return list(v, at).map((p, i) => {
    const pAt = `${at}[${i}]`;
    const o = obj(p, pAt);
    const roles = list(o.roles, `${pAt}.roles`).map((r, j) => {
      if (!isPersonRole(r)) throw new InvalidInputError(`${pAt}.roles[${j}] is not a known role: ${JSON.stringify(r)}`);
      return r;
    });
    return {
      id: str(o, 'id', pAt),
      name: str(o, 'name', pAt),
      roles,
      community: optStr(o, 'community', pAt),
      nation: optStr(o, 'nation', pAt),
      contact: optStr(o, 'contact', pAt),
      createdAt: str(o, 'createdAt', pAt),
      createdBy: str(o, 'createdBy', pAt),
      ...(o.legacy === true ? { legacy: true as const } : {}),
      aliases: list(o.aliases ?? [], `${pAt}.aliases`).map((a, j) => {
        if (typeof a !== 'string') throw new InvalidInputError(`${pAt}.aliases[${j}] must be a string`);
        return a;
      }),
    };
  });
}

/** Inserts the register as exported (same ids, so every record still names the same person). */
export function importPeople(db: Database, people: readonly PersonFile[]): void {
  const insert = db.prepare('INSERT INTO people (id, name, roles, community, nation, contact, created_at, created_by, legacy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const alias = db.prepare('INSERT INTO person_aliases (name, person_id) VALUES (?, ?)');
  for (const p of people) {
    insert.run(p.id, p.name, JSON.stringify(p.roles), p.community, p.nation, p.contact ?? null, p.createdAt, p.createdBy, p.legacy ? 1 : 0);
    for (const name of p.aliases ?? []) alias.run(name, p.id);
  }
}

/** A protocol's replaced drafts, oldest first, each with the export file its text goes to. */
export function exportDraftHistory(db: Database, protocolId: string): Array<{ entry: DraftHistoryEntry; text: string }> {
  return listReplacedDraftsOf(db, protocolId).map(({ text, protocolId: _, ...d }) => ({ entry: { ...d, file: `draft-history/${d.id}.yaml` }, text }));
}

export function parseDraftHistory(v: unknown, at: string): DraftHistoryEntry[] {
  return list(v, at).map((e, i) => {
    const eAt = `${at}[${i}]`;
    const o = obj(e, eAt);
    return {
      id: int(o, 'id', eAt),
      author: str(o, 'author', eAt),
      parentVersionId: optStr(o, 'parentVersionId', eAt),
      savedAt: str(o, 'savedAt', eAt),
      replacedAt: str(o, 'replacedAt', eAt),
      reason: str(o, 'reason', eAt),
      file: checkRelPath(str(o, 'file', eAt)),
    };
  });
}

/** Inserts one replaced draft with its original id (the order across protocols survives). */
export function importDraftHistoryEntry(db: Database, protocolId: string, e: DraftHistoryEntry, text: string): void {
  db.prepare('INSERT INTO draft_history (id, protocol_id, author, parent_version_id, saved_at, replaced_at, reason, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    e.id,
    protocolId,
    e.author,
    e.parentVersionId,
    e.savedAt,
    e.replacedAt,
    e.reason,
    text,
  );
}
