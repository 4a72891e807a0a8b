/** Changed words highlighted; screen readers hear "added" and "removed" too, as <ins>/<del> are not announced everywhere. */
export function WordDiff({ words }: { words: { kind: 'same' | 'added' | 'removed'; text: string }[] }) {
  return (
    <>
      {words.map((w, i) =>
        w.kind === 'added' ? (
          <ins key={i}>
            <span className="visually-hidden">[added: </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : w.kind === 'removed' ? (
          <del key={i}>
            <span className="visually-hidden">[removed: </span>
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
