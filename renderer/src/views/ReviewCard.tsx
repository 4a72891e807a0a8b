/** One section as a reviewer reads it: the words, who holds them, who may see them, what changed, its history and the reviewer's decision. */
import { Printer } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewEvent, ReviewSection, ReviewStatus } from '../../../main/contract/api';
import { studio } from '../api';
import { describeError } from '../ui/errors';
import { day, when } from '../ui/time';
import { changeInWords, isWithheld, readEvent, readMessage } from './review/decisions';
import { personLabel, roleText, TRACK_ROLES, withNames, type Reviewer } from './review/reviewer';
import { WordDiff } from './review/WordDiff';

const same = (a: string | null, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

type Decision = 'approved' | 'changes' | 'withheld' | 'requested' | 'commented';

export function ReviewCard(props: { section: ReviewSection; reviewer: Reviewer; protocolId: string; onStatus: (s: ReviewStatus) => void; onPrint: (s: ReviewSection) => void }) {
  const s = withNames(props.section);
  const who = props.reviewer.name;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string>('');
  const { t } = useTranslation();
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
      setDone(t(`review.done.${decision}`));
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
        <span className={`state-badge ${s.state}`}>{s.state === 'changes_requested' && isWithheld(s.message) ? t('review.withheldBadge') : t(`review.state.${s.state}`)}</span>
      </header>
      <StateLine section={s} />
      {s.lapsedDiff && s.approvedBy && (
        <div className="lapsed-note" role="note" aria-label={t('review.lapsedLabel')}>
          <p className="lapsed-title">{t('review.changedSince', { who: s.approvedBy, when: day(s.approvedAt) })}</p>
          <p className="changed-words">{changeInWords(s.lapsedDiff.words)}{t('review.period')}</p>
          <p>{t('review.lapsedHelp')}</p>
          <p className="word-diff">
            <WordDiff words={s.lapsedDiff.words} />
          </p>
          <p className="diff-legend" aria-hidden="true">
            <ins>{t('review.addedWords')}</ins> <del>{t('review.removedWords')}</del>
          </p>
        </div>
      )}
      <div className="document">
        {s.placeholderOnly && (
          <p className="placeholder-note">{t('review.placeholderOnly')}</p>
        )}
        {s.paragraphs.length > 0 ? s.paragraphs.map((p, i) => <p key={i}>{p}</p>) : <p className="muted">{t('review.noWords')}</p>}
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
          <legend>{t('review.yourDecision')}{who ? ` (${who})` : ''}</legend>
          <label htmlFor={`${uid}-note`}>{t('review.note')}</label>
          <textarea id={`${uid}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={`${uid}-note-hint`} />
          <p className="field-hint" id={`${uid}-note-hint`}>
            {t('review.noteHint')}
          </p>
          <div className="row">
            {/* Approval answers a request; a lapsed or questioned sign-off can be given again. */}
            {(s.state === 'requested' || s.state === 'lapsed' || s.state === 'changes_requested' || s.state === 'withheld') && (
              <button
                type="button"
                className="primary approve"
                disabled={!who || busy || wroteIt}
                onClick={() => void act('approved', () => studio.approve({ ...target, ...signer, note: note.trim() || undefined }))}
              >
                {t('review.approve')}
              </button>
            )}
            {decidable && (
              <button
                type="button"
                className="secondary"
                disabled={!who || busy || !note.trim()}
                onClick={() => void act('changes', () => studio.requestChanges({ ...target, ...signer, note: note.trim() }))}
              >
                {t('review.askChanges')}
              </button>
            )}
            {decidable && s.track === 'cultural' && (
              <button
                type="button"
                className="secondary withhold"
                disabled={!who || busy || !note.trim()}
                onClick={() => void act('withheld', () => studio.withhold({ ...target, ...signer, note: note.trim() }))}
              >
                {t('review.withhold')}
              </button>
            )}
          </div>
          <div className="row">
            {s.state !== 'requested' && working && (
              <label className="ask-whom">
                {t('review.ask')}
                <select value={askWhom} onChange={(e) => setAskWhom(e.target.value)}>
                  {working.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {personLabel(p, working.people)}
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
                {t('review.requestReview')}
              </button>
            )}
            {s.state !== 'requested' && !working && (
              <button
                type="button"
                className="secondary"
                disabled={!who || busy}
                onClick={() => void act('requested', () => studio.requestReview({ ...target, reviewer: who, role: props.reviewer.role, note: note.trim() || undefined }))}
              >
                {who ? t('review.requestReviewFrom', { who }) : t('review.requestReview')}
              </button>
            )}
            <button
              type="button"
              className="secondary"
              disabled={!who || busy || !note.trim()}
              onClick={() => void act('commented', () => studio.comment({ ...target, author: who, text: note.trim() }))}
            >
              {t('review.comment')}
            </button>
            <button type="button" className="secondary with-icon" onClick={() => props.onPrint(s)}>
              <Printer aria-hidden="true" size={18} /> {t('review.printSheet')}
            </button>
          </div>
        </fieldset>
        <p role="status" className={done ? 'review-done' : 'visually-hidden'}>
          {done}
        </p>
        {!who && <p className="hint">{t('review.noReviewer')}</p>}
        {who && wroteIt && decidable && s.state !== 'approved' && (
          <p className="hint">
            {t('review.fourEyes', { who })}
          </p>
        )}
        {refusal && (
          <p className="refusal" role="alert">
            {t('review.notDone', { message: refusal })}
          </p>
        )}
      </div>
    </article>
  );
}

function StateLine({ section: s }: { section: ReviewSection }) {
  const { t } = useTranslation();
  if (s.state === 'approved' && s.approvedBy) return <p className="approved-line">{t('review.approvedBy', { who: s.approvedBy, when: day(s.approvedAt) })}</p>;
  if (s.state === 'requested') return <p className="state-line">{t('review.waitingFor', { who: s.pendingReviewers.join(', ') || t('review.aReviewer') })}</p>;
  // The review model's own sentence (main words it in English).
  if (s.state === 'changes_requested') return <p className="state-line">{capitalize(readMessage(s.message))}.</p>;
  if (s.state === 'withheld' && s.withheld) {
    return (
      <p className="state-line withheld-line">
        {t('review.withheldBy', { who: s.withheld.by, when: day(s.withheld.at), note: s.withheld.note ?? '—' })} {t('review.withheldHelp')}
      </p>
    );
  }
  if (s.state === 'lapsed' && !s.lapsedDiff) return <p className="state-line">{capitalize(s.message)}. {t('review.againPlease')}</p>;
  if (s.state === 'not_requested') return <p className="state-line">{t(`review.needed.${s.track}`)}</p>;
  return null;
}

function Governance({ section: s }: { section: ReviewSection }) {
  const { t } = useTranslation();
  if (!s.sharing && s.keepers.length === 0) return <p className="governance-missing">{t('review.noGovernance')}</p>;
  const o = s.origin;
  return (
    <dl className="governance">
      {s.governedBy.length > 0 && (
        <div>
          <dt>{t('review.governedBy')}</dt>
          <dd>{s.governedBy.map((g) => t('review.block', { title: g.title })).join('; ')}</dd>
        </div>
      )}
      {s.sharing && (
        <div>
          <dt>{t('review.whoMaySee')}</dt>
          <dd data-testid="sharing">{s.sharing.text}</dd>
        </div>
      )}
      <div>
        <dt>{t('review.keepers')}</dt>
        <dd>
          {s.keepers.length === 0 ? (
            t('review.noneNamed')
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
          <dt>{t('review.tkLabels')}</dt>
          <dd>
            <ul className="plain-list">
              {s.labels.map((l) => (
                <li key={l.label}>
                  <span className="tk">{l.name}</span> — {l.text}
                  {!l.communityWording && <span className="muted"> {t('review.generalMeaning')}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      {o && (o.community || o.nation || o.territory) && (
        <div>
          <dt>{t('review.origin')}</dt>
          <dd>
            {[o.community, o.nation, o.territory].filter(Boolean).join(', ')}
            {o.givenOn && `; ${t('review.givenOn', { when: day(o.givenOn) })}`}
            {o.conditions && <span className="block">{t('review.conditions', { conditions: o.conditions })}</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}

function History({ events }: { events: ReviewEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="history-empty">{t('review.noHistory')}</p>;
  return (
    <div className="history">
      <h4>{t('review.history')}</h4>
      <ol>
        {events.map((e, i) => {
          const { kind, note } = readEvent(e);
          return (
            <li key={i} className={`event ${kind}`}>
              <span className="event-line">
                <strong>{e.who}</strong>
                {e.role && ` (${roleText(e.role)})`} {kind === 'requested' && e.to ? t('review.events.askedWhom', { who: e.to }) : t(`review.events.${kind}`)}
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
