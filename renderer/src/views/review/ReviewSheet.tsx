/**
 * The one-page review sheet of a section, for an Elder who reviews on paper: the words as they read, who
 * holds them and who may see them, what changed since the last approval, and boxes for the decision, a
 * note, name and date. Shown only when printed (see ui/print.css).
 */
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import type { ReviewSection } from '../../../../main/contract/api';
import { day } from '../../ui/time';
import { changeInWords } from './decisions';
import { roleText } from './reviewer';
import { WordDiff } from './WordDiff';

export function ReviewSheet(props: { section: ReviewSection; protocolTitle: string; version: number | null; printKey: number }) {
  const s = props.section;
  // Each request to print (printKey) opens the print dialog once the sheet is in the page.
  useEffect(() => {
    window.print();
  }, [props.printKey]);

  return createPortal(
    <article className="print-sheet review-sheet" data-section={s.path}>
      <header className="sheet-head">
        <p className="sheet-kind">Review sheet · {s.track === 'cultural' ? 'Cultural review' : 'Medical review'}</p>
        <p className="sheet-protocol">
          {props.protocolTitle}
          {props.version !== null ? ` · version ${props.version}` : ''} · printed {day(new Date().toISOString())}
        </p>
        <h1>{s.title}</h1>
        <p className="sheet-group">{s.group}</p>
      </header>
      <dl className="sheet-facts">
        <div>
          <dt>Keepers</dt>
          <dd>{s.keepers.length ? s.keepers.map((k) => [k.name, roleText(k.role), k.community, k.nation].filter(Boolean).join(', ')).join('; ') : 'None named'}</dd>
        </div>
        {s.sharing && (
          <div>
            <dt>Who may see it</dt>
            <dd>{s.sharing.text}</dd>
          </div>
        )}
        {s.labels.length > 0 && (
          <div>
            <dt>TK labels</dt>
            <dd>{s.labels.map((l) => `${l.name}: ${l.text}`).join(' · ')}</dd>
          </div>
        )}
      </dl>
      {s.lapsedDiff && (
        <section className="sheet-changed">
          <h2>
            Changed since approved{s.approvedBy ? ` by ${s.approvedBy}` : ''}
            {s.approvedAt ? ` on ${day(s.approvedAt)}` : ''}: {changeInWords(s.lapsedDiff.words).toLowerCase()}
          </h2>
          <p className="word-diff">
            <WordDiff words={s.lapsedDiff.words} />
          </p>
        </section>
      )}
      <section className="sheet-text">
        <h2>The words as they read now</h2>
        {s.placeholderOnly && <p className="sheet-note">Only this placeholder is written down; the ceremony itself stays with its keepers.</p>}
        {s.paragraphs.length ? s.paragraphs.map((p, i) => <p key={i}>{p}</p>) : <p>This section has no written words yet.</p>}
        {s.facts.length > 0 && <p>{s.facts.map((f) => `${f.label}: ${f.value}`).join(' · ')}</p>}
      </section>
      <section className="sheet-decision">
        <h2>Decision</h2>
        <p className="sheet-boxes">
          <span className="box" /> Approve <span className="box" /> Ask for changes <span className="box" /> Withhold approval
        </p>
        <p className="sheet-label">Note</p>
        <div className="sheet-line" />
        <div className="sheet-line" />
        <div className="sheet-line" />
        <div className="sheet-sign">
          <p>
            Name <span className="sheet-fill" />
          </p>
          <p>
            Role <span className="sheet-fill" />
          </p>
          <p>
            Date <span className="sheet-fill" />
          </p>
        </div>
      </section>
    </article>,
    document.body,
  );
}
