/** Changed words highlighted; screen readers hear "added" and "removed" too, as <ins>/<del> are not announced everywhere. */
import { useTranslation } from 'react-i18next';

export function WordDiff({ words }: { words: { kind: 'same' | 'added' | 'removed'; text: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      {words.map((w, i) =>
        w.kind === 'added' ? (
          <ins key={i}>
            <span className="visually-hidden">[{t('review.wordAdded')}: </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : w.kind === 'removed' ? (
          <del key={i}>
            <span className="visually-hidden">[{t('review.wordRemoved')}: </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{w.text}</span>
        ),
      )}
    </>
  );
}
