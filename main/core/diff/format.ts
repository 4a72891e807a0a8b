/** Text, markdown and JSON renderings of a change list, grouped by category (clinical first). */
import { CATEGORY_ORDER, CATEGORY_TITLES } from './categories';
import { show } from './summary';
import type { ChangeCategory, ChangeKind, ProtocolChange, WordDiff } from './types';

export type ChangeFormat = 'text' | 'markdown' | 'json';

export interface ChangeGroup {
  category: ChangeCategory;
  changes: ProtocolChange[];
}

/** Non-empty groups in the fixed category order; changes keep their document order. */
export function groupByCategory(changes: readonly ProtocolChange[]): ChangeGroup[] {
  return CATEGORY_ORDER.map((category) => ({ category, changes: changes.filter((c) => c.category === category) })).filter(
    (g) => g.changes.length > 0,
  );
}

const MARK: Record<ChangeKind, string> = { added: '+', removed: '-', changed: '~', moved: '>' };

export function formatChanges(changes: readonly ProtocolChange[], format: ChangeFormat): string {
  if (format === 'json') return JSON.stringify({ count: changes.length, changes }, null, 2) + '\n';
  if (format === 'markdown') return formatMarkdown(changes, 2);
  if (changes.length === 0) return 'No differences.\n';
  const lines: string[] = [];
  for (const g of groupByCategory(changes)) {
    lines.push(`${CATEGORY_TITLES[g.category]} (${g.changes.length})`);
    for (const c of g.changes) lines.push(`  ${MARK[c.kind]} ${oneLine(c.summary)}`);
  }
  return lines.join('\n') + '\n';
}

/** Markdown: one heading per category at `level`, then a table of label, change, before → after, note. */
export function formatMarkdown(changes: readonly ProtocolChange[], level: number): string {
  if (changes.length === 0) return 'No differences.\n';
  const hashes = '#'.repeat(Math.min(6, Math.max(1, level)));
  const out: string[] = [];
  for (const g of groupByCategory(changes)) {
    out.push(`${hashes} ${CATEGORY_TITLES[g.category]}`, '', '| What | Change | Before → after | Note |', '|---|---|---|---|');
    for (const c of g.changes) {
      const values = c.words ? markdownWords(c.words) : beforeAfter(c);
      out.push(`| ${md(c.label)} | ${c.kind} | ${values} | ${c.note ?? ''} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function beforeAfter(c: ProtocolChange): string {
  if (c.kind === 'moved') return `position ${Number(c.before) + 1} → ${Number(c.after) + 1}`;
  if (c.kind === 'added') return `→ ${md(show(c.after, c.unit))}`;
  if (c.kind === 'removed') return `${md(show(c.before, c.unit))} →`;
  return `${md(show(c.before, c.unit))} → ${md(show(c.after, c.unit))}`;
}

/** Deleted words struck through, inserted words in bold. */
export function markdownWords(words: readonly WordDiff[]): string {
  return words
    .map((w, i) => {
      const text = md(w.text);
      if (!text.trim() || w.kind === 'same') return text;
      // The markers go round the words; the spaces of a run stay outside, or "at all is" reads "**at all**is".
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
      const mark = w.kind === 'added' ? '**' : '~~';
      // A replacement ("~~60~~ **120**") needs a space between the struck and the bold words.
      const prev = words[i - 1];
      const gap = prev && prev.kind !== 'same' && !/\s$/.test(prev.text) && !lead ? ' ' : '';
      return `${gap}${lead}${mark}${core}${mark}${trail}`;
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes text for a markdown table cell: no HTML, no emphasis, no links, one line. */
export function md(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_~[\]|#]/g, (ch) => `\\${ch}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
