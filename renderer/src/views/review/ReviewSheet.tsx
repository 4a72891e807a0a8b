/**
 * The one-page review sheet of a section, for an Elder who reviews on paper: the words as they read, who
 * holds them and who may see them, what changed since the last approval, and boxes for the decision, a
 * note, name and date. Shown only when printed (see ui/print.css).
 */
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ReviewSection } from '../../../../main/contract/api';
import { day } from '../../ui/time';
import { changeInWords } from './decisions';
import { roleText } from './reviewer';
import { WordDiff } from './WordDiff';

export function ReviewSheet(props: { section: ReviewSection; protocolTitle: string; version: number | null; printKey: number }) {
  const s = props.section;
  const { t } = useTranslation();
  // Each request to print (printKey) opens the print dialog once the sheet is in the page.
  useEffect(() => {
    window.print();
  }, [props.printKey]);

  return createPortal(
    <article className="print-sheet review-sheet" data-section={s.path}>
      <header className="sheet-head">
        <p className="sheet-kind">
          {t('review.sheet.kind')} · {t(`review.track.${s.track}`)}
        </p>
        <p className="sheet-protocol">
          {props.protocolTitle}
          {props.version !== null ? ` · ${t('versions.version', { version: props.version })}` : ''} · {t('review.sheet.printed', { when: day(new Date().toISOString()) })}
        </p>
        <h1>{s.title}</h1>
        <p className="sheet-group">{s.group}</p>
      </header>
      <dl className="sheet-facts">
        <div>
          <dt>{t('review.keepers')}</dt>
          <dd>{s.keepers.length ? s.keepers.map((k) => [k.name, roleText(k.role), k.community, k.nation].filter(Boolean).join(', ')).join('; ') : t('review.noneNamed')}</dd>
        </div>
        {s.sharing && (
          <div>
            <dt>{t('review.whoMaySee')}</dt>
            <dd>{s.sharing.text}</dd>
          </div>
        )}
        {s.labels.length > 0 && (
          <div>
            <dt>{t('review.tkLabels')}</dt>
            <dd>{s.labels.map((l) => `${l.name}: ${l.text}`).join(' · ')}</dd>
          </div>
        )}
      </dl>
      {s.lapsedDiff && (
        <section className="sheet-changed">
          <h2>
            {t('review.sheet.changed', { who: s.approvedBy ?? '—', when: day(s.approvedAt), words: changeInWords(s.lapsedDiff.words) })}
          </h2>
          <p className="word-diff">
            <WordDiff words={s.lapsedDiff.words} />
          </p>
        </section>
      )}
      <section className="sheet-text">
        <h2>{t('review.sheet.words')}</h2>
        {s.placeholderOnly && <p className="sheet-note">{t('review.sheet.placeholderOnly')}</p>}
        {s.paragraphs.length ? s.paragraphs.map((p, i) => <p key={i}>{p}</p>) : <p>{t('review.noWords')}</p>}
        {s.facts.length > 0 && <p>{s.facts.map((f) => `${f.label}: ${f.value}`).join(' · ')}</p>}
      </section>
      <section className="sheet-decision">
        <h2>{t('qi.decision')}</h2>
        <p className="sheet-boxes">
          <span className="box" /> {t('review.approve')} <span className="box" /> {t('review.askChanges')} <span className="box" /> {t('review.withhold')}
        </p>
        <p className="sheet-label">{t('review.note')}</p>
        <div className="sheet-line" />
        <div className="sheet-line" />
        <div className="sheet-line" />
        <div className="sheet-sign">
          <p>
            {t('common.name')} <span className="sheet-fill" />
          </p>
          <p>
            {t('review.role')} <span className="sheet-fill" />
          </p>
          <p>
            {t('review.sheet.date')} <span className="sheet-fill" />
          </p>
        </div>
      </section>
    </article>,
    document.body,
  );
}
