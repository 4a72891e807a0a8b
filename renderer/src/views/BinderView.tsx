import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BinderExport, BinderProfile, ExportProgress } from '../../../main/contract/api';
import { studio } from '../api';
import { languages, parse } from '../doc/outline';
import { formatNumber } from '../i18n';
import { describeError } from '../ui/errors';
import { progressText } from '../ui/progress';
import { TitleSelect } from '../ui/TitleSelect';

export function BinderView(props: { protocolId: string; onError: (m: string) => void }) {
  const [profiles, setProfiles] = useState<BinderProfile[]>([]);
  const [profile, setProfile] = useState('');
  const [langs, setLangs] = useState<string[]>(['en']);
  const [language, setLanguage] = useState('en');
  const [html, setHtml] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [result, setResult] = useState<BinderExport | null>(null);
  const { t } = useTranslation();
  const jobId = useMemo(() => `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, []);

  useEffect(() => {
    studio.binderProfiles().then((p) => {
      setProfiles(p);
      setProfile(p[0]?.id ?? '');
    }, (e) => props.onError(describeError(e)));
    studio.openDraft({ protocolId: props.protocolId }).then((d) => {
      const l = languages(parse(d.text));
      setLangs(l);
      setLanguage(l[0] ?? 'en');
    }, () => undefined);
    return studio.onExportProgress((p) => {
      if (p.jobId === jobId) setProgress(p);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.protocolId]);

  useEffect(() => {
    if (!profile) return;
    setHtml(null);
    // A slower answer for an earlier choice must not replace the preview of the current one.
    let current = true;
    studio.binderPreview({ protocolId: props.protocolId, profile, language }).then(
      (r) => current && setHtml(r.html),
      (e) => current && props.onError(describeError(e)),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profile, language, props.protocolId]);

  const exportPdf = async () => {
    setResult(null);
    setProgress({ jobId, phase: 'Starting', fraction: 0, done: false });
    try {
      setResult(await studio.exportBinder({ protocolId: props.protocolId, profile, language, jobId }));
    } catch (e) {
      setProgress(null);
      // Closing Electron's save dialog is a choice, not an error.
      if ((e as Error).name !== 'CancelledError') props.onError(describeError(e));
    }
  };

  const chosen = profiles.find((p) => p.id === profile);
  /** Profiles come from main in English; the bundled ones are named here in the studio's language. */
  const named = profiles.map((p) => ({ id: p.id, title: t(`binder.profiles.${p.id}.title`, { defaultValue: p.title }) }));
  const exporting = progress !== null && !progress.done && !result;

  return (
    <section className="view binder" aria-labelledby="binder-title">
      <header className="view-head">
        <div>
          <h1 id="binder-title">{t('binder.title')}</h1>
          <p className="sub">{t('binder.sub')}</p>
        </div>
      </header>
      <div className="toolbar">
        <label>
          {t('binder.profile')}
          <TitleSelect name="profile" value={profile} options={named} onChange={setProfile} />
        </label>
        <label>
          {t('common.language')}
          <select name="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
            {langs.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void exportPdf()} disabled={!profile || exporting}>
          {exporting ? t('binder.exporting') : t('binder.export')}
        </button>
      </div>
      {chosen && <p className="muted">{t(`binder.profiles.${chosen.id}.description`, { defaultValue: chosen.description })}</p>}
      {progress && (
        <div className="export-progress" aria-live="polite">
          <progress max={1} value={progress.fraction} aria-label={t('binder.progress')} />
          <span>{progressText(progress)}</span>
        </div>
      )}
      {result && (
        <p className="banner ok" role="status" data-testid="export-result">
          {result.pages ? t('binder.savedPages', { count: result.pages, pages: formatNumber(result.pages) }) : t('binder.saved')} <span className="mono">{result.path}</span>
        </p>
      )}
      <div className="binder-preview">
        {html ? (
          <iframe title={t('binder.preview')} sandbox="" srcDoc={html} />
        ) : (
          <p className="muted">{t('binder.preparing')}</p>
        )}
      </div>
    </section>
  );
}
