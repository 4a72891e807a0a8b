import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportProgress, ProtocolSummary, SyncAudience, SyncFetchView, SyncPublishView, SyncStatusView } from '../../../main/contract/api';
import { studio } from '../api';
import { i18next } from '../i18n';
import { describeError } from '../ui/errors';
import { progressText } from '../ui/progress';
import './SyncView.css';

const AUDIENCES: SyncAudience[] = ['partner', 'program_team', 'community', 'public'];

const audienceLabel = (a: SyncAudience): string => i18next.t(`sync.audiences.${a}.label`, { defaultValue: a });

/** Remotes, publish and fetch: sharing protocols with other sites through git repositories. */
export function SyncView(props: { protocols: ProtocolSummary[]; onChanged: () => void; onError: (m: string) => void }) {
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [published, setPublished] = useState<SyncPublishView | null>(null);
  const [fetched, setFetched] = useState<SyncFetchView | null>(null);
  const [form, setForm] = useState({ name: '', url: '', audience: 'partner' as SyncAudience, branch: 'main', community: '', create: false });
  const [publishWhat, setPublishWhat] = useState({ protocolId: '', remote: '' });
  const jobId = useMemo(() => `sync-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, []);
  const busy = progress !== null && !progress.done;
  const { t } = useTranslation();

  const load = useCallback(async () => {
    try {
      const s = await studio.syncStatus();
      setStatus(s);
      setPublishWhat((w) => ({ protocolId: w.protocolId || props.protocols[0]?.id || '', remote: w.remote || s.remotes[0]?.name || '' }));
    } catch (e) {
      props.onError(describeError(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.protocols]);

  useEffect(() => {
    void load();
    return studio.onExportProgress((p) => {
      if (p.jobId === jobId) setProgress(p);
    });
  }, [load, jobId]);

  const run = async (what: () => Promise<void>) => {
    setProgress({ jobId, phase: 'Starting', fraction: 0, done: false });
    try {
      await what();
    } catch (e) {
      props.onError(describeError(e));
    } finally {
      setProgress((p) => (p && !p.done ? { ...p, done: true } : p));
      await load();
      props.onChanged();
    }
  };

  const addRemote = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      setStatus(
        await studio.syncAddRemote({
          name: form.name.trim(),
          url: form.url.trim(),
          audience: form.audience,
          ...(form.branch.trim() && form.branch.trim() !== 'main' ? { branch: form.branch.trim() } : {}),
          ...(form.audience === 'community' ? { community: form.community.trim() } : {}),
          ...(form.create ? { create: true } : {}),
        }),
      );
      setForm({ ...form, name: '', url: '', community: '', create: false });
    } catch (err) {
      props.onError(describeError(err));
    }
  };

  const publish = () =>
    run(async () => {
      setPublished(null);
      setPublished(await studio.syncPublish({ ...publishWhat, jobId }));
    });

  const fetchFrom = (remote: string) =>
    run(async () => {
      setFetched(null);
      setFetched(await studio.syncFetch({ remote, jobId }));
    });

  const remotes = status?.remotes ?? [];
  return (
    <section className="view sync" aria-labelledby="sync-title">
      <header className="view-head">
        <div>
          <h1 id="sync-title">{t('sync.title')}</h1>
          <p className="sub">{t('sync.sub')}</p>
        </div>
      </header>

      {status && status.basesMovedOn.length > 0 && (
        <div className="banner warn" role="status" data-testid="sync-bases-moved">
          {status.basesMovedOn.map((b) => (
            <p key={b.protocolId}>
              {t('sync.baseMoved', { title: b.title, base: b.baseProtocolId, newest: b.newestLabel ? `${b.newestSeq} (${b.newestLabel})` : b.newestSeq, on: b.onSeq })}
            </p>
          ))}
        </div>
      )}

      <h2>{t('sync.remotes')}</h2>
      {remotes.length === 0 ? (
        <p className="muted">{t('sync.noRemotes')}</p>
      ) : (
        <table className="table sync-remotes" data-testid="sync-remotes">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('sync.repository')}</th>
              <th scope="col">{t('sync.audience')}</th>
              <th scope="col">{t('sync.lastSeen')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('sync.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {remotes.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td className="mono" title={r.url}>
                  {r.url} ({r.branch})
                </td>
                <td>
                  {audienceLabel(r.audience)}
                  {r.community ? `: ${r.community}` : ''}
                </td>
                <td>{r.lastSeenTip ? r.lastSeenTip.slice(0, 7) : t('sync.notYet')}</td>
                <td>
                  <button type="button" onClick={() => void fetchFrom(r.name)} disabled={busy}>
                    {t('sync.fetch')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className="sync-add" onSubmit={(e) => void addRemote(e)} aria-labelledby="sync-add-title">
        <h3 id="sync-add-title">{t('sync.addTitle')}</h3>
        <label>
          {t('common.name')}
          <input name="remote-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required placeholder="models" />
        </label>
        <label>
          {t('sync.repositoryField')}
          <input name="remote-url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} required placeholder="/mnt/share/models.git" />
        </label>
        <label>
          {t('sync.audience')}
          <select name="remote-audience" value={form.audience} onChange={(e) => setForm({ ...form, audience: e.target.value as SyncAudience })}>
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {audienceLabel(a)}
              </option>
            ))}
          </select>
        </label>
        {form.audience === 'community' && (
          <label>
            {t('sync.community')}
            <input name="remote-community" value={form.community} onChange={(e) => setForm({ ...form, community: e.target.value })} required />
          </label>
        )}
        <label>
          {t('sync.branch')}
          <input name="remote-branch" value={form.branch} onChange={(e) => setForm({ ...form, branch: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" name="remote-create" checked={form.create} onChange={(e) => setForm({ ...form, create: e.target.checked })} />
          {t('sync.create')}
        </label>
        <p className="muted">{t(`sync.audiences.${form.audience}.about`)}</p>
        <button type="submit">{t('sync.add')}</button>
      </form>

      <h2>{t('sync.publishTitle')}</h2>
      <div className="toolbar">
        <label>
          {t('library.protocol')}
          <select name="publish-protocol" value={publishWhat.protocolId} onChange={(e) => setPublishWhat({ ...publishWhat, protocolId: e.target.value })}>
            {props.protocols.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sync.publishTo')}
          <select name="publish-remote" value={publishWhat.remote} onChange={(e) => setPublishWhat({ ...publishWhat, remote: e.target.value })}>
            {remotes.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name} ({audienceLabel(r.audience)})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void publish()} disabled={busy || !publishWhat.protocolId || !publishWhat.remote}>
          {t('sync.publish')}
        </button>
      </div>
      {status && status.published.length > 0 && (
        <ul className="sync-published">
          {status.published.map((p) => (
            <li key={`${p.protocolId}@${p.remote}`}>
              {t('sync.publishedLine', { protocol: p.protocolId, remote: p.remote, published: p.publishedSeq, head: p.headSeq })} —{' '}
              {p.unpublished > 0 ? t('sync.unpublished', { count: p.unpublished }) : t('sync.publishedUpToDate')}
            </li>
          ))}
        </ul>
      )}

      {progress && (
        <div className="export-progress" aria-live="polite">
          <progress max={1} value={progress.fraction} aria-label={t('sync.progress')} />
          <span>{progressText(progress)}</span>
        </div>
      )}

      {published && (
        <div className="banner ok" role="status" data-testid="sync-published">
          <p>
            {published.published === 0
              ? t('sync.alreadyAll', { count: published.total, remote: published.remote, protocol: published.protocolId })
              : t(published.attempts > 1 ? 'sync.publishedOnTop' : 'sync.published', { count: published.published, remote: published.remote, protocol: published.protocolId })}
          </p>
          {published.withheld.map((w) => (
            <p key={w.key}>
              {t('sync.withheld', { title: w.title, reason: w.reason, who: w.askWhom })}
            </p>
          ))}
        </div>
      )}

      {fetched && (
        <div className="sync-fetched" data-testid="sync-fetched" aria-live="polite">
          <h2>{t('sync.fetchedFrom', { remote: fetched.remote })}</h2>
          {fetched.protocols.length === 0 && <p className="muted">{t('sync.remoteEmpty')}</p>}
          {fetched.protocols.map((p) => (
            <article key={p.protocolId}>
              <h3>
                {p.title} <span className="muted">({p.protocolId})</span>
              </h3>
              {p.skipped ? (
                <p className="banner warn">{t('sync.skipped', { reason: p.skipped })}</p>
              ) : p.newVersions.length === 0 ? (
                <p className="muted">{t('sync.upToDate')}</p>
              ) : (
                <ol>
                  {p.newVersions.map((v) => (
                    <li key={v.localVersionId}>
                      {t('sync.fetchedVersion', { version: v.label ? `${v.localSeq} (${v.label})` : v.localSeq, author: v.author, message: v.message.split('\n')[0] })}
                      {v.changes.length > 0 && (
                        <ul>
                          {v.changes.slice(0, 30).map((c, i) => (
                            <li key={i}>
                              <span className={`tag ${c.category}`}>{t(`diff.categories.${c.category}`)}</span> <span className="summary">{c.summary}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ol>
              )}
              {p.signoffs.length > 0 && (
                <ul className="sync-signoffs">
                  {p.signoffs.map((s, i) => (
                    <li key={i} className={s.state}>
                      {t('sync.signoff', { track: t(`sync.tracks.${s.kind}`, { defaultValue: s.kind }), section: s.sectionKey, reviewer: s.reviewer })}{' '}
                      {s.state === 'holds' ? t('sync.holds') : t('sync.lapsed')}
                    </li>
                  ))}
                </ul>
              )}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
