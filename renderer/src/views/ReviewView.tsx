import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewerRole, ReviewSection, ReviewStatus, ReviewTrack, WorkingPerson } from '../../../main/contract/api';
import { studio } from '../api';
import { i18next } from '../i18n';
import { describeError } from '../ui/errors';
import { ReviewCard } from './ReviewCard';
import { personLine } from './people/WhoIsWorking';
import { roleText, TRACK_ROLES, withNames, type Reviewer } from './review/reviewer';
import { ReviewSheet } from './review/ReviewSheet';
import './review/review.css';

const REVIEWER_KEY = 'protocol-studio-reviewer';

const TRACKS: ReviewTrack[] = ['cultural', 'medical'];

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
  const { t } = useTranslation();

  useEffect(() => {
    studio.reviewStatus({ protocolId: props.protocolId }).then(setStatus, (e) => props.onError(describeError(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.protocolId]);

  useEffect(() => localStorage.setItem(REVIEWER_KEY, name), [name]);

  const sections = useMemo(() => status?.sections.filter((s) => s.track === track) ?? [], [status, track]);
  const groups = useMemo(() => groupBy(sections), [sections]);
  const registered = !!props.working?.registered;
  const person = props.working?.person ?? null;
  const reviewer: Reviewer = registered
    ? { name: person?.name ?? '', role: roles[track], ...(person ? { working: { id: person.id, people: props.working!.people } } : {}) }
    : { name: name.trim(), role: roles[track] };

  return (
    <section className="view review" aria-labelledby="review-title">
      <header className="view-head">
        <div>
          <h1 id="review-title">{t('review.title')}</h1>
          <p className="sub">{t(`review.intro.${track}`)}</p>
        </div>
        {registered ? (
          <div className="reviewer-row">
            <p className="reviewing-as" data-testid="reviewing-as">
              {person ? (
                <>
                  {t('review.reviewingAs')} <strong>{person.name}</strong> <span className="muted">({personLine(person)})</span>
                </>
              ) : (
                t('review.chooseWho')
              )}
            </p>
            <button type="button" className="secondary" onClick={props.onSwitchPerson}>
              {t('app.switchPerson')}
            </button>
          </div>
        ) : (
        <div className="reviewer-row">
          <label className="reviewer">
            {t('review.reviewerName')}
            <input name="reviewer" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('review.reviewerExample')} autoComplete="name" />
          </label>
          <label>
            {t('review.role')}
            <select name="role" value={roles[track]} onChange={(e) => setRoles((r) => ({ ...r, [track]: e.target.value as ReviewerRole }))}>
              {TRACK_ROLES[track].map((r) => (
                <option key={r.id} value={r.id}>
                  {roleText(r.id)}
                </option>
              ))}
            </select>
          </label>
        </div>
        )}
      </header>
      <div className="track-tabs" role="tablist" aria-label={t('review.tracks')}>
        {TRACKS.map((id) => (
          <button key={id} type="button" role="tab" id={`track-${id}`} aria-selected={track === id} aria-controls="track-panel" onClick={() => setTrack(id)}>
            {t(`review.track.${id}`)}
            {status && <span className="tab-count">{attentionCount(status.sections.filter((s) => s.track === id))}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="track-panel" aria-labelledby={`track-${track}`} className="review-body">
        {!status ? (
          <p className="muted">{t('qi.loading')}</p>
        ) : (
          <>
            {status.draftDiffers && (
              <p className="banner warn review-banner" role="note">
                {t('review.draftDiffers', { version: status.version })}
              </p>
            )}
            <Summary sections={sections} />
            {firstWaiting(sections) && (
              <a className="attention-link" href={`#${cardHeadingId(firstWaiting(sections)!)}`} onClick={(e) => focusCard(e, firstWaiting(sections)!)}>
                {t('review.firstWaiting')}
              </a>
            )}
            {sections.length === 0 ? (
              <div className="empty">
                <h2>{t('review.nothing')}</h2>
                <p className="muted">{t(`review.nothingHelp.${track}`)}</p>
              </div>
            ) : (
              groups.map(([group, items], i) => (
                <section key={group} className="review-group" aria-labelledby={`review-group-${track}-${i}`}>
                  <h2 className="group-title" id={`review-group-${track}-${i}`}>
                    {group}
                  </h2>
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
          section={withNames(status?.sections.find((x) => x.path === sheet.section.path && x.track === sheet.section.track) ?? sheet.section)}
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

const needsAttention = (s: ReviewSection) => s.state === 'requested' || s.state === 'lapsed' || s.state === 'changes_requested' || s.state === 'withheld';

function attentionCount(sections: ReviewSection[]): string {
  const n = sections.filter(needsAttention).length;
  return n > 0 ? i18next.t('review.toLookAt', { count: n }) : i18next.t('review.sections', { count: sections.length });
}

const SUMMARY_STATES: ReviewSection['state'][] = ['requested', 'lapsed', 'changes_requested', 'withheld', 'approved', 'not_requested'];

function Summary({ sections }: { sections: ReviewSection[] }) {
  const { t } = useTranslation();
  if (sections.length === 0) return null;
  const parts = SUMMARY_STATES.map((st) => [st, sections.filter((s) => s.state === st).length] as const)
    .filter(([, n]) => n > 0)
    .map(([st, n]) => t(`review.summary.${st}`, { count: n }));
  return (
    <p className="review-summary">
      {t('review.sections', { count: sections.length })}: {parts.join(' · ')}
    </p>
  );
}
