/** Adds one person to the workspace's people register (from a fix such as "Add to people…"), prefilled with what is known. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person, PersonRole } from '../../../../main/contract/api';
import { studio } from '../../api';
import { FormDialog } from '../../ui/FormDialog';
import { emptyPerson, PersonFields, personInput, personReady } from './PersonFields';

export function AddPersonDialog(props: { name: string; roles?: PersonRole[]; onAdded: (p: Person) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => emptyPerson(props.name, props.roles));
  return (
    <FormDialog
      title={t('people.addTitle')}
      submitLabel={t('people.add')}
      canSubmit={personReady(draft)}
      onSubmit={async () => props.onAdded(await studio.addPerson(personInput(draft)))}
      onClose={props.onClose}
    >
      <p className="muted">{t('people.addIntro')}</p>
      <PersonFields draft={draft} onChange={setDraft} />
    </FormDialog>
  );
}
