import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import type { ReviewerRole, ReviewSection, ReviewStatus, ReviewTrack, WorkingPerson } from '../../../main/contract/api';
import { studio } from '../api';
import { describeError } from '../ui/errors';
import { ReviewCard } from './ReviewCard';
import { personLine } from './people/WhoIsWorking';
import { TRACK_ROLES, withNames, type Reviewer } from './review/reviewer';
import { ReviewSheet } from './review/ReviewSheet';
import './review/review.css';

const REVIEWER_KEY = 'protocol-studio-reviewer';

const TRACKS: { id: ReviewTrack; label: string; intro: string }[] = [
  {
    id: 'cultural',
    label: 'Cultural review',
    intro: 'The cultural and ceremonial parts of this protocol, as they read — for Elders and Knowledge Keepers to approve, question or comment on.',
  },
  {
    id: 'medical',
    label: 'Medical review',
    intro: 'Dose routes, exclusions and the consent form — for the medical lead or prescriber to sign off.',
  },
];

/**
 * With a people register (`working.registered`), who is working reviews and main checks their roles; without one
 * (older workspaces, quick trials) the reviewer types a name and picks a role.
 */
export function ReviewView(props: { protocolId: string; title?: string; working?: WorkingPerson | null; onSwitchPerson?: () => void; onError: (m: string) => void }) {
  const [status, setStatus] = useState<ReviewStatus | null>(null);
  const [track, setTrack] = useState<ReviewTrack>('cultural');
  const [name, setName] = useState(() => localStorage.getItem(REVIEWER_KEY) ?? '');
  const [roles, setRoles] = useState<Record<ReviewTrack, ReviewerRole>>({ cultural: 'elder', medical: 'medical_lead' });
  /** The section whose review sheet is printed, and a counter so printing it again reopens the print dialog. */
  const [sheet, setSheet] = useState<{ section: ReviewSection; key: number } | null>(null);

  useEffect(() => {
    studio.reviewStatus({ protocolId: props.protocolId }).then(setStatus, (e) => props.onError(describeError(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.protocolId]);

  useEffect(() => localStorage.setItem(REVIEWER_KEY, name), [name]);

  const sections = useMemo(() => status?.sections.filter((s) => s.track === track) ?? [], [status, track]);
  const groups = useMemo(() => groupBy(sections), [sections]);
  const current = TRACKS.find((t) => t.id === track)!;
  const registered = !!props.working?.registered;
  const person = props.working?.person ?? null;
  const reviewer: Reviewer = registered
    ? { name: person?.name ?? '', role: roles[track], people: props.working!.people, ...(person ? { working: { id: person.id, people: props.working!.people } } : {}) }
    : { name: name.trim(), role: roles[track] };

  return (
    <section className="view review" aria-labelledby="review-title">
      <header className="view-head">
        <div>
          <h1 id="review-title">Review</h1>
          <p className="sub">{current.intro}</p>
        </div>
        {registered ? (
          <div className="reviewer-row">
            <p className="reviewing-as" data-testid="reviewing-as">
              {person ? (
                <>
                  Reviewing as <strong>{person.name}</strong> <span className="muted">({personLine(person)})</span>
                </>
              ) : (
                'Choose who is working to review.'
              )}
            </p>
            <button type="button" className="secondary" onClick={props.onSwitchPerson}>
              Switch person…
            </button>
          </div>
        ) : (
        <div className="reviewer-row">
          <label className="reviewer">
            Reviewer’s name
            <input name="reviewer" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Elder Mary" autoComplete="name" />
          </label>
          <label>
            Role
            <select name="role" value={roles[track]} onChange={(e) => setRoles((r) => ({ ...r, [track]: e.target.value as ReviewerRole }))}>
              {TRACK_ROLES[track].map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        )}
      </header>
      <div className="track-tabs" role="tablist" aria-label="Review track">
        {TRACKS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`track-${t.id}`} aria-selected={track === t.id} aria-controls="track-panel" onClick={() => setTrack(t.id)}>
            {t.label}
            {status && <span className="tab-count">{attentionCount(status.sections.filter((s) => s.track === t.id))}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="track-panel" aria-labelledby={`track-${track}`} className="review-body">
        {!status ? (
          <p className="muted">Loading…</p>
        ) : (
          <>
            {status.draftDiffers && (
              <p className="banner warn review-banner" role="note">
                The draft has changes that are not committed yet. Sign-offs apply to the committed version {status.version}; commit the draft first so reviewers
                approve exactly what they read here.
              </p>
            )}
            <Summary sections={sections} />
            {firstWaiting(sections) && (
              <a className="attention-link" href={`#${cardHeadingId(firstWaiting(sections)!)}`} onClick={(e) => focusCard(e, firstWaiting(sections)!)}>
                Go to the first section waiting for review
              </a>
            )}
            {sections.length === 0 ? (
              <div className="empty">
                <h2>Nothing to review on this track</h2>
                <p className="muted">
                  {track === 'cultural'
                    ? 'Add cultural blocks (with their keepers and sharing level) in the editor, then ask an Elder to review them here.'
                    : 'Dose routes, exclusions and consent sections appear here once the protocol has them.'}
                </p>
              </div>
            ) : (
              groups.map(([group, items]) => (
                <section key={group} className="review-group" aria-label={group}>
                  <h2 className="group-title">{group}</h2>
                  <div className="review-list">
                    {items.map((s) => (
                      <ReviewCard
                        key={`${s.track}:${s.path}`}
                        section={s}
                        reviewer={reviewer}
                        protocolId={props.protocolId}
                        onStatus={setStatus}
                        onPrint={(section) => setSheet((prev) => ({ section, key: (prev?.key ?? 0) + 1 }))}
                      />
                    ))}
                  </div>
                </section>
              ))
            )}
          </>
        )}
      </div>
      {sheet && (
        <ReviewSheet
          section={withNames(status?.sections.find((x) => x.path === sheet.section.path && x.track === sheet.section.track) ?? sheet.section, props.working?.people)}
          protocolTitle={props.title ?? props.protocolId}
          version={status?.version ?? null}
          printKey={sheet.key}
        />
      )}
    </section>
  );
}

/** The card heading's id (ReviewCard gives its heading this id). */
const cardHeadingId = (s: ReviewSection) => `sec-${s.track}-${s.path.replace(/[^a-z0-9]+/gi, '-')}`;

const firstWaiting = (sections: ReviewSection[]) => sections.find(needsAttention);

/** Moves focus (not only the scroll position) to the card, so the next Tab continues inside it. */
function focusCard(e: MouseEvent, s: ReviewSection) {
  e.preventDefault();
  const h = document.getElementById(cardHeadingId(s));
  h?.focus();
  h?.scrollIntoView({ block: 'start' });
}

function groupBy(sections: ReviewSection[]): [string, ReviewSection[]][] {
  const m = new Map<string, ReviewSection[]>();
  for (const s of sections) m.set(s.group, [...(m.get(s.group) ?? []), s]);
  return [...m.entries()];
}

const needsAttention = (s: ReviewSection) => s.state === 'requested' || s.state === 'lapsed' || s.state === 'changes_requested';

function attentionCount(sections: ReviewSection[]): string {
  const n = sections.filter(needsAttention).length;
  return n > 0 ? `${n} to look at` : `${sections.length} sections`;
}

function Summary({ sections }: { sections: ReviewSection[] }) {
  if (sections.length === 0) return null;
  const count = (st: ReviewSection['state']) => sections.filter((s) => s.state === st).length;
  const parts = [
    [count('requested'), 'waiting for review'],
    [count('lapsed'), 'changed since approval'],
    [count('changes_requested'), 'with changes requested'],
    [count('approved'), 'approved'],
    [count('not_requested'), 'not yet sent for review'],
  ].filter(([n]) => (n as number) > 0);
  return (
    <p className="review-summary">
      {sections.length} sections: {parts.map(([n, t]) => `${n} ${t}`).join(' · ')}
    </p>
  );
}
