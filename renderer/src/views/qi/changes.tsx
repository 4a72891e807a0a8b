/** Classified changes in words: "2 clinical changes · 1 cultural", and a list of one-line summaries. */
import { useTranslation } from 'react-i18next';
import type { SemanticChange } from '../../../../main/contract/api';
import { i18next } from '../../i18n';

const CATEGORIES: SemanticChange['category'][] = ['clinical', 'cultural', 'translation', 'editorial'];

export function countsText(counts: Record<SemanticChange['category'], number>): string {
  const parts = CATEGORIES.filter((c) => counts[c] > 0).map((c) => i18next.t(`qi.counts.${c}`, { count: counts[c] }));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return i18next.t('qi.noContentChange');
  return `${i18next.t('diff.changes', { count: total })}: ${parts.join(' · ')}`;
}

export function ChangeList({ changes, more = 0 }: { changes: SemanticChange[]; more?: number }) {
  const { t } = useTranslation();
  if (changes.length === 0) return null;
  return (
    <ul className="qi-changes">
      {changes.map((c, i) => (
        <li key={i} className={`qi-change ${c.category}`} data-path={c.path}>
          <span className={`cat ${c.category}`}>{t(`diff.categories.${c.category}`)}</span>
          <span className="visually-hidden">{t(`diff.kinds.${c.kind}`)}: </span>
          <span className="summary">{c.summary}</span>
        </li>
      ))}
      {more > 0 && <li className="muted small">{t('qi.more', { count: more })}</li>}
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
