import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffResult, ProtocolSummary, SemanticChange, VersionInfo, VersionRef } from '../../../main/contract/api';
import { studio } from '../api';
import { monaco, protocolUri, SHARED_EDITOR_OPTIONS } from '../editor/monaco';
import { formatNumber } from '../i18n';
import { describeError } from '../ui/errors';

const CATEGORY: SemanticChange['category'][] = ['clinical', 'cultural', 'translation', 'editorial'];

const DRAFT = 'draft';

/** `request`: versions another view asked to compare (e.g. a QI cycle's commit); compared at once. */
export function DiffView(props: { protocolId: string; summary: ProtocolSummary | null; request?: { from: number; to: number } | null; onError: (m: string) => void }) {
  const { protocolId } = props;
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>(DRAFT);
  const [result, setResult] = useState<DiffResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  useEffect(() => {
    studio.history({ protocolId }).then((h) => {
      setVersions(h);
      const asked = props.request;
      if (asked) {
        setFrom(String(asked.from));
        setTo(String(asked.to));
        void run('pair', ref(String(asked.from)), ref(String(asked.to)));
      } else if (h.length >= 2) {
        setFrom(String(h[1]!.version));
        setTo(String(h[0]!.version));
      } else if (h[0]) setFrom(String(h[0].version));
    }, (e) => props.onError(describeError(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [protocolId]);

  const ref = (v: string): VersionRef => (v === DRAFT ? { kind: 'draft', protocolId } : { kind: 'version', protocolId, version: Number(v) });

  const run = async (against: 'pair' | 'base', a = ref(from), b = ref(to)) => {
    setBusy(true);
    try {
      setResult(against === 'base' ? await studio.diffAgainstBase({ protocolId }) : await studio.diff({ from: a, to: b }));
    } catch (e) {
      props.onError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const options = (
    <>
      <option value={DRAFT}>{t('diff.currentDraft')}</option>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version} — {v.message.slice(0, 50)}
        </option>
      ))}
    </>
  );

  return (
    <section className="view diff" aria-labelledby="diff-title">
      <header className="view-head">
        <div>
          <h1 id="diff-title">{t('diff.title')}</h1>
          <p className="sub">{t('diff.sub')}</p>
        </div>
      </header>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void run('pair');
        }}
      >
        <label>
          {t('diff.from')}
          <select name="from" value={from} onChange={(e) => setFrom(e.target.value)}>
            {options}
          </select>
        </label>
        <label>
          {t('diff.to')}
          <select name="to" value={to} onChange={(e) => setTo(e.target.value)}>
            {options}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy || !from}>
          {t('diff.compare')}
        </button>
        {props.summary?.basedOn && (
          <button type="button" className="secondary" onClick={() => void run('base')} disabled={busy}>
            {t('diff.againstBase')}
          </button>
        )}
      </form>
      {result && <DiffBody result={result} protocolId={protocolId} />}
    </section>
  );
}

function DiffBody({ result, protocolId }: { result: DiffResult; protocolId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => CATEGORY.map((id) => ({ id, changes: result.changes.filter((x) => x.category === id) })), [result]);
  const { t } = useTranslation();

  useEffect(() => {
    if (!host.current) return;
    const original = monaco.editor.createModel(result.oldText, 'yaml', protocolUri(protocolId, `diff-old-${Date.now()}`));
    const modified = monaco.editor.createModel(result.newText, 'yaml', protocolUri(protocolId, `diff-new-${Date.now()}`));
    const ed = monaco.editor.createDiffEditor(host.current, {
      ...SHARED_EDITOR_OPTIONS,
      readOnly: true,
      renderSideBySide: false,
      hideUnchangedRegions: { enabled: true },
      fontSize: 13,
      originalAriaLabel: result.fromLabel,
      modifiedAriaLabel: result.toLabel,
    });
    ed.setModel({ original, modified });
    ed.getOriginalEditor().updateOptions({ ariaLabel: t('diff.beforeLabel', { label: result.fromLabel }) });
    ed.getModifiedEditor().updateOptions({ ariaLabel: t('diff.afterLabel', { label: result.toLabel }) });
    return () => {
      ed.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [result, protocolId, t]);

  return (
    <div className="diff-grid">
      {/* A scroll region: focusable and named, so keyboard users can scroll it. */}
      <div className="changes" role="region" aria-label={t('diff.byCategory')} tabIndex={0}>
        <p className="muted">
          {result.fromLabel} → {result.toLabel}: {t('diff.changes', { count: result.changes.length })}
        </p>
        {groups.map((g) => (
          <section key={g.id} className={`change-group ${g.id}`} aria-labelledby={`cg-${g.id}`}>
            <h2 id={`cg-${g.id}`}>
              {t(`diff.categories.${g.id}`)} <span className="count">{formatNumber(g.changes.length)}</span>
            </h2>
            <p className="muted small">{t(`diff.hints.${g.id}`)}</p>
            {g.changes.length === 0 ? (
              <p className="muted small">{t('diff.none')}</p>
            ) : (
              <ul>
                {g.changes.map((c, i) => (
                  <li key={i} className={c.safety ? `change safety-${c.safety}` : 'change'} data-path={c.path} data-safety={c.safety}>
                    <span className={`kind ${c.kind}`}>{t(`diff.kinds.${c.kind}`)}</span> <span className="summary">{c.summary}</span>
                    {c.note && <span className={`note ${c.note}`}>{t(`diff.notes.${c.note}`, { defaultValue: c.note })}</span>}
                    <div className="muted small mono">{c.path}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      <div className="diff-host" ref={host} aria-label={t('diff.textChanges')} />
    </div>
  );
}
