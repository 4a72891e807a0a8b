/**
 * Commit a version: the message, the QI cycle it is made in (or a new one, added to the text by the
 * commit itself so a refused commit leaves no cycle and the draft as it was), and the version label the
 * changes propose, which the person accepts or keeps.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QiCycle, VersionLabelProposal } from '../../../main/contract/api';
import { studio } from '../api';
import { FormDialog } from '../ui/FormDialog';
import './CommitDialog.css';

export interface CommitChoice {
  message: string;
  qiCycleId?: string;
  newQiCycle?: { aim: string };
  versionLabel?: string;
}

export function CommitDialog(props: { protocolId: string; text: string; hasErrors: boolean; onClose: () => void; onCommit: (choice: CommitChoice) => Promise<void> }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [cycles, setCycles] = useState<QiCycle[]>([]);
  const [cycle, setCycle] = useState('');
  const [newAim, setNewAim] = useState('');
  const [proposal, setProposal] = useState<VersionLabelProposal | null>(null);
  const [acceptLabel, setAcceptLabel] = useState(true);

  useEffect(() => {
    studio.listQiCycles({ protocolId: props.protocolId }).then(setCycles, () => setCycles([]));
    // A text that does not parse has no proposal; the commit itself then says why it is refused.
    studio.proposeVersionLabel({ protocolId: props.protocolId, text: props.text }).then(setProposal, () => setProposal(null));
  }, [props.protocolId, props.text]);

  const offer = proposal && proposal.bump !== 'none' && proposal.label && proposal.label !== proposal.inText ? proposal : null;
  const kinds = offer
    ? (['clinical', 'cultural', 'translation', 'editorial'] as const)
        .filter((k) => offer.counts[k] > 0)
        .map((k) => t(`qi.counts.${k}`, { count: offer.counts[k] }))
        .join(', ')
    : '';

  const commit = async () => {
    const newCycle = cycle === '__new' && newAim.trim() ? { aim: newAim.trim() } : undefined;
    await props.onCommit({
      message: message.trim(),
      ...(cycle && cycle !== '__new' ? { qiCycleId: cycle } : {}),
      ...(newCycle ? { newQiCycle: newCycle } : {}),
      ...(offer && acceptLabel ? { versionLabel: offer.label } : {}),
    });
  };

  return (
    <FormDialog title={t('commitDialog.title')} submitLabel={t('commitDialog.submit')} busyLabel={t('commitDialog.busy')} canSubmit={!!message.trim() && (cycle !== '__new' || !!newAim.trim())} onSubmit={commit} onClose={props.onClose}>
      {props.hasErrors && (
        <p className="banner warn" role="note">
          {t('commitDialog.hasErrors')}
        </p>
      )}
      <label>
        {t('commitDialog.message')}
        <textarea name="message" required rows={3} value={message} onChange={(e) => setMessage(e.target.value)} autoFocus />
      </label>
      <label>
        {t('commitDialog.cycle')}
        <select name="qiCycle" value={cycle} onChange={(e) => setCycle(e.target.value)}>
          <option value="">{t('commitDialog.noCycle')}</option>
          {cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {t('qi.cycle', { number: c.number ?? c.id, aim: c.aim })}
            </option>
          ))}
          <option value="__new">{t('commitDialog.newCycle')}</option>
        </select>
      </label>
      {cycle === '__new' && (
        <label>
          {t('commitDialog.newAim')}
          <input name="aim" value={newAim} onChange={(e) => setNewAim(e.target.value)} />
        </label>
      )}
      {offer && (
        <fieldset className="commit-label" data-testid="proposed-label">
          <legend>{t('commitDialog.proposedLabel', { label: offer.label, kinds, current: offer.current ?? '—' })}</legend>
          <label className="inline">
            <input type="radio" name="label" checked={acceptLabel} onChange={() => setAcceptLabel(true)} /> {t('commitDialog.acceptLabel', { label: offer.label })}
          </label>
          <label className="inline">
            <input type="radio" name="label" checked={!acceptLabel} onChange={() => setAcceptLabel(false)} /> {t('commitDialog.keepLabel', { label: offer.inText ?? '—' })}
          </label>
          {offer.bump === 'major' && <p className="muted small">{t('commitDialog.majorWhy', { limit: offer.loosened ?? '—' })}</p>}
        </fieldset>
      )}
    </FormDialog>
  );
}
