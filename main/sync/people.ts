/**
 * People across sites. With a people register, versions and sign-offs record person ids; what travels is
 * the person's name with their id beside it. A fetched version is committed under its author when this
 * workspace knows them (by id or name), else under whoever fetches, its author kept in the message:
 * a register admits only people the site itself added.
 */
import { StoreError } from '../store/errors';
import type { Workspace } from '../store/workspace';

/** The name and id of an actor as recorded here (an unregistered workspace records names: no id). */
export function travellingPerson(ws: Workspace, actor: string): { name: string; personId?: string } {
  if (!ws.hasRegister()) return { name: actor };
  try {
    const p = ws.getPerson(actor);
    return { name: p.name, personId: p.id };
  } catch (err) {
    if (err instanceof StoreError) return { name: actor };
    throw err;
  }
}

/** Who to commit a fetched version as, and the message that keeps its real author when that is someone else. */
export function localAuthor(ws: Workspace, author: { name: string; personId?: string }, message: string, fetcher: string, remote: string): { author: string; message: string } {
  for (const ref of [author.personId, author.name]) {
    if (!ref) continue;
    try {
      return { author: ws.actor(ref), message };
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
    }
  }
  return { author: ws.actor(fetcher), message: `${message.trimEnd()}\n\nFetched from ${remote}; written by ${author.name}.` };
}
