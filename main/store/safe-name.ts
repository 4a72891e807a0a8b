/**
 * File and folder names for exports, safe on every OS whatever the protocol titles contain:
 * no separators, traversal, control characters, Windows device names or trailing dots, bounded length.
 */

const MAX_BYTES = 80;
// Windows refuses these as a base name, with or without an extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
// Separators, Windows-forbidden characters, control characters (incl. NUL), bidi overrides.
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

export function safeFileName(name: string, fallback = 'untitled'): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '-').replace(/\s+/gu, ' ');
  s = s.replace(/^[\s.-]+/u, '').replace(/[\s.]+$/u, '');
  s = truncateUtf8(s, MAX_BYTES).replace(/[\s.]+$/u, '');
  if (s === '') s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** Cuts at a code point boundary so no half character is left. */
function truncateUtf8(s: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * Picks a name not yet in `taken`. Comparison ignores case and normalization, because macOS and Windows
 * file systems do, and two protocols must never share a folder.
 */
export function uniqueName(base: string, taken: Set<string>): string {
  const key = (s: string): string => s.normalize('NFC').toLowerCase();
  let name = base;
  for (let n = 2; taken.has(key(name)); n++) name = `${base}-${n}`;
  taken.add(key(name));
  return name;
}
