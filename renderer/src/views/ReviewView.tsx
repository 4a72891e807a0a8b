import { useEffect, useState } from 'react';
import type { ReviewerRole, ReviewSection, ReviewStatus } from '../../../main/contract/api';
import { studio } from '../api';
import { describeError } from '../ui/errors';
import { day, when } from '../ui/time';

const STATE_TEXT: Record<ReviewSection['state'], string> = {
  not_required: 'No sign-off required',
  not_requested: 'Not yet requested',
  requested: 'Waiting for review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  lapsed: 'Sign-off lapsed',
};

const SHARING_TEXT: Record<string, string> = {
  open: 'Open — may be shared and printed',
  program_team: 'Programme team only',
  community_only: 'Community only',
  secret_sacred: 'Secret / sacred — not written down',
};

const REVIEWER_KEY = 'protocol-studio-reviewer';

const ROLES: { id: ReviewerRole; label: string }[] = [
  { id: 'elder', label: 'Elder' },
  { id: 'knowledge_keeper', label: 'Knowledge Keeper' },
  { id: 'cultural_advisor', label: 'Cultural advisor' },
];

export function ReviewView(props: { protocolId: string; onError: (m: string) => void }) {
  const [status, setStatus] = useState<ReviewStatus | null>(null);
  const [reviewer, setReviewer] = useState(() => localStorage.getItem(REVIEWER_KEY) ?? '');
  const [role, setRole] = useState<ReviewerRole>('elder');

  useEffect(() => {
    studio.reviewStatus({ protocolId: props.protocolId }).then(setStatus, (e) => props.onError(describeError(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.protocolId]);

  useEffect(() => localStorage.setItem(REVIEWER_KEY, reviewer), [reviewer]);

  const act = async (fn: () => Promise<ReviewStatus>) => {
    try {
      setStatus(await fn());
    } catch (e) {
      props.onError(describeError(e));
    }
  };

  return (
    <section className="view review" aria-labelledby="review-title">
      <header className="view-head">
        <div>
          <h1 id="review-title">Elder review</h1>
          <p className="sub">The cultural and ceremonial parts of this protocol, as they read — for Elders and Knowledge Keepers to approve, question or comment on.</p>
        </div>
        <div className="row reviewer-row">
          <label className="reviewer">
            Your name
            <input name="reviewer" value={reviewer} onChange={(e) => setReviewer(e.target.value)} placeholder="e.g. Elder Mary" autoComplete="name" />
          </label>
          <label>
            Your role
            <select name="role" value={role} onChange={(e) => setRole(e.target.value as ReviewerRole)}>
              {ROLES.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {!status ? (
        <p className="muted">Loading…</p>
      ) : status.sections.length === 0 ? (
        <p className="muted">This protocol has no cultural or ceremonial sections to review.</p>
      ) : (
        <div className="review-list">
          {status.sections.map((s) => (
            <SectionCard key={s.path} section={s} reviewer={reviewer} role={role} protocolId={props.protocolId} act={act} />
          ))}
        </div>
      )}
    </section>
  );
}

function SectionCard(props: {
  section: ReviewSection;
  reviewer: string;
  role: ReviewerRole;
  protocolId: string;
  act: (fn: () => Promise<ReviewStatus>) => Promise<void>;
}) {
  const s = props.section;
  const [note, setNote] = useState('');
  const base = { protocolId: props.protocolId, sectionPath: s.path, role: props.role };
  const who = props.reviewer.trim();
  const headingId = `sec-${s.path.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <article className={`review-card state-${s.state}`} aria-labelledby={headingId} data-section={s.path}>
      <header>
        <h2 id={headingId}>{s.title}</h2>
        <span className={`state-badge ${s.state}`}>{STATE_TEXT[s.state]}</span>
      </header>
      {s.state === 'lapsed' && s.approvedBy && (
        <div className="lapsed-note" role="note">
          <strong>
            Changed since approved by {s.approvedBy} on {day(s.approvedAt)}.
          </strong>{' '}
          The sign-off covers the text that was reviewed; please look at what changed.
          {s.lapsedDiff && (
            <div className="lapsed-diff">
              <div>
                <h3>Approved text</h3>
                <pre className="before">{s.lapsedDiff.before}</pre>
              </div>
              <div>
                <h3>Text now</h3>
                <pre className="after">{s.lapsedDiff.after}</pre>
              </div>
            </div>
          )}
        </div>
      )}
      {s.state === 'approved' && s.approvedBy && (
        <p className="approved-line">
          Approved by {s.approvedBy} on {day(s.approvedAt)}.
        </p>
      )}
      <dl className="facts">
        <dt>Sharing</dt>
        <dd>{s.sharing ? (SHARING_TEXT[s.sharing] ?? s.sharing) : 'Not set'}</dd>
        <dt>Keepers</dt>
        <dd>{s.keepers.length ? s.keepers.map((k) => [k.name, k.role?.replace(/_/g, ' '), k.nation].filter(Boolean).join(', ')).join('; ') : 'None named'}</dd>
        {s.labels.length > 0 && (
          <>
            <dt>Labels</dt>
            <dd>
              <ul className="labels">
                {s.labels.map((l) => (
                  <li key={l.label}>
                    <span className="tk">{l.label.replace(/^tk_/, 'TK ').replace(/_/g, ' ')}</span>
                    {l.text ? ` — ${l.text}` : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <div className="document">
        {s.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      {s.comments.length > 0 && (
        <ul className="comments" aria-label="Review notes">
          {s.comments.map((c, i) => (
            <li key={i}>
              <strong>{c.author}</strong> <span className="muted small">{when(c.at)}</span>
              {c.kind !== 'comment' && <span className="muted small"> · {c.kind.replace(/_/g, ' ')}</span>}
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
      )}
      <div className="review-actions">
        <label>
          Note
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="row">
          <button type="button" className="secondary" disabled={!who} onClick={() => void props.act(() => studio.requestReview({ ...base, reviewer: who, note: note || undefined }))}>
            Request review
          </button>
          <button type="button" className="primary approve" disabled={!who} onClick={() => void props.act(() => studio.approve({ ...base, reviewer: who, note: note || undefined }))}>
            Approve
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!who || !note.trim()}
            onClick={() => void props.act(() => studio.requestChanges({ ...base, reviewer: who, note }).then((r) => (setNote(''), r)))}
          >
            Request changes
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!who || !note.trim()}
            onClick={() => void props.act(() => studio.comment({ protocolId: props.protocolId, sectionPath: s.path, author: who, text: note }).then((r) => (setNote(''), r)))}
          >
            Comment
          </button>
        </div>
        {!who && <p className="muted small">Enter your name above to sign off or comment.</p>}
      </div>
    </article>
  );
}
