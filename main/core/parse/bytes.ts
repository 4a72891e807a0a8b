/** Bytes → text: binary files, UTF-16 with a byte-order mark, and invalid UTF-8 located to line and column. */
import type { Range } from '../diagnostics/diagnostic';

export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; code: 'YAML-BINARY' | 'YAML-INVALID-UTF8'; message: string; range: Range };

const SAMPLE_BYTES = 8000;
/** Share of control bytes in the sample above which a file is treated as binary rather than text with a typo. */
const BINARY_CONTROL_SHARE = 0.05;

const MAGIC: Array<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a ZIP archive (or Word/Excel file)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['an SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ['a program (ELF)', [0x7f, 0x45, 0x4c, 0x46]],
];

function startsWith(buf: Uint8Array, prefix: number[]): boolean {
  return buf.length >= prefix.length && prefix.every((b, i) => buf[i] === b);
}

function binaryKind(buf: Uint8Array): string | undefined {
  for (const [kind, prefix] of MAGIC) if (startsWith(buf, prefix)) return kind;
  const n = Math.min(buf.length, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) control++;
  }
  return n > 0 && control / n > BINARY_CONTROL_SHARE ? 'a binary file' : undefined;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in UTF-16 units, as editors count) of a byte offset in valid-so-far UTF-8. */
function positionOfByte(buf: Uint8Array, offset: number): Range {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder('utf-8').decode(buf.subarray(lineStart, offset)).length + 1;
  return { start: { line, column }, end: { line, column: column + 1 } };
}

export function decodeProtocolBytes(buf: Uint8Array): DecodeResult {
  const at1: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  // YAML allows UTF-16 when it starts with a byte-order mark (e.g. files saved by some Windows editors).
  const utf16 = startsWith(buf, [0xff, 0xfe]) ? 'utf-16le' : startsWith(buf, [0xfe, 0xff]) ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(buf) };
    } catch {
      return { ok: false, code: 'YAML-INVALID-UTF8', message: `The file starts like ${utf16.toUpperCase()} text but is not valid ${utf16.toUpperCase()}`, range: at1 };
    }
  }
  const kind = binaryKind(buf);
  if (kind) {
    return { ok: false, code: 'YAML-BINARY', message: `This looks like ${kind}, not a YAML protocol`, range: at1 };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(buf));
    const byte = buf[offset] ?? 0;
    return {
      ok: false,
      code: 'YAML-INVALID-UTF8',
      message: `Invalid UTF-8 at byte ${offset} (0x${byte.toString(16).padStart(2, '0')}); save the file as UTF-8`,
      range: positionOfByte(buf, offset),
    };
  }
}
