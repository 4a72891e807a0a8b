import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExportProgress, ProtocolSummary, SyncAudience, SyncFetchView, SyncPublishView, SyncStatusView } from '../../../main/contract/api';
import { studio } from '../api';
import { describeError } from '../ui/errors';
import './SyncView.css';

const AUDIENCES: { id: SyncAudience; label: string; about: string }[] = [
  { id: 'partner', label: 'Partner network', about: 'Other programmes adapting the model: staff material, only what the keepers let travel.' },
  { id: 'program_team', label: 'Program team', about: "The programme's own staff." },
  { id: 'community', label: "The community's own", about: 'Community-only content of that community may go here.' },
  { id: 'public', label: 'Public', about: 'Anyone: only open content; everything else as placeholders.' },
];

const audienceLabel = (a: SyncAudience): string => AUDIENCES.find((x) => x.id === a)?.label ?? a;

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
          <h1 id="sync-title">Sync</h1>
          <p className="sub">
            Share protocols with other sites through git repositories your programme controls. Each remote has an audience: only what its readers may
            see is written there.
          </p>
        </div>
      </header>

      {status && status.basesMovedOn.length > 0 && (
        <div className="banner warn" role="status" data-testid="sync-bases-moved">
          {status.basesMovedOn.map((b) => (
            <p key={b.protocolId}>
              {b.title}: its base {b.baseProtocolId} has version {b.newestSeq}
              {b.newestLabel ? ` (${b.newestLabel})` : ''}; it is on version {b.onSeq}. Open it and use Adapt to rebase.
            </p>
          ))}
        </div>
      )}

      <h2>Remotes</h2>
      {remotes.length === 0 ? (
        <p className="muted">No remotes yet. Add the repository of the model you follow, or one to publish to.</p>
      ) : (
        <table className="table sync-remotes" data-testid="sync-remotes">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Repository</th>
              <th scope="col">Audience</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
                <td>{r.lastSeenTip ? r.lastSeenTip.slice(0, 7) : 'not yet'}</td>
                <td>
                  <button type="button" onClick={() => void fetchFrom(r.name)} disabled={busy}>
                    Fetch
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className="sync-add" onSubmit={(e) => void addRemote(e)} aria-labelledby="sync-add-title">
        <h3 id="sync-add-title">Add a remote</h3>
        <label>
          Name
          <input name="remote-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required placeholder="models" />
        </label>
        <label>
          Repository (folder or https URL)
          <input name="remote-url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} required placeholder="/mnt/share/models.git" />
        </label>
        <label>
          Audience
          <select name="remote-audience" value={form.audience} onChange={(e) => setForm({ ...form, audience: e.target.value as SyncAudience })}>
            {AUDIENCES.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        {form.audience === 'community' && (
          <label>
            Community or Nation
            <input name="remote-community" value={form.community} onChange={(e) => setForm({ ...form, community: e.target.value })} required />
          </label>
        )}
        <label>
          Branch
          <input name="remote-branch" value={form.branch} onChange={(e) => setForm({ ...form, branch: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" name="remote-create" checked={form.create} onChange={(e) => setForm({ ...form, create: e.target.checked })} />
          Create an empty repository in that folder
        </label>
        <p className="muted">{AUDIENCES.find((a) => a.id === form.audience)?.about}</p>
        <button type="submit">Add remote</button>
      </form>

      <h2>Publish</h2>
      <div className="toolbar">
        <label>
          Protocol
          <select name="publish-protocol" value={publishWhat.protocolId} onChange={(e) => setPublishWhat({ ...publishWhat, protocolId: e.target.value })}>
            {props.protocols.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          To
          <select name="publish-remote" value={publishWhat.remote} onChange={(e) => setPublishWhat({ ...publishWhat, remote: e.target.value })}>
            {remotes.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name} ({audienceLabel(r.audience)})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void publish()} disabled={busy || !publishWhat.protocolId || !publishWhat.remote}>
          Publish
        </button>
      </div>
      {status && status.published.length > 0 && (
        <ul className="sync-published">
          {status.published.map((p) => (
            <li key={`${p.protocolId}@${p.remote}`}>
              {p.protocolId} on {p.remote}: version {p.publishedSeq} of {p.headSeq}
              {p.unpublished > 0 ? ` — ${p.unpublished} newer not published` : ' — up to date'}
            </li>
          ))}
        </ul>
      )}

      {progress && (
        <div className="export-progress" aria-live="polite">
          <progress max={1} value={progress.fraction} aria-label="Sync progress" />
          <span>{progress.error ? `Failed: ${progress.error}` : progress.phase}</span>
        </div>
      )}

      {published && (
        <div className="banner ok" role="status" data-testid="sync-published">
          <p>
            {published.published === 0
              ? `${published.remote} already has all ${published.total} versions of ${published.protocolId}.`
              : `Published ${published.published} version(s) of ${published.protocolId} to ${published.remote}${published.attempts > 1 ? ', on top of what another site published meanwhile' : ''}.`}
          </p>
          {published.withheld.map((w) => (
            <p key={w.key}>
              Written as a placeholder: {w.title} — {w.reason}; ask {w.askWhom}.
            </p>
          ))}
        </div>
      )}

      {fetched && (
        <div className="sync-fetched" data-testid="sync-fetched" aria-live="polite">
          <h2>Fetched from {fetched.remote}</h2>
          {fetched.protocols.length === 0 && <p className="muted">The remote holds no protocols yet.</p>}
          {fetched.protocols.map((p) => (
            <article key={p.protocolId}>
              <h3>
                {p.title} <span className="muted">({p.protocolId})</span>
              </h3>
              {p.skipped ? (
                <p className="banner warn">Left alone: {p.skipped}</p>
              ) : p.newVersions.length === 0 ? (
                <p className="muted">Up to date.</p>
              ) : (
                <ol>
                  {p.newVersions.map((v) => (
                    <li key={v.localVersionId}>
                      Version {v.localSeq}
                      {v.label ? ` (${v.label})` : ''} by {v.author}: {v.message.split('\n')[0]}
                      {v.changes.length > 0 && (
                        <ul>
                          {v.changes.slice(0, 30).map((c, i) => (
                            <li key={i}>
                              <span className={`tag ${c.category}`}>{c.category}</span> {c.summary}
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
                      Sign-off ({s.kind}) of {s.sectionKey} by {s.reviewer}: {s.state === 'holds' ? 'holds' : 'lapsed — the section changed since it was signed'}
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
