/**
 * Fonts for the binder, from the @fontsource packages (npm), embedded as base64 data: URLs so the HTML is
 * self-contained (the CSP allows `font-src data:` only) and prints the same in playwright and Electron.
 *
 * Families: Noto Serif (body), Noto Sans (headings, tables), Noto Sans JP (Japanese), Noto Sans
 * Canadian Aboriginal (syllabics), Noto Sans Math and Noto Sans Symbols 2 (≤ ≥ ☐ and the like). Only the unicode-range subsets that hold a character of the binder
 * are embedded — in practice latin (+ latin-ext), the few Japanese slices the text uses, and
 * canadian-aboriginal — so a Latin-only binder carries about 250 kB of fonts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Package → stylesheets (weight[-style]) used by the print CSS. The first two are the primary families;
 * the others are fallbacks, embedded only for characters the primary families do not have.
 */
const PRIMARY = new Set(['@fontsource/noto-serif', '@fontsource/noto-sans']);
const FACES: Record<string, string[]> = {
  '@fontsource/noto-serif': ['400', '400-italic', '700'],
  '@fontsource/noto-sans': ['400', '600', '700'],
  '@fontsource/noto-sans-jp': ['400', '700'],
  '@fontsource/noto-sans-canadian-aboriginal': ['400', '700'],
  '@fontsource/noto-sans-math': ['400'],
  '@fontsource/noto-sans-symbols-2': ['400'],
};

/**
 * Backstops, last in every font stack: embedded whenever the text has a character of their range, even
 * one a primary family's subset claims — those subsets claim whole Unicode blocks but lack glyphs such as
 * ≤ ≥ ₂ or ☐, and Chromium would take those from a system font (DejaVu) into a clinical binder.
 * Noto Sans Math ships as one file labelled "latin" that holds the whole font: it is given the range of
 * Google Fonts' math subset (the one @fontsource/noto-sans-symbols-2 declares).
 */
const BACKSTOP = new Set(['@fontsource/noto-sans-math', '@fontsource/noto-sans-symbols-2']);
const RANGE_OF: Record<string, () => string> = {
  '@fontsource/noto-sans-math': () => (JSON.parse(readFileSync(require.resolve('@fontsource/noto-sans-symbols-2/unicode.json'), 'utf8')) as Record<string, string>).math!,
};
/** Basic Latin and Latin-1 are the primaries' own: a backstop is never embedded for them alone. */
const LATIN1 = 0xff;

interface Face {
  primary: boolean;
  backstop: boolean;
  css: string;
  file: string;
  ranges: [number, number][];
}

let faces: Face[] | undefined;
const dataUrls = new Map<string, string>();

function parseRanges(spec: string): [number, number][] {
  return spec.split(',').map((part) => {
    const p = part.trim().replace(/^U\+/i, '');
    if (p.includes('?')) return [parseInt(p.replace(/\?/g, '0'), 16), parseInt(p.replace(/\?/g, 'f'), 16)];
    const [a, b] = p.split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  });
}

function loadFaces(): Face[] {
  const out: Face[] = [];
  for (const [pkg, sheets] of Object.entries(FACES)) {
    for (const sheet of sheets) {
      const path = require.resolve(`${pkg}/${sheet}.css`);
      const css = readFileSync(path, 'utf8');
      for (let block of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
        const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
        if (!file) continue;
        const own = RANGE_OF[pkg]?.();
        if (own) block = block.replace(/unicode-range:\s*[^;]+;/, `unicode-range: ${own};`);
        // One weight serves every weight: no synthetic bold (Type 3 glyphs) for a backstop.
        if (BACKSTOP.has(pkg)) block = block.replace(/font-weight:\s*\d+;/, 'font-weight: 100 900;');
        const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
        out.push({ primary: PRIMARY.has(pkg), backstop: BACKSTOP.has(pkg), css: block, file: join(dirname(path), 'files', file), ranges: range ? parseRanges(range) : [[0, 0x10ffff]] });
      }
    }
  }
  return out;
}

/** Every code point of the text, including those written as CSS hex escapes (the page-stamp strings). */
function codePoints(text: string): Set<number> {
  const out = new Set<number>();
  for (const ch of text) out.add(ch.codePointAt(0)!);
  for (const m of text.matchAll(/\\([0-9a-f]{6})/gi)) out.add(parseInt(m[1]!, 16));
  return out;
}

function dataUrl(file: string): string {
  let url = dataUrls.get(file);
  if (!url) {
    url = `data:font/woff2;base64,${readFileSync(file).toString('base64')}`;
    dataUrls.set(file, url);
  }
  return url;
}

/** `@font-face` rules (data: URLs) for the subsets that cover the characters of `text`. */
export function fontCssFor(text: string): string {
  faces ??= loadFaces();
  const used = [...codePoints(text)];
  const inFace = (f: Face, c: number) => f.ranges.some(([lo, hi]) => c >= lo && c <= hi);
  const primary = faces.filter((f) => f.primary);
  const fallbackOnly = used.filter((c) => !primary.some((f) => inFace(f, c)));
  const beyondLatin1 = used.filter((c) => c > LATIN1);
  return faces
    .filter((f) => (f.primary ? used : f.backstop ? beyondLatin1 : fallbackOnly).some((c) => inFace(f, c)))
    .map((f) => f.css.replace(/src:[^;]+;/, `src: url(${dataUrl(f.file)}) format('woff2');`))
    .join('\n');
}
