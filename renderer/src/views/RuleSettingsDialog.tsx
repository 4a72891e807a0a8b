/**
 * "Site rules": which clinical and cultural rules run on this protocol, and the site's reference-value
 * overrides (merged over the bundled values). Saved per protocol in the workspace and audited.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RuleInfo, RuleSettingsView } from '../../../main/contract/api';
import { studio } from '../api';
import { FormDialog } from '../ui/FormDialog';
import { describeError } from '../ui/errors';
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
    throw new Error(`Reference overrides are not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('Reference overrides must be a JSON object, e.g. {"dose": {"ketamine": {"IM": {"max": 1.2}}}}');
  }
  return value as Record<string, unknown>;
}

export function RuleSettingsDialog(props: { protocolId: string; onClose: () => void; onSaved: () => void }) {
  const [view, setView] = useState<RuleSettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [overrides, setOverrides] = useState('{}');

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
    <FormDialog title="Site rules" submitLabel="Save rules" busyLabel="Saving…" canSubmit={!!view} onSubmit={save} onClose={props.onClose} error={loadError}>
      <p className="muted rule-settings-intro">
        Choose which checks run on <strong>{props.protocolId}</strong> and adjust the reference values they compare against.
        {view?.updatedAt && ` Last changed by ${view.updatedBy ?? 'someone'} on ${view.updatedAt.slice(0, 10)}.`}
      </p>
      {view && (
        <>
          <fieldset className="rule-settings-rules">
            <legend>Rules (checked = runs)</legend>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Runs</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Default</th>
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
                    <td>{r.severity}</td>
                    <td>{r.optIn ? 'opt-in' : 'on'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <label>
            Reference-value overrides (JSON, merged over the bundled values)
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
            Each value must be signed off by the programme&apos;s medical lead. Only keys that exist in the bundled values below are
            accepted; lists replace the bundled list whole.
          </p>
          <details>
            <summary>Bundled reference values (read-only)</summary>
            <pre className="rule-settings-bundled" tabIndex={0} aria-label="Bundled reference values">
              {bundled}
            </pre>
          </details>
        </>
      )}
    </FormDialog>
  );
}
