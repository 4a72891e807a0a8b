/**
 * Reads the YAML text locally (the `yaml` parser only: no schema, no eval) for the outline, the
 * section under the cursor and the language list. Validation proper happens in main.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

export interface OutlineItem {
  /** In English; `words` says it again as a catalogue key and its values, for the studio's language. */
  label: string;
  words?: { key: string; values: Record<string, string> };
  /** 1-based line of the item's first key. */
  line: number;
  depth: number;
}

export interface SectionAtCursor {
  path: string;
  value: unknown;
}

type Localized = string | Record<string, string>;

interface Parsed {
  doc: ReturnType<typeof parseDocument>;
  lines: LineCounter;
}

export function parse(text: string): Parsed {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  return { doc, lines };
}

function get(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined;
}

function lineOf(p: Parsed, node: unknown): number {
  const r = (node as YamlNode | undefined)?.range;
  return r ? p.lines.linePos(r[0]).line : 1;
}

function plain(node: unknown, lang: string): string {
  const js = (node as YamlNode | undefined)?.toJSON?.() as Localized | undefined;
  return textOf(js, lang);
}

export function textOf(t: unknown, lang: string): string {
  if (typeof t === 'string') return t;
  if (typeof t === 'number' || typeof t === 'boolean') return String(t);
  if (t && typeof t === 'object' && !Array.isArray(t)) {
    const m = t as Record<string, unknown>;
    const v = m[lang] ?? Object.values(m).find((x) => typeof x === 'string');
    return typeof v === 'string' ? v : '';
  }
  return '';
}

/** The sections people think in, in this order when present; scalar top-level keys (schemaVersion) are not sections. */
const TOP_LABELS: Record<string, string> = {
  metadata: 'About',
  programme: 'Programme',
  team: 'Team',
  curriculum: 'Curriculum',
  medicineSessions: 'Medicine sessions',
  screening: 'Screening',
  monitoring: 'Monitoring',
  consent: 'Consent',
  measures: 'Measures',
  cultural: 'Cultural',
  qi: 'QI cycles',
  references: 'References',
};

/** Per top-level section: the list whose items are outlined beneath it, and how each item is named. */
const CHILD_LISTS: Record<string, { list: string | null; label: (item: unknown, lang: string) => string; words?: (item: unknown, lang: string) => OutlineItem['words'] }> = {
  curriculum: {
    list: 'weeks',
    label: (w, lang) => `Week ${plain(get(w, 'week'), lang)}${get(w, 'theme') ? ` — ${plain(get(w, 'theme'), lang)}` : ''}`,
    words: (w, lang) => ({ key: get(w, 'theme') ? 'outline.weekTheme' : 'outline.week', values: { week: plain(get(w, 'week'), lang), theme: plain(get(w, 'theme'), lang) } }),
  },
  medicineSessions: {
    list: 'routes',
    label: (r, lang) => `Route ${plain(get(r, 'route'), lang)}${get(r, 'max') ? ` · up to ${plain(get(r, 'max'), lang)} ${plain(get(r, 'unit'), lang)}` : ''}`,
    words: (r, lang) => ({
      key: get(r, 'max') ? 'outline.routeMax' : 'outline.route',
      values: { route: plain(get(r, 'route'), lang), max: plain(get(r, 'max'), lang), unit: plain(get(r, 'unit'), lang) },
    }),
  },
  consent: { list: 'sections', label: (s, lang) => plain(get(s, 'title'), lang) || plain(get(s, 'id'), lang) },
  measures: { list: null, label: (m, lang) => plain(get(m, 'name'), lang) || plain(get(m, 'instrument'), lang) || plain(get(m, 'id'), lang) },
  cultural: { list: 'blocks', label: (b, lang) => plain(get(b, 'title'), lang) || plain(get(b, 'id'), lang) },
  qi: {
    list: 'cycles',
    label: (c, lang) => `Cycle ${plain(get(c, 'number'), lang)}${get(c, 'aim') ? ` — ${plain(get(c, 'aim'), lang)}` : ''}`,
    words: (c, lang) => ({ key: get(c, 'aim') ? 'outline.cycleAim' : 'outline.cycle', values: { number: plain(get(c, 'number'), lang), aim: plain(get(c, 'aim'), lang) } }),
  },
};

