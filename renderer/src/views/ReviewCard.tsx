/** One section as a reviewer reads it: the words, who holds them, who may see them, what changed, its history and the reviewer's decision. */
import { Printer } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import type { ReviewEvent, ReviewSection, ReviewStatus } from '../../../main/contract/api';
import { studio } from '../api';
import { describeError } from '../ui/errors';
import { day, when } from '../ui/time';
import { changeInWords, isWithheld, readEvent, readMessage, withheldNote } from './review/decisions';
import { roleText, TRACK_ROLES, withNames, type Reviewer } from './review/reviewer';
import { WordDiff } from './review/WordDiff';

const STATE_TEXT: Record<ReviewSection['state'], string> = {
  not_required: 'No sign-off needed',
  not_requested: 'Not yet requested',
  requested: 'Waiting for review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  lapsed: 'Sign-off lapsed',
};

const same = (a: string | null, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

type Decision = 'approved' | 'changes' | 'withheld' | 'requested' | 'commented';
const DONE: Record<Decision, string> = {
  approved: 'Approved. Thank you.',
  changes: 'Your request for changes is recorded.',
  withheld: 'Approval withheld; your note is recorded.',
  requested: 'Review requested.',
  commented: 'Comment added.',
};

export function ReviewCard(props: { section: ReviewSection; reviewer: Reviewer; protocolId: string; onStatus: (s: ReviewStatus) => void; onPrint: (s: ReviewSection) => void }) {
  const s = withNames(props.section, props.reviewer.people);
  const who = props.reviewer.name;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string>('');
  const heading = useRef<HTMLHeadingElement>(null);
  const uid = useId();
  const headingId = `sec-${s.track}-${s.path.replace(/[^a-z0-9]+/gi, '-')}`;
  const target = { protocolId: props.protocolId, sectionPath: s.path, track: s.track };
  const working = props.reviewer.working;
  const me = working ? [who, working.id] : [who];
  const wroteIt = me.some((m) => same(s.lastEditedBy, m) || same(s.createdBy, m));
  /** Who signs: with a register, who is working (main fills in the person and checks the role); else the name typed. */
  const signer = working ? {} : { reviewer: who, role: props.reviewer.role };
  const [askWhom, setAskWhom] = useState(working?.people.find((p) => p.id !== working.id)?.id ?? '');
  const decidable = s.state !== 'not_required';

  const act = async (decision: Decision, fn: () => Promise<ReviewStatus>) => {
    setBusy(true);
    setRefusal(null);
    setDone('');
    try {
      props.onStatus(await fn());
      setNote('');
      setDone(DONE[decision]);
      // The pressed button may be gone now: keep keyboard and screen-reader users on this section.
      heading.current?.focus();
    } catch (e) {
      setRefusal(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={`review-card state-${s.state}`} aria-labelledby={headingId} data-section={s.path} data-track={s.track}>
      <header className="card-head">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          {s.title}
        </h3>
        <span className={`state-badge ${s.state}`}>{s.state === 'changes_requested' && isWithheld(s.message) ? 'Approval withheld' : STATE_TEXT[s.state]}</span>
      </header>
      <StateLine section={s} />
      {s.lapsedDiff && s.approvedBy && (
        <div className="lapsed-note" role="note" aria-label="What changed since the last approval">
          <p className="lapsed-title">
            Changed since approved by {s.approvedBy} on {day(s.approvedAt)}.
          </p>
          <p className="changed-words">{changeInWords(s.lapsedDiff.words)}.</p>
          <p>The sign-off covered the words as they were. Please read what changed and approve again, ask for changes or withhold approval.</p>
          <p className="word-diff">
            <WordDiff words={s.lapsedDiff.words} />
          </p>
          <p className="diff-legend" aria-hidden="true">
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
        <fieldset className="decision">
          <legend>Your decision{who ? ` (${who})` : ''}</legend>
          <label htmlFor={`${uid}-note`}>Note</label>
          <textarea id={`${uid}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={`${uid}-note-hint`} />
          <p className="field-hint" id={`${uid}-note-hint`}>
            A note is optional to approve, and needed to ask for changes, withhold approval or comment.
          </p>
          <div className="row">
            {/* Approval answers a request; a lapsed or questioned sign-off can be given again. */}
            {(s.state === 'requested' || s.state === 'lapsed' || s.state === 'changes_requested') && (
              <button
                type="button"
                className="primary approve"
                disabled={!who || busy || wroteIt}
                onClick={() => void act('approved', () => studio.approve({ ...target, ...signer, note: note.trim() || undefined }))}
              >
                Approve
              </button>
            )}
            {decidable && (
              <button
                type="button"
                className="secondary"
                disabled={!who || busy || !note.trim()}
                onClick={() => void act('changes', () => studio.requestChanges({ ...target, ...signer, note: note.trim() }))}
              >
                Ask for changes
              </button>
            )}
            {decidable && (
              <button
                type="button"
                className="secondary withhold"
                disabled={!who || busy || !note.trim()}
                onClick={() => void act('withheld', () => studio.requestChanges({ ...target, ...signer, note: withheldNote(note.trim()) }))}
              >
                Withhold approval
              </button>
            )}
          </div>
          <div className="row">
            {s.state !== 'requested' && working && (
              <label className="ask-whom">
                Ask
                <select value={askWhom} onChange={(e) => setAskWhom(e.target.value)}>
                  {working.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {s.state !== 'requested' && working && (
              <button
                type="button"
                className="secondary"
                disabled={busy || !askWhom}
                onClick={() => {
                  const person = working.people.find((p) => p.id === askWhom)!;
                  const fits = TRACK_ROLES[s.track].find((r) => (person.roles as string[]).includes(r.id))?.id ?? TRACK_ROLES[s.track][0]!.id;
                  void act('requested', () => studio.requestReview({ ...target, reviewer: person.id, role: fits, note: note.trim() || undefined }));
                }}
              >
                Request review
              </button>
            )}
            {s.state !== 'requested' && !working && (
              <button
                type="button"
                className="secondary"
                disabled={!who || busy}
                onClick={() => void act('requested', () => studio.requestReview({ ...target, reviewer: who, role: props.reviewer.role, note: note.trim() || undefined }))}
              >
                Request review{who ? ` from ${who}` : ''}
              </button>
            )}
            <button
              type="button"
              className="secondary"
              disabled={!who || busy || !note.trim()}
              onClick={() => void act('commented', () => studio.comment({ ...target, author: who, text: note.trim() }))}
            >
              Comment
            </button>
            <button type="button" className="secondary with-icon" onClick={() => props.onPrint(s)}>
              <Printer aria-hidden="true" size={18} /> Print review sheet
            </button>
          </div>
        </fieldset>
        <p role="status" className={done ? 'review-done' : 'visually-hidden'}>
          {done}
        </p>
        {!who && <p className="hint">Enter the reviewer’s name, or choose who is working, at the top of the page to request, approve or comment.</p>}
        {who && wroteIt && decidable && s.state !== 'approved' && (
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
  if (s.state === 'changes_requested') return <p className="state-line">{capitalize(readMessage(s.message))}.</p>;
  if (s.state === 'lapsed' && !s.lapsedDiff) return <p className="state-line">{capitalize(s.message)}. Please review it again.</p>;
  if (s.state === 'not_requested') return <p className="state-line">A sign-off is needed. Request a review from {s.track === 'cultural' ? 'an Elder or Knowledge Keeper' : 'a medical lead or prescriber'}.</p>;
  return null;
}

function Governance({ section: s }: { section: ReviewSection }) {
  if (!s.sharing && s.keepers.length === 0) {
    return (
      <p className="governance-missing">
        No keepers or sharing level are recorded for this section yet. Ask whoever edits the protocol to name its keepers and who may see it, so it is shared
        only as its keepers decide.
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

const EVENT_TEXT: Record<ReturnType<typeof readEvent>['kind'], string> = {
  requested: 'asked for a review',
  approved: 'approved',
  changes_requested: 'asked for changes',
  withheld: 'withheld approval',
  comment: 'commented',
};

function History({ events }: { events: ReviewEvent[] }) {
  if (events.length === 0) return <p className="history-empty">No review activity yet.</p>;
  return (
    <div className="history">
      <h4>Review history</h4>
      <ol>
        {events.map((e, i) => {
          const { kind, note } = readEvent(e);
          return (
            <li key={i} className={`event ${kind}`}>
              <span className="event-line">
                <strong>{e.who}</strong>
                {e.role && ` (${roleText(e.role)})`} {kind === 'requested' && e.to ? `asked ${e.to} to review` : EVENT_TEXT[kind]}
                <span className="event-when"> · {when(e.at)}</span>
              </span>
              {note && <q className="event-note">{note}</q>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
