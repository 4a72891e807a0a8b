/**
 * "Who is working?": choose yourself from the workspace's people register, or add yourself (the first person
 * added to a workspace becomes who is working). Every version, draft, cycle and sign-off is then recorded as
 * that person's. Asked at start when the workspace has a register and nobody is chosen; opened from the rail to switch.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person, WorkingPerson } from '../../../../main/contract/api';
import { studio } from '../../api';
import { FormDialog } from '../../ui/FormDialog';
import { roleText } from '../review/reviewer';
import { emptyPerson, PersonFields, personInput, personReady } from './PersonFields';

export const personLine = (p: Person) => [p.roles.map(roleText).join(', '), p.community, p.nation].filter(Boolean).join(' · ');

export function WhoIsWorkingDialog(props: { working: WorkingPerson; required: boolean; onChosen: (w: WorkingPerson) => void; onClose: () => void }) {
  const { people } = props.working;
  const [mode, setMode] = useState<'choose' | 'add'>(people.length > 0 ? 'choose' : 'add');
  const [chosen, setChosen] = useState(props.working.person?.id ?? people[0]?.id ?? '');
  const [draft, setDraft] = useState(emptyPerson);
  const { t } = useTranslation();

  const submit = async () => {
    if (mode === 'choose') {
      props.onChosen(await studio.setWorkingPerson({ personId: chosen }));
      return;
    }
    const p = await studio.addPerson(personInput(draft));
    // The first person becomes who is working by adding themselves; anyone later is chosen explicitly.
    const w = await studio.whoIsWorking();
    props.onChosen(w.person?.id === p.id ? w : await studio.setWorkingPerson({ personId: p.id }));
  };

  return (
    <FormDialog
      title={t('people.title')}
      submitLabel={mode === 'choose' ? t('people.workAs') : t('people.addAndWorkAs')}
      canSubmit={mode === 'choose' ? !!chosen : personReady(draft)}
      onSubmit={submit}
      onClose={props.required ? () => undefined : props.onClose}
    >
      <p className="muted">{t('people.intro')}</p>
      {mode === 'choose' ? (
        <>
          <fieldset className="people-choice">
            <legend>{t('people.list')}</legend>
            {people.map((p) => (
              <label key={p.id} className="person-option">
                <input type="radio" name="person" value={p.id} checked={chosen === p.id} onChange={() => setChosen(p.id)} />
                <span>
                  <strong>{p.name}</strong> <span className="muted small">{personLine(p)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="button" className="link" onClick={() => setMode('add')}>
            {t('people.someoneElse')}
          </button>
        </>
      ) : (
        <>
          <PersonFields draft={draft} onChange={setDraft} />
          {people.length > 0 && (
            <button type="button" className="link" onClick={() => setMode('choose')}>
              {t('people.back')}
            </button>
          )}
        </>
      )}
    </FormDialog>
  );
}
