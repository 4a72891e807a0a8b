/**
 * The diagnostics found at a form field, in plain words (the same ones the editor's problems panel lists);
 * a keeper the people register lacks comes with "Add to people…".
 */
import { UserPlus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../../main/contract/api';
import { SeverityIcon } from '../views/ProblemsPanel';

/** The validator's code for a keeper not in the people register (core/people/keepers.ts). */
const UNREGISTERED_KEEPER = 'PEOPLE-01';

export function ProblemLines({ problems, onAddPerson }: { problems: Diagnostic[]; onAddPerson?: () => void }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems">
      {problems.map((p, i) => (
        <li key={`${p.code}-${i}`} className={`problem ${p.severity}`}>
          <SeverityIcon severity={p.severity} label={t(`problems.severity.${p.severity}`)} />
          <span>{p.plain ?? p.message}</span>
          {p.code === UNREGISTERED_KEEPER && onAddPerson && (
            <button type="button" className="secondary small" onClick={onAddPerson}>
              <UserPlus size={14} aria-hidden="true" /> {t('site.addPerson')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
