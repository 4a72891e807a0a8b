/** One section as a reviewer reads it: the words, who holds them, who may see them, and its review history. */
import { useState } from 'react';
import type { ReviewEvent, ReviewSection, ReviewStatus } from '../../../main/contract/api';
import { studio } from '../api';
import { describeError } from '../ui/errors';
import { day, when } from '../ui/time';
import type { Reviewer } from './ReviewView';

const STATE_TEXT: Record<ReviewSection['state'], string> = {
  not_required: 'No sign-off needed',
  not_requested: 'Not yet requested',
  requested: 'Waiting for review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  lapsed: 'Sign-off lapsed',
};

const ROLE_TEXT: Record<string, string> = {
  elder: 'Elder',
  knowledge_keeper: 'Knowledge Keeper',
  cultural_advisor: 'Cultural advisor',
  medical_lead: 'Medical lead',
  clinical_lead: 'Clinical lead',
  prescriber: 'Prescriber',
  psychiatrist: 'Psychiatrist',
  registered_nurse: 'Registered nurse',
};

const roleText = (r: string | null | undefined) => (r ? (ROLE_TEXT[r] ?? r.replace(/_/g, ' ')) : '');
const same = (a: string | null, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

export function ReviewCard(props: { section: ReviewSection; reviewer: Reviewer; protocolId: string; onStatus: (s: ReviewStatus) => void }) {
  const s = props.section;
  const who = props.reviewer.name;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const headingId = `sec-${s.track}-${s.path.replace(/[^a-z0-9]+/gi, '-')}`;
  const target = { protocolId: props.protocolId, sectionPath: s.path, track: s.track };
  const wroteIt = same(s.lastEditedBy, who) || same(s.createdBy, who);

  const act = async (fn: () => Promise<ReviewStatus>) => {
    setBusy(true);
    setRefusal(null);
    try {
      props.onStatus(await fn());
      setNote('');
    } catch (e) {
      setRefusal(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={`review-card state-${s.state}`} aria-labelledby={headingId} data-section={s.path} data-track={s.track}>
      <header className="card-head">
        <h3 id={headingId}>{s.title}</h3>
        <span className={`state-badge ${s.state}`}>{STATE_TEXT[s.state]}</span>
      </header>
      <StateLine section={s} />
      {s.lapsedDiff && s.approvedBy && (
        <div className="lapsed-note" role="note">
          <p className="lapsed-title">
            Changed since approved by {s.approvedBy} on {day(s.approvedAt)}.
          </p>
          <p>The sign-off covered the words below as they were. Please read what changed and approve again or ask for changes.</p>
          <p className="word-diff" aria-label="What changed">
            {s.lapsedDiff.words.map((w, i) =>
              w.kind === 'added' ? (
                <ins key={i}>{w.text}</ins>
              ) : w.kind === 'removed' ? (
                <del key={i}>{w.text}</del>
              ) : (
                <span key={i}>{w.text}</span>
              ),
            )}
          </p>
          <p className="diff-legend">
            <ins>Added words</ins> <del>Removed words</del>
          </p>
        </div>
      )}
      <div className="document">
        {s.placeholderOnly && (
          <p className="placeholder-note">Only this placeholder is written down. The ceremony itself is held by its keepers and is never stored, printed or exported.</p>
        )}
        {s.paragraphs.length > 0 ? s.paragraphs.map((p, i) => <p key={i}>{p}</p>) : <p className="muted">This section has no written words yet.</p>}
      </div>
      {s.facts.length > 0 && (
        <dl className="facts">
          {s.facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {s.track === 'cultural' && <Governance section={s} />}
      <History events={s.history} />
      <div className="review-actions">
        <label>
          Note {s.state === 'requested' ? '(optional for approval, needed to ask for changes)' : '(needed for a comment)'}
          <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="row">
          {s.state === 'requested' && (
            <button
              type="button"
              className="primary approve"
              disabled={!who || busy || wroteIt}
              onClick={() => void act(() => studio.approve({ ...target, reviewer: who, role: props.reviewer.role, note: note.trim() || undefined }))}
            >
              Approve
            </button>
          )}
          {(s.state === 'requested' || s.state === 'approved' || s.state === 'lapsed') && (
            <button
              type="button"
              className="secondary"
              disabled={!who || busy || !note.trim()}
              onClick={() => void act(() => studio.requestChanges({ ...target, reviewer: who, role: props.reviewer.role, note: note.trim() }))}
            >
              Ask for changes
            </button>
          )}
          {s.state !== 'requested' && (
            <button
              type="button"
              className="secondary"
              disabled={!who || busy}
              onClick={() => void act(() => studio.requestReview({ ...target, reviewer: who, role: props.reviewer.role, note: note.trim() || undefined }))}
            >
              Request review{who ? ` from ${who}` : ''}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            disabled={!who || busy || !note.trim()}
            onClick={() => void act(() => studio.comment({ ...target, author: who, text: note.trim() }))}
          >
            Comment
          </button>
        </div>
        {!who && <p className="hint">Enter the reviewer’s name at the top of the page to request, approve or comment.</p>}
        {who && wroteIt && s.state === 'requested' && (
          <p className="hint">
            {who} wrote or last changed this section, so someone else must approve it (four eyes).
          </p>
        )}
        {refusal && (
          <p className="refusal" role="alert">
            Not done: {refusal}
          </p>
        )}
      </div>
    </article>
  );
}

function StateLine({ section: s }: { section: ReviewSection }) {
  if (s.state === 'approved' && s.approvedBy) return <p className="approved-line">Approved by {s.approvedBy} on {day(s.approvedAt)}.</p>;
  if (s.state === 'requested') return <p className="state-line">Waiting for {s.pendingReviewers.join(', ') || 'a reviewer'}.</p>;
  if (s.state === 'changes_requested') return <p className="state-line">{capitalize(s.message)}.</p>;
  if (s.state === 'lapsed' && !s.lapsedDiff) return <p className="state-line">{capitalize(s.message)}. Please review it again.</p>;
  if (s.state === 'not_requested') return <p className="state-line">A sign-off is needed. Request a review from {s.track === 'cultural' ? 'an Elder or Knowledge Keeper' : 'a medical lead or prescriber'}.</p>;
  return null;
}

function Governance({ section: s }: { section: ReviewSection }) {
  if (!s.sharing && s.keepers.length === 0) {
    return (
      <p className="governance-missing">
        No keepers or sharing level are recorded for this section. Add <code>governance</code> in the editor (or link it to a cultural block) so it is shared only as its keepers decide.
      </p>
    );
  }
  const o = s.origin;
  return (
    <dl className="governance">
      {s.governedBy.length > 0 && (
        <div>
          <dt>Governed by</dt>
          <dd>{s.governedBy.map((g) => `the cultural block “${g.title}”`).join('; ')}</dd>
        </div>
      )}
      {s.sharing && (
        <div>
          <dt>Who may see it</dt>
          <dd data-testid="sharing">{s.sharing.text}</dd>
        </div>
      )}
      <div>
        <dt>Keepers</dt>
        <dd>
          {s.keepers.length === 0 ? (
            'None named'
          ) : (
            <ul className="plain-list">
              {s.keepers.map((k, i) => (
                <li key={i}>
                  <strong>{k.name}</strong>
                  {[roleText(k.role), k.nation, k.community].filter(Boolean).length > 0 && ` — ${[roleText(k.role), k.nation, k.community].filter(Boolean).join(', ')}`}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      {s.labels.length > 0 && (
        <div>
          <dt>TK labels</dt>
          <dd>
            <ul className="plain-list">
              {s.labels.map((l) => (
                <li key={l.label}>
                  <span className="tk">{l.name}</span> — {l.text}
                  {!l.communityWording && <span className="muted"> (general meaning; the community has not added its own wording)</span>}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      {o && (o.community || o.nation || o.territory) && (
        <div>
          <dt>Where it comes from</dt>
          <dd>
            {[o.community, o.nation, o.territory].filter(Boolean).join(', ')}
            {o.givenOn && `; given on ${day(o.givenOn)}`}
            {o.conditions && <span className="block">Conditions: {o.conditions}</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}

const EVENT_TEXT: Record<ReviewEvent['kind'], string> = {
  requested: 'asked for a review',
  approved: 'approved',
  changes_requested: 'asked for changes',
  comment: 'commented',
};

function History({ events }: { events: ReviewEvent[] }) {
  if (events.length === 0) return <p className="history-empty">No review activity yet.</p>;
  return (
    <div className="history">
      <h4>Review history</h4>
      <ol>
        {events.map((e, i) => (
          <li key={i} className={`event ${e.kind}`}>
            <span className="event-line">
              <strong>{e.who}</strong>
              {e.role && ` (${roleText(e.role)})`} {e.kind === 'requested' && e.to ? `asked ${e.to} to review` : EVENT_TEXT[e.kind]}
              <span className="event-when"> · {when(e.at)}</span>
            </span>
            {e.note && <q className="event-note">{e.note}</q>}
          </li>
        ))}
      </ol>
    </div>
  );
}

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
