/**
 * The problems panel: each diagnostic in plain words first, with its obvious fix one click away;
 * why it matters and the technical code behind a disclosure; counts pluralized in the studio's language.
 */
import { CircleX, Info, TriangleAlert } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic, FixAction, Severity } from '../../../main/contract/api';

const ICONS = { error: CircleX, warning: TriangleAlert, info: Info } as const;

export function SeverityIcon({ severity, label }: { severity: Severity; label: string }) {
  const Icon = ICONS[severity];
  return <Icon className={`sev sev-${severity}`} role="img" aria-label={label} size={16} strokeWidth={2.25} />;
}

export type Counts = Record<Severity, number>;

export function countBySeverity(ds: readonly Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const d of ds) counts[d.severity]++;
  return counts;
}

export const ProblemsPanel = memo(function ProblemsPanel(props: {
  diagnostics: Diagnostic[];
  onJump: (d: Diagnostic) => void;
  onFix: (d: Diagnostic, fix: Exclude<FixAction, { kind: 'goto' }>) => void;
}) {
  const { t } = useTranslation();
  const counts = countBySeverity(props.diagnostics);
  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        {t('problems.title')}{' '}
        <span className="counts">
          <span className="count error">{t('problems.errors', { count: counts.error })}</span>
          <span className="count warning">{t('problems.warnings', { count: counts.warning })}</span>
          <span className="count info">{t('problems.notes', { count: counts.info })}</span>
        </span>
      </h2>
      {props.diagnostics.length === 0 ? (
        <p className="muted problems-empty">{t('problems.none')}</p>
      ) : (
        <ul className="problem-list">
          {props.diagnostics.map((d, i) => (
            <li key={`${d.code}-${i}`} className={`problem ${d.severity}`} data-code={d.code}>
              <details>
                <summary>
                  <SeverityIcon severity={d.severity} label={t(`problems.severity.${d.severity}`)} />
                  <span className="msg">{d.plain ?? d.message}</span>
                </summary>
                <p className="help">
                  <strong>{t('problems.why')}: </strong>
                  {d.help}
                </p>
                <p className="technical muted small">
                  {t('problems.technical')}: <code className="code">{d.code}</code> {d.message}
                </p>
              </details>
              <span className="problem-actions">
                {d.fix && d.fix.kind !== 'goto' && (
                  <button type="button" className="secondary small fix" onClick={() => props.onFix(d, d.fix as Exclude<FixAction, { kind: 'goto' }>)}>
                    {d.fix.kind === 'replace' ? t('problems.useSuggestion', { text: d.fix.text }) : t('problems.insert')}
                  </button>
                )}
                <button type="button" className="link loc" onClick={() => props.onJump(d)} title={t('problems.gotoTitle')}>
                  {t('problems.line', { line: d.range.start.line })}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
