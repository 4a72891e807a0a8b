/**
 * Never lose work, in the browser's own storage (written synchronously, so it survives a reload or a closed
 * window that an asynchronous save to main might not): where the user was (protocol, view, cursor) and the
 * text of a draft whose save had not finished when the page went away.
 */
const PLACE = 'protocol-studio-place';
const CURSOR = 'protocol-studio-cursor:';
const RESCUE = 'protocol-studio-rescue:';

export interface Place {
  workspace: string;
  protocolId: string | null;
  view: string;
}

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the draft in the workspace is still saved as usual.
  }
}

export const savePlace = (p: Place) => write(PLACE, p);
export const readPlace = (workspace: string): Place | null => {
  const p = read<Place>(PLACE);
  return p && p.workspace === workspace ? p : null;
};

export const saveCursor = (protocolId: string, pos: { lineNumber: number; column: number }) => write(CURSOR + protocolId, pos);
export const readCursor = (protocolId: string) => read<{ lineNumber: number; column: number }>(CURSOR + protocolId);

/** A draft text not yet confirmed saved; `at` is when it was kept (ISO). */
export interface Rescue {
  text: string;
  at: string;
}

export const keepRescue = (protocolId: string, text: string) => write(RESCUE + protocolId, { text, at: new Date().toISOString() } satisfies Rescue);
export const takeRescue = (protocolId: string) => read<Rescue>(RESCUE + protocolId);
export const clearRescue = (protocolId: string) => {
  try {
    localStorage.removeItem(RESCUE + protocolId);
  } catch {
    // Nothing kept.
  }
};
