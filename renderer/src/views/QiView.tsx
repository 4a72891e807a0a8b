/** Quality improvement: the protocol's QI cycles as a timeline, each cycle's commits, changes and rationale; one step to its report or a diff. */
import { FileText, GitCompareArrows } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QiCycleReportView, QiTimeline, QiTimelineCommit, QiTimelineCycle } from '../../../main/contract/api';
import { studio } from '../api';
import { describeError } from '../ui/errors';
import { day, when } from '../ui/time';
import { ChangeList, countsText, QiRecord } from './qi/changes';
import { QiReport } from './qi/QiReport';
import './qi/qi.css';

export interface DiffRequest {
  from: number;
  to: number;
}

export function QiView(props: { protocolId: string; onCompare: (d: DiffRequest) => void; onError: (m: string) => void }) {
  const [timeline, setTimeline] = useState<QiTimeline | null>(null);
  const [report, setReport] = useState<QiCycleReportView | null>(null);
  /** The button that opened the report gets focus back when the report closes. */
  const opener = useRef<HTMLElement | null>(null);
  const { t } = useTranslation();

  useEffect(() => {
    studio.qiTimeline({ protocolId: props.protocolId }).then(setTimeline, (e) => props.onError(describeError(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.protocolId]);

  const openReport = async (cycle: QiTimelineCycle, button: HTMLElement) => {
    opener.current = button;
    try {
      setReport(await studio.qiCycleReport({ protocolId: props.protocolId, cycleId: cycle.id }));
    } catch (e) {
      props.onError(describeError(e));
    }
  };

  if (report) {
    return (
      <QiReport
        report={report}
        onBack={() => {
          setReport(null);
          // The timeline renders again first; then the opener is back in the document.
          requestAnimationFrame(() => document.getElementById(opener.current?.id ?? '')?.focus());
        }}
        onCompare={props.onCompare}
      />
    );
  }

  return (
    <section className="view qi" aria-labelledby="qi-title">
      <header className="view-head">
        <div>
          <h1 id="qi-title">{t('qi.title')}</h1>
          <p className="sub">{t('qi.sub')}</p>
        </div>
      </header>
      {!timeline ? (
        <p className="muted">{t('qi.loading')}</p>
      ) : timeline.cycles.length === 0 ? (
        <div className="empty">
          <h2>{t('qi.empty')}</h2>
          <p>{t('qi.emptyHelp')}</p>
        </div>
      ) : (
        <ol className="qi-timeline" aria-label={t('qi.timeline')}>
          {timeline.cycles.map((c) => (
            <li key={c.id} className={`qi-cycle decision-${c.decision}`} data-cycle={c.number ?? c.id}>
              <article aria-labelledby={`cycle-${c.id}-title`}>
                <header className="qi-cycle-head">
                  <div>
                    <h2 id={`cycle-${c.id}-title`}>
                      {t('qi.cycle', { number: c.number ?? c.id, aim: c.aim })}
                    </h2>
                    <p className="muted">
                      {c.start ? day(c.start) : ''} – {c.end ? day(c.end) : t('qi.ongoing')} · <span className="badge">{t(`qi.decisions.${c.decision}`, { defaultValue: c.decision })}</span> ·{' '}
                      {t('qi.versions', { count: c.commits.length })}
                      {c.draftOnly && <> · <span className="badge">{t('qi.draftOnly')}</span></>}
                    </p>
                  </div>
                  <div className="head-actions">
                    <button
                      type="button"
                      id={`report-${c.id}`}
                      className="primary with-icon"
                      disabled={c.commits.length === 0}
                      onClick={(e) => void openReport(c, e.currentTarget)}
                    >
                      <FileText aria-hidden="true" size={18} /> {t('qi.report')}
                    </button>
                  </div>
                </header>
                <QiRecord
                  entries={[
                    [t('qi.change'), c.change],
                    [t('qi.rationale'), c.rationale],
                  ]}
                />
                {c.commits.length === 0 ? (
                  <p className="muted">{t('qi.noVersions')}</p>
                ) : (
                  <ol className="qi-commits">
                    {c.commits.map((x) => (
                      <Commit key={x.version} commit={x} onCompare={props.onCompare} />
                    ))}
                  </ol>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
      {timeline && timeline.outside.length > 0 && (
        <details className="qi-outside">
          <summary>
            {t('qi.outside', { count: timeline.outside.length })}
          </summary>
          <ol className="qi-commits">
            {timeline.outside.map((x) => (
              <Commit key={x.version} commit={x} onCompare={props.onCompare} />
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function Commit({ commit: x, onCompare }: { commit: QiTimelineCommit; onCompare: (d: DiffRequest) => void }) {
  const { t } = useTranslation();
  return (
    <li className="qi-commit" data-version={x.version}>
      <div className="tl-head">
        <span className="badge">v{x.version}</span>
        <span className="tl-when">{when(x.createdAt)}</span>
        {x.author && <span className="muted small">{t('versions.by', { author: x.author })}</span>}
      </div>
      <p className="qi-why">
        <span className="qi-why-label">{t('qi.why')} </span>
        {x.message}
      </p>
      {x.previous === null ? (
        <p className="muted small">{t('qi.first')}</p>
      ) : (
        <>
          <p className="qi-counts">{countsText(x.counts)}</p>
          <ChangeList changes={x.changes} more={x.moreChanges} />
          <button type="button" className="secondary small with-icon" onClick={() => onCompare({ from: x.previous!, to: x.version })}>
            <GitCompareArrows aria-hidden="true" size={16} /> {t('qi.compare', { from: x.previous, to: x.version })}
          </button>
        </>
      )}
    </li>
  );
}
