/**
 * Quality improvement: the protocol's QI cycles as a timeline, each cycle's commits, changes and rationale;
 * one step to its report or a diff. The QI lead starts, closes, corrects and deletes cycles here: each
 * action edits the draft, which the next commit carries.
 */
import { FileText, GitCompareArrows, Plus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QiCycleReportView, QiTimeline, QiTimelineCommit, QiTimelineCycle } from '../../../main/contract/api';
import { studio } from '../api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { describeError } from '../ui/errors';
import { day, when } from '../ui/time';
import { ChangeList, countsText, QiRecord } from './qi/changes';
import { EditCycleDialog, NewCycleDialog, type CycleEdit } from './qi/CycleDialogs';
import { QiReport } from './qi/QiReport';
import './qi/qi.css';

export interface DiffRequest {
  from: number;
  to: number;
}

/** An open cycle dialog: a new cycle, closing or editing one, or confirming a deletion. */
type CycleDialog = { kind: 'new' } | { kind: 'close' | 'edit' | 'delete'; cycle: QiTimelineCycle };

export function QiView(props: {
  protocolId: string;
  onCompare: (d: DiffRequest) => void;
  onError: (m: string) => void;
  /** Saves the editor's pending edits, so a cycle edit starts from the draft as typed. */
  beforeDraftEdit: () => Promise<void>;
  /** The draft after a cycle edit, for the editor to take. */
  onDraftEdited: (text: string) => void;
  /** Opens the commit dialog. */
  onCommit: () => void;
}) {
  const [timeline, setTimeline] = useState<QiTimeline | null>(null);
  const [report, setReport] = useState<QiCycleReportView | null>(null);
  const [dialog, setDialog] = useState<CycleDialog | null>(null);
  /** What the last cycle action did to the draft, said plainly. */
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  /** The button that opened the report gets focus back when the report closes. */
  const opener = useRef<HTMLElement | null>(null);
  const { t } = useTranslation();

  const load = () => studio.qiTimeline({ protocolId: props.protocolId }).then(setTimeline, (e) => props.onError(describeError(e)));

  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.protocolId]);

  /** Runs one cycle edit on the draft, then shows its result: the editor takes the draft, the timeline reloads. */
  const editDraft = async (action: () => Promise<string>) => {
    await props.beforeDraftEdit();
    const said = await action();
    props.onDraftEdited((await studio.openDraft({ protocolId: props.protocolId })).text);
    await load();
    setNotice(said);
  };

  const numberOf = (c: { number: number | null; id: string }) => c.number ?? c.id;

  const create = (c: { aim: string; start: string; end?: string }) =>
    editDraft(async () => {
      const made = await studio.createQiCycle({ protocolId: props.protocolId, ...c });
      setDialog(null);
      return t('qi.created', { number: numberOf(made) });
    });

  const change = async (cycle: QiTimelineCycle, e: CycleEdit) => {
    await editDraft(async () => {
      await studio.updateQiCycle({ protocolId: props.protocolId, cycleId: cycle.id, ...e });
      setDialog(null);
      return t('qi.changed', { number: numberOf(cycle) });
    });
    // A closed cycle has no Close button any more: its Edit button takes focus instead.
    if (e.end && !cycle.end) setTimeout(() => document.getElementById(`edit-${cycle.id}`)?.focus());
  };

  const remove = async (cycle: QiTimelineCycle) => {
    setDialog(null);
    try {
      await editDraft(async () => {
        await studio.deleteQiCycle({ protocolId: props.protocolId, cycleId: cycle.id });
        return t('qi.deleted', { number: numberOf(cycle), aim: cycle.aim });
      });
      // The Delete button that opened the dialog is gone: the notice takes focus instead.
      setTimeout(() => noticeRef.current?.focus());
    } catch (e) {
      props.onError(describeError(e));
    }
  };

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
        <div className="head-actions">
          <button type="button" id="qi-new-cycle" className="primary with-icon" onClick={() => setDialog({ kind: 'new' })}>
            <Plus aria-hidden="true" size={18} /> {t('qi.newCycle')}
          </button>
        </div>
      </header>
      {notice && (
        <div className="banner qi-notice" role="status" ref={noticeRef} tabIndex={-1}>
          <span>
            {notice} {t('qi.inDraft')}
          </span>{' '}
          <button type="button" className="link" onClick={props.onCommit}>
            {t('qi.commitNow')}
          </button>
        </div>
      )}
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
            <li key={c.id} className={`qi-cycle decision-${c.decision}${c.draftOnly ? ' draft-only' : ''}`} data-cycle={c.number ?? c.id}>
              <article aria-labelledby={`cycle-${c.id}-title`}>
                <header className="qi-cycle-head">
                  <div>
                    <h2 id={`cycle-${c.id}-title`}>
                      {t('qi.cycle', { number: c.number ?? c.id, aim: c.aim })}
                    </h2>
                    <p className="muted">
                      {[c.start ? day(c.start) : null, c.end ? day(c.end) : t('qi.ongoing')].filter(Boolean).join(' – ')} · <span className="badge">{t(`qi.decisions.${c.decision}`, { defaultValue: c.decision })}</span> ·{' '}
                      {t('qi.versions', { count: c.commits.length })}
                      {c.draftOnly && <> · <span className="badge">{t('qi.draftOnly')}</span></>}
                    </p>
                  </div>
                  <div className="head-actions">
                    {!c.end && (
                      <button type="button" id={`close-${c.id}`} className="secondary" aria-describedby={`cycle-${c.id}-title`} onClick={() => setDialog({ kind: 'close', cycle: c })}>
                        {t('qi.close')}
                      </button>
                    )}
                    <button type="button" id={`edit-${c.id}`} className="secondary" aria-describedby={`cycle-${c.id}-title`} onClick={() => setDialog({ kind: 'edit', cycle: c })}>
                      {t('qi.edit')}
                    </button>
                    {!c.used && (
                      <button type="button" id={`delete-${c.id}`} className="secondary danger" aria-describedby={`cycle-${c.id}-title`} onClick={() => setDialog({ kind: 'delete', cycle: c })}>
                        {t('qi.delete')}
                      </button>
                    )}
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
                    [t('qi.findings'), c.findings],
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
      {dialog?.kind === 'new' && <NewCycleDialog onSubmit={create} onClose={() => setDialog(null)} />}
      {(dialog?.kind === 'close' || dialog?.kind === 'edit') && (
        <EditCycleDialog cycle={dialog.cycle} closing={dialog.kind === 'close'} onSubmit={(e) => change(dialog.cycle, e)} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog title={t('qi.deleteTitle', { number: numberOf(dialog.cycle) })} confirmLabel={t('qi.deleteConfirm')} onConfirm={() => void remove(dialog.cycle)} onCancel={() => setDialog(null)}>
          <p>{t('qi.deleteBody', { aim: dialog.cycle.aim })}</p>
        </ConfirmDialog>
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
        {x.author && <span className="muted small">{t('versions.by', { author: x.authorName ?? x.author })}</span>}
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
