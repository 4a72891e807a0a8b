/** One question to the outline worker and its answer: plain data both ways (structured clone). */
import { languages, outline, parse, sectionAt, type OutlineItem, type SectionAtCursor } from './outline';

export interface OutlineRequest {
  id: number;
  text: string;
  /** The preview language the user picked, or null for the protocol's first language. */
  lang: string | null;
  /** Cursor offset when the preview shows the section under it; null otherwise. */
  offset: number | null;
}

export interface OutlineAnswer {
  id: number;
  langs: string[];
  lang: string;
  items: OutlineItem[];
  section: SectionAtCursor | null;
}

/** The last text parsed: a language switch or a cursor move asks again about the same text. */
let last: { text: string; parsed: ReturnType<typeof parse> } | null = null;

export function answerOutline(q: OutlineRequest): OutlineAnswer {
  if (last?.text !== q.text) last = { text: q.text, parsed: parse(q.text) };
  const langs = languages(last.parsed);
  const lang = q.lang !== null && langs.includes(q.lang) ? q.lang : (langs[0] ?? 'en');
  return { id: q.id, langs, lang, items: outline(last.parsed, lang), section: q.offset === null ? null : sectionAt(last.parsed, q.offset) };
}
