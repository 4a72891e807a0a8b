/** Escaping for the print HTML. Every value from a document goes through one of these. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A CSS string literal (for `content:` in @page margin boxes). Every character outside a small safe set
 * becomes a hex escape, so `</style>`, quotes or backslashes in a title cannot leave the string or the style element.
 */
export function cssString(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (/^[A-Za-z0-9 .,:;_()·-]$/.test(ch)) out += ch;
    // The space ends the escape (CSS consumes one whitespace after a hex escape), so a real space after it survives.
    else out += `\\${ch.codePointAt(0)!.toString(16).padStart(6, '0')} `;
  }
  return out + '"';
}

/** An anchor id made only of safe characters, usable in `href="#…"` and as a PDF named destination. */
export function anchorId(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
