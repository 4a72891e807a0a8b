import { useEffect, useState } from 'react';
import type { ConflictChoice, ProtocolSummary, RebasePreview, VersionInfo } from '../../../main/contract/api';
import { studio } from '../api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { describeError } from '../ui/errors';
import { when } from '../ui/time';

type Choice = { take: 'site' | 'base' | 'edited'; text: string };

const REASON: Record<string, string> = {
  'both-changed': 'The base and this site both changed this value since the site was adapted.',
  'both-added': 'The base and this site both added this, differently.',
  'site-removed': 'This site removed it; the base has since changed it.',
  'base-removed': 'The base removed it; this site has changed it.',
};

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
            <h1 id="adapt-title">Adapt</h1>
            <p className="sub">This protocol is a base. To run it at a new site, create an adaptation from the Library (“Adapt for a site…”).</p>
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
          <h1 id="adapt-title">Adapt onto a newer base</h1>
          <p className="sub">
            Based on <strong>{basedOn.protocol}</strong> version {basedOn.version}. Bring in the base's later changes and keep this site's own.
          </p>
        </div>
      </header>
      <div className="toolbar">
        <label>
          Newer base version
          <select name="baseVersion" value={target ?? ''} onChange={(e) => setTarget(Number(e.target.value))}>
            {baseVersions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} — {v.message.slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void load()} disabled={busy || target === null}>
          Preview rebase
        </button>
      </div>
      {!preview && baseVersions.length > 0 && Number(basedOn.version) >= (baseVersions[0]?.version ?? 0) && (
        <div className="empty">
          <h2>Up to date with its base</h2>
          <p className="muted">
            {basedOn.protocol} has no version newer than v{basedOn.version}. When the base is updated, come back here to bring its changes into this site's protocol.
          </p>
        </div>
      )}
      {preview && (
        <div className="rebase">
          {preview.warnings.map((w, i) => (
            <p key={i} className="banner warn">
              {w}
            </p>
          ))}
          <h2>Base changes brought in ({preview.applied.length})</h2>
          {preview.applied.length === 0 ? <p className="muted">No other base changes: only the conflicts below differ.</p> : (
            <ul className="applied">
              {preview.applied.map((a, i) => (
                <li key={i}>{a}</li>
              ))}
            </ul>
          )}
          <h2>Conflicts to resolve ({preview.conflicts.length})</h2>
          {preview.conflicts.length === 0 ? (
            <p className="muted">No conflicts: the site's changes and the base's do not overlap.</p>
          ) : (
            <p className="muted">For each value, keep this site's, take the new base's, or write your own (YAML, e.g. a number or a sentence).</p>
          )}
          {preview.conflicts.map((c) => {
            const choice = choices[c.id] ?? { take: 'site', text: c.site ?? '' };
            const set = (next: Partial<Choice>) => setChoices((all) => ({ ...all, [c.id]: { ...choice, ...next } }));
            return (
              <fieldset key={c.id} className="conflict" data-conflict={c.id}>
                <legend>
                  {c.label} <span className="muted small mono">{c.id}</span>
                </legend>
                <p className="reason">{REASON[c.reason] ?? c.reason.replace(/-/g, ' ')}</p>
                {c.oldBase !== null && <p className="muted small">When this site was adapted it read: <code>{c.oldBase}</code></p>}
                <div className="sides">
                  <label className={choice.take === 'site' ? 'side-card chosen' : 'side-card'}>
                    <span className="side-head">
                      <input type="radio" name={`c-${c.id}`} checked={choice.take === 'site'} onChange={() => set({ take: 'site' })} />
                      <span className="side-title">Keep this site's</span>
                    </span>
                    <pre>{c.site ?? '(removed)'}</pre>
                  </label>
                  <label className={choice.take === 'base' ? 'side-card chosen' : 'side-card'}>
                    <span className="side-head">
                      <input type="radio" name={`c-${c.id}`} checked={choice.take === 'base'} onChange={() => set({ take: 'base' })} />
                      <span className="side-title">Take the new base</span>
                    </span>
                    <pre>{c.base ?? '(removed)'}</pre>
                  </label>
                  <label className={choice.take === 'edited' ? 'side-card chosen' : 'side-card'}>
                    <span className="side-head">
                      <input type="radio" name={`c-${c.id}`} checked={choice.take === 'edited'} onChange={() => set({ take: 'edited' })} />
                      <span className="side-title">Write my own</span>
                    </span>
                    <textarea aria-label={`Edited value for ${c.label}`} value={choice.text} rows={3} onChange={(e) => set({ take: 'edited', text: e.target.value })} />
                  </label>
                </div>
              </fieldset>
            );
          })}
          <div className="row">
            <button type="button" className="primary" onClick={() => void askApply()} disabled={busy}>
              Apply as draft
            </button>
            <span className="muted small">Nothing is committed: review the draft in the editor, then commit.</span>
          </div>
        </div>
      )}
      {confirmDraft && (
        <ConfirmDialog title="Replace your draft?" confirmLabel="Apply the rebase" onConfirm={() => void apply()} onCancel={() => setConfirmDraft(null)}>
          <p>
            Your draft of this protocol was last saved {when(confirmDraft)}. Applying the rebase makes the merged text your draft; the draft it replaces is kept in
            the workspace’s draft history.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
