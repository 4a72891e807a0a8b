/** Classified changes in words: "2 clinical changes · 1 cultural", and a list of one-line summaries. */
import type { SemanticChange } from '../../../../main/contract/api';

export const CATEGORY_NAMES: Record<SemanticChange['category'], string> = { clinical: 'clinical', cultural: 'cultural', translation: 'translation', editorial: 'editorial' };

const KIND: Record<SemanticChange['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved' };

export function countsText(counts: Record<SemanticChange['category'], number>): string {
  const parts = (Object.keys(CATEGORY_NAMES) as SemanticChange['category'][]).filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${CATEGORY_NAMES[c]}`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return 'No change to the protocol’s content.';
  return `${total === 1 ? '1 change' : `${total} changes`}: ${parts.join(' · ')}`;
}

export function ChangeList({ changes, more = 0 }: { changes: SemanticChange[]; more?: number }) {
  if (changes.length === 0) return null;
  return (
    <ul className="qi-changes">
      {changes.map((c, i) => (
        <li key={i} className={`qi-change ${c.category}`} data-path={c.path}>
          <span className={`cat ${c.category}`}>{CATEGORY_NAMES[c.category]}</span>
          <span className="visually-hidden">{KIND[c.kind]}: </span>
          {c.summary}
        </li>
      ))}
      {more > 0 && <li className="muted small">…and {more === 1 ? '1 more change' : `${more} more changes`} (see the report or the comparison)</li>}
    </ul>
  );
}

/** A cycle's record as a definition list; entries without a value are left out. */
export function QiRecord({ entries }: { entries: [string, string | null | undefined][] }) {
  const shown = entries.filter((e): e is [string, string] => !!e[1]);
  if (shown.length === 0) return null;
  return (
    <dl className="qi-record">
      {shown.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
