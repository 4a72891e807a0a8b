/** Quality improvement: the protocol's QI cycles as a timeline, each cycle's commits, changes and rationale; one step to its report or a diff. */
import { FileText, GitCompareArrows } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
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

const DECISION: Record<string, string> = { adopt: 'Adopted', adapt: 'Adapted', abandon: 'Abandoned', pending: 'Decision pending' };

export function QiView(props: { protocolId: string; onCompare: (d: DiffRequest) => void; onError: (m: string) => void }) {
  const [timeline, setTimeline] = useState<QiTimeline | null>(null);
  const [report, setReport] = useState<QiCycleReportView | null>(null);
  /** The button that opened the report gets focus back when the report closes. */
  const opener = useRef<HTMLElement | null>(null);

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
          <h1 id="qi-title">Quality improvement</h1>
          <p className="sub">Each QI cycle with the versions committed for it, what they changed and why. Open a cycle’s report to print it for the QI team.</p>
        </div>
      </header>
      {!timeline ? (
        <p className="muted">Loading…</p>
      ) : timeline.cycles.length === 0 ? (
        <div className="empty">
          <h2>No QI cycles yet</h2>
          <p>Start a cycle when you commit a change (Commit… › QI cycle › Start a new cycle), and its changes gather here.</p>
        </div>
      ) : (
        <ol className="qi-timeline" aria-label="QI cycles, oldest first">
          {timeline.cycles.map((c) => (
            <li key={c.id} className={`qi-cycle decision-${c.decision}`} data-cycle={c.number}>
              <article aria-labelledby={`cycle-${c.number}-title`}>
                <header className="qi-cycle-head">
                  <div>
                    <h2 id={`cycle-${c.number}-title`}>
                      Cycle {c.number}: {c.aim}
                    </h2>
                    <p className="muted">
                      {day(c.start)} – {c.end ? day(c.end) : 'ongoing'} · <span className="badge">{DECISION[c.decision] ?? c.decision}</span> ·{' '}
                      {c.commits.length === 1 ? '1 version' : `${c.commits.length} versions`}
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
                      <FileText aria-hidden="true" size={18} /> Cycle report
                    </button>
                  </div>
                </header>
                <QiRecord
                  entries={[
                    ['Change tried', c.change],
                    ['Rationale', c.rationale],
                  ]}
                />
                {c.commits.length === 0 ? (
                  <p className="muted">No version committed for this cycle yet.</p>
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
            {timeline.outside.length === 1 ? '1 version' : `${timeline.outside.length} versions`} committed outside any QI cycle
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
  return (
    <li className="qi-commit" data-version={x.version}>
      <div className="tl-head">
        <span className="badge">v{x.version}</span>
        <span className="tl-when">{when(x.createdAt)}</span>
        {x.author && <span className="muted small">by {x.author}</span>}
      </div>
      <p className="qi-why">
        <span className="qi-why-label">Why: </span>
        {x.message}
      </p>
      {x.previous === null ? (
        <p className="muted small">The first version.</p>
      ) : (
        <>
          <p className="qi-counts">{countsText(x.counts)}</p>
          <ChangeList changes={x.changes} more={x.moreChanges} />
          <button type="button" className="secondary small with-icon" onClick={() => onCompare({ from: x.previous!, to: x.version })}>
            <GitCompareArrows aria-hidden="true" size={16} /> Compare v{x.previous} with v{x.version}
          </button>
        </>
      )}
    </li>
  );
}