function count(node: unknown): string {
  return isSeq(node) ? ` (${node.items.length})` : '';
}

/** Sections people think in: About (with the title), weeks and their segments, routes, consent sections, measures, blocks, cycles. */
export function outline(p: Parsed, lang: string): OutlineItem[] {
  const out: OutlineItem[] = [];
  const root = p.doc.contents;
  if (!isMap(root)) return out;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const label = TOP_LABELS[key];
    if (!label || !(isMap(pair.value) || isSeq(pair.value))) continue;
    const title = key === 'metadata' ? plain(get(pair.value, 'title'), lang) : '';
    const countable = key === 'team' || key === 'references';
    const words: OutlineItem['words'] = title
      ? { key: 'outline.titled', values: { section: key, title } }
      : countable && isSeq(pair.value)
        ? { key: 'outline.counted', values: { section: key, count: String(pair.value.items.length) } }
        : { key: 'outline.plain', values: { section: key } };
    out.push({ label: title ? `${label} — ${title}` : countable ? `${label}${count(pair.value)}` : label, words, line: lineOf(p, pair.key), depth: 0 });
    const child = CHILD_LISTS[key];
    if (!child) continue;
    const list = child.list === null ? pair.value : get(pair.value, child.list);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      out.push({ label: child.label(item, lang), ...(child.words ? { words: child.words(item, lang) } : {}), line: lineOf(p, item), depth: 1 });
      const segs = key === 'curriculum' ? get(item, 'segments') : undefined;
      if (isSeq(segs)) for (const s of segs.items) out.push({ label: plain(get(s, 'title'), lang) || plain(get(s, 'id'), lang), line: lineOf(p, s), depth: 2 });
    }
  }
  return out;
}

/** The innermost list item with an `id` that contains `offset`, addressed like `cultural.blocks[opening-circle]`. */
export function sectionAt(p: Parsed, offset: number): SectionAtCursor | null {
  let best: SectionAtCursor | null = null;
  const walk = (node: unknown, path: string): void => {
    const r = (node as YamlNode | undefined)?.range;
    if (!r || offset < r[0] || offset > r[2]) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        walk(pair.value, path ? `${path}.${key}` : key);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const id = get(item, 'id');
        const itemPath = `${path}[${isScalar(id) ? String(id.value) : i}]`;
        const ir = (item as YamlNode | undefined)?.range;
        if (isScalar(id) && ir && offset >= ir[0] && offset <= ir[2]) best = { path: itemPath, value: (item as YamlNode).toJSON() };
        walk(item, itemPath);
      });
    }
  };
  walk(p.doc.contents, '');
  if (best) return best;
  // Fall back to the top-level section under the cursor.
  const root = p.doc.contents;
  if (isMap(root))
    for (const pair of root.items) {
      const r = (pair.value as YamlNode | undefined)?.range;
      const k = (pair.key as YamlNode | undefined)?.range;
      if (r && k && offset >= k[0] && offset <= r[2]) return { path: String((pair.key as { value: unknown }).value), value: (pair.value as YamlNode).toJSON() };
    }
  return null;
}

/** The protocol's languages (metadata.languages), English when absent. */
export function languages(p: Parsed): string[] {
  const langs = (p.doc.toJS({ maxAliasCount: 50 }) as { metadata?: { languages?: unknown } } | null)?.metadata?.languages;
  return Array.isArray(langs) && langs.every((l) => typeof l === 'string') && langs.length > 0 ? (langs as string[]) : ['en'];
}
