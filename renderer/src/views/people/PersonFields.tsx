/** The fields of a new person for the people register (name, roles, community, nation), shared by the dialogs that add one. */
import { useTranslation } from 'react-i18next';
import type { PersonRole } from '../../../../main/contract/api';
import { roleText } from '../review/reviewer';

/** The roles a person can be registered with here, in the order the dialogs offer them. */
export const ROLES: PersonRole[] = ['medical_lead', 'prescriber', 'program_director', 'qi_lead', 'facilitator', 'elder', 'knowledge_keeper', 'cultural_advisor', 'community_leader'];

export interface PersonDraft {
  name: string;
  roles: PersonRole[];
  community: string;
  nation: string;
}

export const emptyPerson = (name = '', roles: PersonRole[] = []): PersonDraft => ({ name, roles, community: '', nation: '' });

export const personReady = (d: PersonDraft): boolean => d.name.trim() !== '' && d.roles.length > 0;

/** The `addPerson` arguments of a draft: trimmed, empty optional fields left out. */
export function personInput(d: PersonDraft): { name: string; roles: PersonRole[]; community?: string; nation?: string } {
  return { name: d.name.trim(), roles: d.roles, ...(d.community.trim() ? { community: d.community.trim() } : {}), ...(d.nation.trim() ? { nation: d.nation.trim() } : {}) };
}

export function PersonFields(props: { draft: PersonDraft; onChange: (d: PersonDraft) => void }) {
  const { draft, onChange } = props;
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('common.name')}
        <input name="personName" value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} autoComplete="name" autoFocus />
      </label>
      <fieldset className="people-roles">
        <legend>{t('people.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="role-option">
            <input
              type="checkbox"
              name="roles"
              value={r}
              checked={draft.roles.includes(r)}
              onChange={(e) => onChange({ ...draft, roles: e.target.checked ? [...draft.roles, r] : draft.roles.filter((x) => x !== r) })}
            />
            {roleText(r)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('people.community')} <span className="muted small">{t('common.optional')}</span>
        <input name="community" value={draft.community} onChange={(e) => onChange({ ...draft, community: e.target.value })} />
      </label>
      <label>
        {t('people.nation')} <span className="muted small">{t('common.optional')}</span>
        <input name="nation" value={draft.nation} onChange={(e) => onChange({ ...draft, nation: e.target.value })} />
      </label>
    </>
  );
}
