/** One QI cycle's report, on screen and printed: aim, what was tried and why, each commit's rationale, and every change by category. */
import { ArrowLeft, GitCompareArrows, Printer } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QiCycleReportView } from '../../../../main/contract/api';
import { day, when } from '../../ui/time';
import { ChangeList, QiRecord } from './changes';

export function QiReport(props: { report: QiCycleReportView; onBack: () => void; onCompare: (d: { from: number; to: number }) => void }) {
  const r = props.report;
  const heading = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  // Opening the report moves focus to its title, so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), []);
  const total = r.sections.reduce((n, s) => n + s.changes.length, 0);

  return (
    <section className="view qi qi-report" aria-labelledby="qi-report-title">
      <header className="view-head">
        <div>
          <h1 id="qi-report-title" ref={heading} tabIndex={-1}>
            {t('qi.reportTitle', { number: r.cycle.number ?? r.cycle.id, aim: r.cycle.aim ?? '' })}
          </h1>
          <p className="sub">
            {t('qi.reportProtocol', { protocol: r.protocolId })} · <span data-testid="qi-report-labels">{t('qi.fromTo', { from: r.fromLabel, to: r.toLabel })}</span> ·{' '}
            {r.cycle.start ? day(r.cycle.start) : ''} – {r.cycle.end ? day(r.cycle.end) : t('qi.ongoing')}
          </p>
        </div>
        <div className="head-actions no-print">
          <button type="button" className="secondary with-icon" onClick={props.onBack}>
            <ArrowLeft aria-hidden="true" size={18} /> {t('qi.back')}
          </button>
          {r.fromVersion !== null && (
            <button type="button" className="secondary with-icon" onClick={() => props.onCompare({ from: r.fromVersion!, to: r.toVersion })}>
              <GitCompareArrows aria-hidden="true" size={18} /> {t('qi.compare', { from: r.fromVersion, to: r.toVersion })}
            </button>
          )}
          <button type="button" className="primary with-icon" onClick={() => window.print()}>
            <Printer aria-hidden="true" size={18} /> {t('qi.print')}
          </button>
        </div>
      </header>
      <section aria-labelledby="qi-report-cycles">
        <h2 id="qi-report-cycles">{t('qi.documented')}</h2>
        <QiRecord
          entries={[
            [t('qi.aim'), r.cycle.aim],
            [t('qi.problem'), r.cycle.problem],
            [t('qi.change'), r.cycle.change],
            [t('qi.rationale'), r.cycle.rationale],
            [t('qi.findings'), r.cycle.findings],
            [t('qi.decision'), t(`qi.decisions.${r.cycle.decision}`, { defaultValue: r.cycle.decision })],
          ]}
        />
      </section>
      <section aria-labelledby="qi-report-why">
        <h2 id="qi-report-why">{t('qi.whyCommits')}</h2>
        {r.commits.length === 0 ? (
          <p className="muted">{t('qi.noCommits')}</p>
        ) : (
          <ol className="qi-rationale">
            {r.commits.map((c, i) => (
              <li key={i}>
                <strong>{c.message}</strong>
                <span className="muted small">
                  {' '}
                  — {c.authorName}, {when(c.time)} · v{c.version}
                </span>
              </li>
            ))}
          </ol>
        )}
        {r.others.length > 0 && (
          <p className="muted" data-testid="qi-report-others">
            {t('qi.others', { count: r.others.length, versions: r.others.map((o) => o.version).join(', ') })}
          </p>
        )}
      </section>
      <section aria-labelledby="qi-report-changes">
        <h2 id="qi-report-changes">{t('qi.whatChanged', { changes: t('diff.changes', { count: total }) })}</h2>
        {r.sections.length === 0 && <p className="muted">{t('qi.noContentChange')}</p>}
        {r.sections.map((s) => (
          <section key={s.category} className={`qi-report-group ${s.category}`} aria-label={t(`diff.categories.${s.category}`, { defaultValue: s.title })}>
            <h3>
              {t(`diff.categories.${s.category}`, { defaultValue: s.title })} <span className="muted small">({s.changes.length})</span>
            </h3>
            <ChangeList changes={s.changes} />
          </section>
        ))}
      </section>
    </section>
  );
}
