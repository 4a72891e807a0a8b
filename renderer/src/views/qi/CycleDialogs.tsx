/** The QI lead's cycle dialogs: start a cycle, and close or correct one. Each writes to the draft only. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QiTimelineCycle } from '../../../../main/contract/api';
import { FormDialog } from '../../ui/FormDialog';

export type Decision = 'adopt' | 'adapt' | 'abandon' | 'pending';
const DECISIONS: Decision[] = ['adopt', 'adapt', 'abandon', 'pending'];

/** Today as the date input writes it (the local calendar day, not UTC's). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function NewCycleDialog(props: { onSubmit: (c: { aim: string; start: string; end?: string }) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const [aim, setAim] = useState('');
  const [start, setStart] = useState(today());
  const [end, setEnd] = useState('');
  return (
    <FormDialog
      title={t('qi.newTitle')}
      submitLabel={t('qi.addToDraft')}
      busyLabel={t('qi.saving')}
      canSubmit={!!aim.trim() && !!start}
      onSubmit={() => props.onSubmit({ aim: aim.trim(), start, ...(end ? { end } : {}) })}
      onClose={props.onClose}
    >
      <label>
        {t('qi.aimField')}
        <textarea name="aim" rows={2} required value={aim} onChange={(e) => setAim(e.target.value)} autoFocus />
      </label>
      <label>
        {t('qi.startField')}
        <input type="date" name="start" required value={start} onChange={(e) => setStart(e.target.value)} />
      </label>
      <label>
        {t('qi.endOptional')}
        <input type="date" name="end" min={start || undefined} value={end} onChange={(e) => setEnd(e.target.value)} />
      </label>
    </FormDialog>
  );
}

export interface CycleEdit {
  aim?: string;
  start?: string;
  /** null reopens a closed cycle. */
  end?: string | null;
  decision: Decision;
  findings: string;
}

/**
 * Closing asks for the end, the decision and the findings; editing also offers the aim and start, which
 * are locked once a committed version cites the cycle (that version cites them as they are).
 */
export function EditCycleDialog(props: { cycle: QiTimelineCycle; closing: boolean; onSubmit: (e: CycleEdit) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const c = props.cycle;
  const [aim, setAim] = useState(c.aim);
  const [start, setStart] = useState(c.start ?? '');
  const [end, setEnd] = useState(c.end ?? (props.closing ? today() : ''));
  const [decision, setDecision] = useState<Decision>(DECISIONS.includes(c.decision as Decision) ? (c.decision as Decision) : 'pending');
  const [findings, setFindings] = useState(c.findings ?? '');
  const locked = c.used;
  // A closed cycle keeps an end date unless it is reopened, which removes it and sets the decision back to pending.
  const [reopen, setReopen] = useState(false);
  const endRequired = !reopen && (props.closing || !!c.end);
  const number = c.number ?? c.id;
  const submit = () =>
    props.onSubmit({
      ...(!locked && !props.closing ? { aim: aim.trim(), ...(start ? { start } : {}) } : {}),
      ...(reopen ? { end: null } : end ? { end } : {}),
      decision: reopen ? 'pending' : decision,
      findings: findings.trim(),
    });
  return (
    <FormDialog
      title={t(props.closing ? 'qi.closeTitle' : 'qi.editTitle', { number, aim: c.aim })}
      submitLabel={t('qi.saveToDraft')}
      busyLabel={t('qi.saving')}
      canSubmit={(!endRequired || !!end) && (locked || props.closing || !!aim.trim())}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {!props.closing && (
        <fieldset className="qi-fixed">
          <legend>{t('qi.whatCycleIs')}</legend>
          {locked && (
            <p id="qi-locked-why" className="muted small">
              {t('qi.locked', { count: c.commits.length })}
            </p>
          )}
          <label>
            {t('qi.aimField')}
            <textarea name="aim" rows={2} required value={aim} readOnly={locked} aria-describedby={locked ? 'qi-locked-why' : undefined} onChange={(e) => setAim(e.target.value)} autoFocus={!locked} />
          </label>
          <label>
            {t('qi.startField')}
            <input type="date" name="start" value={start} readOnly={locked} aria-describedby={locked ? 'qi-locked-why' : undefined} onChange={(e) => setStart(e.target.value)} />
          </label>
        </fieldset>
      )}
      {!props.closing && !!c.end && (
        <label className="qi-reopen">
          <input type="checkbox" name="reopen" checked={reopen} onChange={(e) => setReopen(e.target.checked)} />
          {t('qi.reopen')}
        </label>
      )}
      <label>
        {endRequired ? t('qi.endField') : t('qi.endOptional')}
        <input
          type="date"
          name="end"
          required={endRequired}
          disabled={reopen}
          min={start || undefined}
          value={reopen ? '' : end}
          onChange={(e) => setEnd(e.target.value)}
          autoFocus={props.closing || locked}
        />
      </label>
      <label>
        {t('qi.decision')}
        <select name="decision" value={reopen ? 'pending' : decision} disabled={reopen} onChange={(e) => setDecision(e.target.value as Decision)}>
          {DECISIONS.map((d) => (
            <option key={d} value={d}>
              {t(`qi.decisionChoices.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('qi.findingsField')}
        <textarea name="findings" rows={4} value={findings} onChange={(e) => setFindings(e.target.value)} />
      </label>
    </FormDialog>
  );
}
