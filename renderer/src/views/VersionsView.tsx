import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QiCycle, ReplacedDraft, VersionInfo, VersionText } from '../../../main/contract/api';
import { studio } from '../api';
import { monaco, protocolUri, SHARED_EDITOR_OPTIONS, type MonacoApi } from '../editor/monaco';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { describeError } from '../ui/errors';
import { when } from '../ui/time';
import './versions.css';

export function VersionsView(props: { protocolId: string; onRestored: () => void; onError: (m: string) => void }) {
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [open, setOpen] = useState<VersionText | null>(null);
  /** A restore waiting for the user to agree to replace their draft. */
  const [confirm, setConfirm] = useState<{ version: number; savedAt: string } | null>(null);
  /** Drafts a restore, rebase or import replaced: kept so they can be brought back. */
  const [replaced, setReplaced] = useState<ReplacedDraft[]>([]);
  /** QI cycles, to name a version's cycle tags by number and aim rather than by their stored ids. */
  const [cycles, setCycles] = useState<QiCycle[]>([]);
  const { t } = useTranslation();
  const cycleName = (id: string) => {
    const c = cycles.find((x) => x.id === id);
    return c ? t('qi.cycle', { number: c.number, aim: c.aim }) : id;
  };

  useEffect(() => {
    studio.history({ protocolId: props.protocolId }).then(setVersions, (e) => props.onError(describeError(e)));
    studio.replacedDrafts({ protocolId: props.protocolId }).then(setReplaced, (e) => props.onError(describeError(e)));
    studio.listQiCycles({ protocolId: props.protocolId }).then(setCycles, () => setCycles([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.protocolId]);

  /** Asks first when a draft would be replaced. */
  const askRestore = async (v: number) => {
    try {
      const draft = await studio.openDraft({ protocolId: props.protocolId });
      if (draft.savedAt) setConfirm({ version: v, savedAt: draft.savedAt });
      else await restore(v);
    } catch (e) {
      props.onError(describeError(e));
    }
  };

  const recover = async (id: number) => {
    try {
      await studio.recoverDraft({ protocolId: props.protocolId, id });
      props.onRestored();
    } catch (e) {
      props.onError(describeError(e));
    }
  };

  const restore = async (v: number) => {
    setConfirm(null);
    try {
      await studio.restoreVersion({ protocolId: props.protocolId, version: v });
      props.onRestored();
    } catch (e) {
      props.onError(describeError(e));
    }
  };

  return (
    <section className="view versions" aria-labelledby="versions-title">
      <header className="view-head">
        <div>
          <h1 id="versions-title">{t('versions.title')}</h1>
          <p className="sub">{t('versions.sub')}</p>
        </div>
      </header>
      {replaced.length > 0 && (
        <section className="replaced-drafts" aria-labelledby="replaced-title">
          <h2 id="replaced-title">{t('versions.replacedTitle')}</h2>
          <p className="muted small">{t('versions.replacedHelp')}</p>
          <ul>
            {replaced.map((d) => (
              <li key={d.id} data-replaced={d.id}>
                <span>{t('versions.replacedLine', { saved: when(d.savedAt), replaced: when(d.replacedAt), reason: t(`versions.reasons.${d.reason}`, { defaultValue: d.reason }) })}</span>
                <button type="button" className="secondary small" onClick={() => void recover(d.id)} aria-label={t('versions.bringBackLabel', { saved: when(d.savedAt) })}>
                  {t('versions.bringBack')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="split">
        <ol className="timeline" aria-label={t('versions.history')}>
          {versions.map((v) => (
            <li key={v.version} className={open?.version === v.version ? 'selected' : undefined}>
              <div className="tl-head">
                <span className="badge">v{v.version}</span>
                <span className="tl-when">{when(v.createdAt)}</span>
                {v.authorName && <span className="muted small">{t('versions.by', { author: v.authorName })}</span>}
              </div>
              <p className="tl-msg">{v.message}</p>
              {v.tags.length > 0 && <p className="muted small">{t('versions.qiTags', { tags: v.tags.map(cycleName).join(', ') })}</p>}
              <div className="row">
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => studio.getVersion({ protocolId: props.protocolId, version: v.version }).then(setOpen, (e) => props.onError(describeError(e)))}
                >
                  {t('versions.openReadOnly')}
                </button>
                <button type="button" className="secondary small" onClick={() => void askRestore(v.version)} aria-label={t('versions.restoreLabel', { version: v.version })}>
                  {t('versions.restore')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div className="reader">
          {open ? (
            <>
              <h2>
                {t('versions.version', { version: open.version })} <span className="muted">· {t('versions.readOnly')}</span>
              </h2>
              <ReadOnlyEditor protocolId={props.protocolId} text={open.text} version={open.version} />
            </>
          ) : (
            <p className="muted empty-reader">{t('versions.choose')}</p>
          )}
        </div>
      </div>
      {confirm && (
        <ConfirmDialog
          title={t('common.replaceDraftTitle')}
          confirmLabel={t('versions.replaceWith', { version: confirm.version })}
          onConfirm={() => void restore(confirm.version)}
          onCancel={() => setConfirm(null)}
        >
          <p>{t('versions.replaceBody', { saved: when(confirm.savedAt), version: confirm.version })}</p>
          <p className="muted">{t('common.draftKept')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ReadOnlyEditor(props: { protocolId: string; text: string; version: number }) {
  const host = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (!host.current) return;
    const uri = protocolUri(props.protocolId, `v${props.version}`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(props.text, 'yaml', uri);
    const ed: MonacoApi.editor.IStandaloneCodeEditor = monaco.editor.create(host.current, {
      ...SHARED_EDITOR_OPTIONS,
      model,
      readOnly: true,
      fontSize: 14,
      lineHeight: 22,
      ariaLabel: t('versions.editorLabel', { version: props.version }),
    });
    return () => {
      ed.dispose();
      model.dispose();
    };
  }, [props.protocolId, props.text, props.version, t]);
  return <div className="readonly-host" ref={host} />;
}
