import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ConflictChoice, ProtocolSummary, RebasePreview, VersionInfo } from '../../../main/contract/api';
import { studio } from '../api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { describeError } from '../ui/errors';
import { when } from '../ui/time';

type Choice = { take: 'site' | 'base' | 'edited'; text: string };

export function AdaptView(props: {
  protocolId: string;
  summary: ProtocolSummary | null;
  protocols: ProtocolSummary[];
  onRebased: () => void;
  onCreated: (id: string) => void;
  onError: (m: string) => void;
}) {
  const basedOn = props.summary?.basedOn ?? null;
  const [baseVersions, setBaseVersions] = useState<VersionInfo[]>([]);
  const [target, setTarget] = useState<number | null>(null);
  const [preview, setPreview] = useState<RebasePreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  /** Set while the user is asked whether the rebase may replace their saved draft. */
  const [confirmDraft, setConfirmDraft] = useState<string | null>(null);
  const { t } = useTranslation();

  useEffect(() => {
    if (!basedOn) return;
    studio.history({ protocolId: basedOn.protocol }).then((h) => {
      setBaseVersions(h);
      setTarget(h[0]?.version ?? null);
    }, (e) => props.onError(describeError(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [basedOn?.protocol]);

  if (!basedOn) {
    return (
      <section className="view adapt" aria-labelledby="adapt-title">
        <header className="view-head">
          <div>
            <h1 id="adapt-title">{t('adapt.title')}</h1>
            <p className="sub">{t('adapt.isBase', { action: t('library.adapt') })}</p>
          </div>
        </header>
      </section>
    );
  }

  const load = async () => {
    if (target === null) return;
    setBusy(true);
    try {
      const p = await studio.rebasePreview({ protocolId: props.protocolId, newBaseVersion: target });
      setPreview(p);
      setChoices(Object.fromEntries(p.conflicts.map((c) => [c.id, { take: 'site', text: c.site ?? '' } satisfies Choice])));
    } catch (e) {
      props.onError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  /** Asks first when the rebase would replace a saved draft. */
  const askApply = async () => {
    try {
      const draft = await studio.openDraft({ protocolId: props.protocolId });
      if (draft.savedAt) setConfirmDraft(draft.savedAt);
      else await apply();
    } catch (e) {
      props.onError(describeError(e));
    }
  };

  const apply = async () => {
    setConfirmDraft(null);
    if (!preview || target === null) return;
    setBusy(true);
    try {
      const list: ConflictChoice[] = Object.entries(choices).map(([id, c]) => (c.take === 'edited' ? { id, take: 'edited', text: c.text } : { id, take: c.take }));
      await studio.rebaseResolve({ protocolId: props.protocolId, newBaseVersion: target, choices: list });
      props.onRebased();
    } catch (e) {
      props.onError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="view adapt" aria-labelledby="adapt-title">
      <header className="view-head">
        <div>
          <h1 id="adapt-title">{t('adapt.rebaseTitle')}</h1>
          <p className="sub">
            <Trans t={t} i18nKey="adapt.basedOn" values={{ protocol: basedOn.protocol, version: basedOn.version }} components={{ strong: <strong /> }} />
          </p>
        </div>
      </header>
      <div className="toolbar">
        <label>
          {t('adapt.newerBase')}
          <select name="baseVersion" value={target ?? ''} onChange={(e) => setTarget(Number(e.target.value))}>
            {baseVersions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} — {v.message.slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void load()} disabled={busy || target === null}>
          {t('adapt.preview')}
        </button>
      </div>
      {!preview && baseVersions.length > 0 && Number(basedOn.version) >= (baseVersions[0]?.version ?? 0) && (
        <div className="empty">
          <h2>{t('adapt.upToDate')}</h2>
          <p className="muted">{t('adapt.upToDateHelp', { protocol: basedOn.protocol, version: basedOn.version })}</p>
        </div>
      )}
      {preview && (
        <div className="rebase">
          {preview.warnings.map((w, i) => (
            <p key={i} className="banner warn">
              {w}
            </p>
          ))}
          <h2>{t('adapt.applied', { count: preview.applied.length })}</h2>
          {preview.applied.length === 0 ? <p className="muted">{t('adapt.noApplied')}</p> : (
            <ul className="applied">
              {preview.applied.map((a, i) => (
                <li key={i} className="summary">
                  {a}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('adapt.conflicts', { count: preview.conflicts.length })}</h2>
          {preview.conflicts.length === 0 ? (
            <p className="muted">{t('adapt.noConflicts')}</p>
          ) : (
            <p className="muted">{t('adapt.conflictsHelp')}</p>
          )}
          {preview.conflicts.map((c) => {
            const choice = choices[c.id] ?? { take: 'site', text: c.site ?? '' };
            const set = (next: Partial<Choice>) => setChoices((all) => ({ ...all, [c.id]: { ...choice, ...next } }));
            return (
              <fieldset key={c.id} className="conflict" data-conflict={c.id}>
                <legend>
                  {c.label} <span className="muted small mono">{c.id}</span>
                </legend>
                <p className="reason">{t(`adapt.reasons.${c.reason}`, { defaultValue: c.reason.replace(/-/g, ' ') })}</p>
                {c.oldBase !== null && (
                  <p className="muted small">
                    {t('adapt.oldBase')} <code>{c.oldBase}</code>
                  </p>
                )}
                <div className="sides">
                  <label className={choice.take === 'site' ? 'side-card chosen' : 'side-card'}>
                    <span className="side-head">
                      <input type="radio" name={`c-${c.id}`} checked={choice.take === 'site'} onChange={() => set({ take: 'site' })} />
                      <span className="side-title">{t('adapt.keepSite')}</span>
                    </span>
                    <pre>{c.site ?? t('common.removed')}</pre>
                  </label>
                  <label className={choice.take === 'base' ? 'side-card chosen' : 'side-card'}>
                    <span className="side-head">
                      <input type="radio" name={`c-${c.id}`} checked={choice.take === 'base'} onChange={() => set({ take: 'base' })} />
                      <span className="side-title">{t('adapt.takeBase')}</span>
                    </span>
                    <pre>{c.base ?? t('common.removed')}</pre>
                  </label>
                  <label className={choice.take === 'edited' ? 'side-card chosen' : 'side-card'}>
                    <span className="side-head">
                      <input type="radio" name={`c-${c.id}`} checked={choice.take === 'edited'} onChange={() => set({ take: 'edited' })} />
                      <span className="side-title">{t('adapt.writeOwn')}</span>
                    </span>
                    <textarea aria-label={t('adapt.editedLabel', { label: c.label })} value={choice.text} rows={3} onChange={(e) => set({ take: 'edited', text: e.target.value })} />
                  </label>
                </div>
              </fieldset>
            );
          })}
          <div className="row">
            <button type="button" className="primary" onClick={() => void askApply()} disabled={busy}>
              {t('adapt.apply')}
            </button>
            <span className="muted small">{t('adapt.applyHelp')}</span>
          </div>
        </div>
      )}
      {confirmDraft && (
        <ConfirmDialog title={t('common.replaceDraftTitle')} confirmLabel={t('adapt.confirmApply')} onConfirm={() => void apply()} onCancel={() => setConfirmDraft(null)}>
          <p>{t('adapt.replaceBody', { saved: when(confirmDraft) })}</p>
          <p className="muted">{t('common.draftKept')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
