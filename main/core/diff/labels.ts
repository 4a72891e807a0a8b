/**
 * People-facing labels for changes: schema titles along the path, with list items named by what
 * people call them ("Week 5", "Dose by route IM", a block's title) instead of indices.
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { schemaTitlesAlong } from '../model/schema-info';
import { isLocalizedMap, isPlainObject, localizedText } from './values';
import { humanize } from '../model/words';

const SEPARATOR = ' › ';
const MAX_NAME = 48;
/** Fields that tell items of one list apart, tried in order after `title` and `name`. */
const DISCRIMINATORS = ['route', 'instrument', 'medication', 'substance', 'code', 'element', 'at', 'label', 'kind', 'id'];

/** The label of the value at `path`; `itemAt(depth)` gives the list item at `path[depth]` (either side). */
export function labelFor(path: readonly PathSegment[], itemAt: (depth: number) => unknown, parentOf: (depth: number) => unknown): string {
  const titles = schemaTitlesAlong(path);
  const firstItem = path.findIndex((s) => typeof s === 'number');
  let parts: string[] = [];
  path.forEach((seg, depth) => {
    if (typeof seg === 'number') {
      // The list's own title ("Weeks") gives way to the item's name; so does everything above the first item.
      parts = depth === firstItem ? [] : parts.slice(0, -1);
      parts.push(itemName(itemAt(depth), titles[depth], seg));
    } else if (isLocalizedMap(parentOf(depth))) {
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''} (${seg})`;
    } else {
      parts.push(titles[depth] ?? humanize(seg));
    }
  });
  return parts.join(SEPARATOR) || 'Document';
}

/** "Week 5", "Dose by route IM", "Opening circle" (its title), else the schema title and the id. */
export function itemName(item: unknown, schemaTitle: string | undefined, index: number): string {
  const kind = schemaTitle ?? 'Item';
  if (!isPlainObject(item)) return `${kind} ${index + 1}`;
  if (typeof item.week === 'number') return `${kind} ${item.week}`;
  for (const key of ['title', 'name']) {
    const text = localizedText(item[key]);
    if (text && text.trim()) return clip(text.trim());
  }
  for (const key of DISCRIMINATORS) {
    const v = item[key];
    const text = typeof v === 'number' ? String(v) : localizedText(v);
    if (text && text.trim()) return `${kind} ${clip(key === 'id' ? text : text.replace(/_/g, ' '))}`;
  }
  // Items with neither id nor name (plain text entries) are named by their text.
  const text = localizedText(item.text);
  if (text && text.trim()) return clip(text.trim());
  return `${kind} ${index + 1}`;
}

function clip(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > MAX_NAME ? `${line.slice(0, MAX_NAME - 1)}…` : line;
}

/** `cohortSize` → "Cohort size" for keys the schema does not title. */
