/** The diagnostics found at a form field, in plain words (the same ones the editor's problems panel lists). */
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../../main/contract/api';
import { SeverityIcon } from '../views/ProblemsPanel';

export function ProblemLines({ problems }: { problems: Diagnostic[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className="field-problems">
      {problems.map((p, i) => (
        <li key={`${p.code}-${i}`} className={`problem ${p.severity}`}>
          <SeverityIcon severity={p.severity} label={t(`problems.severity.${p.severity}`)} />
          <span>{p.plain ?? p.message}</span>
        </li>
      ))}
    </ul>
  );
}
