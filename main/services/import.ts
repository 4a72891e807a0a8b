/**
 * File › Import…: a protocol from a YAML file becomes a new protocol of the workspace, its text kept byte for
 * byte as version 1 (comments and key order included). The text passes the input gate first, refused with the
 * file's name, line and column; clinical warnings do not refuse it (they show in the editor).
 */
import { gateText, refusalLine } from '../core/gate';
import { RefusedTextError } from '../store/errors';
import type { Workspace } from '../store/workspace';

/** A store id naming where the text came from, e.g. `file-riverbend-protocol-yaml`. */
function sourceId(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const slug = base.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `file-${slug || 'protocol'}`;
}

export function importProtocol(ws: Workspace, author: string, a: { text: string; fileName: string; protocolId?: string }): string {
  const gate = gateText(a.text);
  if (!gate.ok) {
    throw new RefusedTextError(`${refusalLine(gate, a.fileName)}. Nothing was imported.`, gate.refusals);
  }
  const p = ws.createProtocol({ template: { id: sourceId(a.fileName), text: a.text }, ...(a.protocolId ? { id: a.protocolId } : {}), author });
  return p.id;
}
