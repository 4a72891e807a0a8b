/** One QI cycle's report, on screen and printed: aim, what was tried and why, each commit's rationale, and every change by category. */
import { ArrowLeft, GitCompareArrows, Printer } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { QiCycleReportView } from '../../../../main/contract/api';
import { day, when } from '../../ui/time';
import { ChangeList, QiRecord } from './changes';

export function QiReport(props: { report: QiCycleReportView; onBack: () => void; onCompare: (d: { from: number; to: number }) => void }) {
  const r = props.report;
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening the report moves focus to its title, so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), []);
  const total = r.sections.reduce((n, s) => n + s.changes.length, 0);

  return (
    <section className="view qi qi-report" aria-labelledby="qi-report-title">
      <header className="view-head">
        <div>
          <h1 id="qi-report-title" ref={heading} tabIndex={-1}>
            QI cycle {r.cycle.number} report: {r.cycle.aim}
          </h1>
          <p className="sub">
            Protocol {r.protocolId} · {r.fromLabel ? `${r.fromLabel} → ${r.toLabel}` : r.toLabel} · {day(r.cycle.start)} – {r.cycle.end ? day(r.cycle.end) : 'ongoing'}
          </p>
        </div>
        <div className="head-actions no-print">
          <button type="button" className="secondary with-icon" onClick={props.onBack}>
            <ArrowLeft aria-hidden="true" size={18} /> Back to the timeline
          </button>
          {r.fromVersion !== null && (
            <button type="button" className="secondary with-icon" onClick={() => props.onCompare({ from: r.fromVersion!, to: r.toVersion })}>
              <GitCompareArrows aria-hidden="true" size={18} /> Compare v{r.fromVersion} with v{r.toVersion}
            </button>
          )}
          <button type="button" className="primary with-icon" onClick={() => window.print()}>
            <Printer aria-hidden="true" size={18} /> Print report
          </button>
        </div>
      </header>
      {r.documented.length > 0 && (
        <section aria-labelledby="qi-report-cycles">
          <h2 id="qi-report-cycles">The cycle as the protocol records it</h2>
          {r.documented.map((c, i) => (
            <QiRecord
              key={i}
              entries={[
                ['Aim', c.aim],
                ['Change tried', c.change],
                ['Rationale', c.rationale],
                ['Decision', c.decision],
              ]}
            />
          ))}
        </section>
      )}
      <section aria-labelledby="qi-report-why">
        <h2 id="qi-report-why">Why: the commits in this cycle</h2>
        {r.commits.length === 0 ? (
          <p className="muted">No commits between these versions.</p>
        ) : (
          <ol className="qi-rationale">
            {r.commits.map((c, i) => (
              <li key={i}>
                <strong>{c.message}</strong>
                <span className="muted small">
                  {' '}
                  — {c.author}, {when(c.time)}
                  {c.cycle !== null ? ` (cycle ${c.cycle})` : ''}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="qi-report-changes">
        <h2 id="qi-report-changes">What changed ({total === 1 ? '1 change' : `${total} changes`})</h2>
        {r.sections.length === 0 && <p className="muted">The protocol’s content did not change.</p>}
        {r.sections.map((s) => (
          <section key={s.category} className={`qi-report-group ${s.category}`} aria-label={s.title}>
            <h3>
              {s.title} <span className="muted small">({s.changes.length})</span>
            </h3>
            <ChangeList changes={s.changes} />
          </section>
        ))}
      </section>
    </section>
  );
}
