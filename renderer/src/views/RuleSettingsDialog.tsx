/**
 * "Site rules": which clinical and cultural rules run on this protocol, and the site's reference-value
 * overrides (merged over the bundled values). Saved per protocol in the workspace and audited.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleInfo, RuleSettingsView } from '../../../main/contract/api';
import { studio } from '../api';
import { FormDialog } from '../ui/FormDialog';
import { i18next } from '../i18n';
import { describeError } from '../ui/errors';
import { day } from '../ui/time';
import './RuleSettingsDialog.css';

/** The same rule as the engine's isRuleActive: disabled wins, opt-in rules run only when enabled. */
function runs(rule: RuleInfo, enabled: readonly string[], disabled: readonly string[]): boolean {
  const named = (names: readonly string[]) => names.includes(rule.id) || names.includes(rule.family);
  if (named(disabled)) return false;
  return !rule.optIn || named(enabled);
}

/** Overrides as JSON text; an object is required, with the parse error's wording when it is not JSON. */
function parseOverrides(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (e) {
    throw new Error(i18next.t('rules.notJson', { message: (e as Error).message }));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(i18next.t('rules.notObject', { example: '{"dose": {"ketamine": {"IM": {"max": 1.2}}}}' }));
  }
  return value as Record<string, unknown>;
}

export function RuleSettingsDialog(props: { protocolId: string; onClose: () => void; onSaved: () => void }) {
  const [view, setView] = useState<RuleSettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [overrides, setOverrides] = useState('{}');
  const { t } = useTranslation();

  useEffect(() => {
    studio.getRuleSettings({ protocolId: props.protocolId }).then(
      (v) => {
        setView(v);
        setChecked(Object.fromEntries(v.rules.map((r) => [r.id, runs(r, v.enabled, v.disabled)])));
        setOverrides(Object.keys(v.reference).length ? JSON.stringify(v.reference, null, 2) : '{}');
      },
      (e) => setLoadError(describeError(e)),
    );
  }, [props.protocolId]);

  const bundled = useMemo(() => (view ? JSON.stringify(view.bundledReference, null, 2) : ''), [view]);

  const save = async () => {
    if (!view) return;
    const reference = parseOverrides(overrides);
    // Stored as departures from each rule's default, so a rule added by a later release keeps its default.
    const enabled = view.rules.filter((r) => r.optIn && checked[r.id]).map((r) => r.id);
    const disabled = view.rules.filter((r) => !r.optIn && !checked[r.id]).map((r) => r.id);
    await studio.setRuleSettings({ protocolId: props.protocolId, reference, enabled, disabled });
    props.onSaved();
    props.onClose();
  };

  return (
    <FormDialog title={t('rules.title')} submitLabel={t('rules.save')} busyLabel={t('common.saving')} canSubmit={!!view} onSubmit={save} onClose={props.onClose} error={loadError}>
      <p className="muted rule-settings-intro">
        {t('rules.intro')}
        {view?.updatedAt && ` ${t('rules.lastChanged', { who: view.updatedBy ?? t('rules.someone'), when: day(view.updatedAt) })}`}
      </p>
      {view && (
        <>
          <fieldset className="rule-settings-rules">
            <legend>{t('rules.legend')}</legend>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('rules.runs')}</th>
                  <th scope="col">{t('rules.rule')}</th>
                  <th scope="col">{t('rules.severity')}</th>
                  <th scope="col">{t('rules.default')}</th>
                </tr>
              </thead>
              <tbody>
                {view.rules.map((r) => (
                  <tr key={r.id} data-rule={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        id={`rule-${r.id}`}
                        name={r.id}
                        checked={!!checked[r.id]}
                        onChange={(e) => setChecked((c) => ({ ...c, [r.id]: e.target.checked }))}
                      />
                    </td>
                    <td>
                      <label htmlFor={`rule-${r.id}`} className="rule-label" title={r.help}>
                        <code>{r.id}</code> {r.title}
                      </label>
                    </td>
                    <td>{t(`problems.severity.${r.severity}`, { defaultValue: r.severity })}</td>
                    <td>{r.optIn ? t('rules.optIn') : t('rules.on')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <label>
            {t('rules.overrides')}
            <textarea
              name="reference"
              className="rule-settings-json"
              rows={6}
              spellCheck={false}
              value={overrides}
              onChange={(e) => setOverrides(e.target.value)}
              aria-describedby="rule-settings-signoff"
            />
          </label>
          <p id="rule-settings-signoff" className="banner warn" role="note">
            {t('rules.signoff')}
          </p>
          <details>
            <summary>{t('rules.bundled')}</summary>
            <pre className="rule-settings-bundled" tabIndex={0} aria-label={t('rules.bundledLabel')}>
              {bundled}
            </pre>
          </details>
        </>
      )}
    </FormDialog>
  );
}
