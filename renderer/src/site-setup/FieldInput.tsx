/** One site-setup field: the input its schema kind asks for, its help, and the problems found at it. */
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormValue, SiteFormField } from '../../../main/contract/api';
import { languageNames } from '../i18n/language-names';
import { helpText, optionText } from '../i18n/schema-words';
import { ProblemLines } from './ProblemLines';

/** What the input shows for a value ("en, ja" for a list). */
function shown(v: FormValue | null): string {
  if (v === null) return '';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** The input's text as the value the field holds; undefined when it cannot be one (left for the user to fix). */
function parsed(field: SiteFormField, raw: string): FormValue | undefined {
  const s = raw.trim();
  const parts = s === '' ? [] : s.split(/\s*[,、，]\s*/).filter((p) => p !== '');
  switch (field.kind) {
    case 'integer':
    case 'number': {
      const n = Number(s);
      return s !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'integers':
      return parts.every((p) => /^-?\d+$/.test(p)) ? parts.map(Number) : undefined;
    case 'codes':
      return parts;
    default:
      return raw;
  }
}

export function fieldDomId(key: string): string {
  return `field-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function FieldInput(props: { field: SiteFormField; onChange: (value: FormValue) => void; onAddPerson?: (name: string, role?: string) => void }) {
  const { field } = props;
  const { t } = useTranslation();
  const current = shown(field.value);
  const [raw, setRaw] = useState(current);
  // Only a value that really changed (the YAML was edited) replaces what the user is typing.
  useEffect(() => setRaw(current), [current]);
  const id = fieldDomId(field.key);
  const helpId = `${id}-help`;
  const label = (
    <>
      {t(`site.labels.${field.label}`, { defaultValue: field.label })}
      {field.item && <span className="field-item" data-content> — {field.item}</span>}
      {field.lang && <span className="field-lang"> ({t('site.language', { lang: field.lang })})</span>}
    </>
  );
  const commit = (next: FormValue | undefined) => {
    if (next === undefined || JSON.stringify(next) === JSON.stringify(field.value)) return;
    props.onChange(next);
  };
  const invalid = field.problems.some((p) => p.severity === 'error');
  const addPerson = props.onAddPerson && typeof field.value === 'string' ? () => props.onAddPerson!(field.value as string, field.role) : undefined;
  const common = { id, name: field.key, 'aria-describedby': helpId, 'aria-invalid': invalid || undefined } as const;

  let input: ReactElement;
  if (field.kind === 'choice') {
    input = (
      <select {...common} value={raw} onChange={(e) => commit(e.target.value)}>
        {raw === '' && <option value="" />}
        {field.options!.map((o) => (
          <option key={o} value={o}>
            {optionText(o)}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'choices') {
    const chosen = Array.isArray(field.value) ? field.value.map(String) : [];
    return (
      <fieldset className={`site-field${field.placeholder ? ' placeholder' : ''}`} id={id} aria-describedby={helpId} data-key={field.key}>
        <legend>{label}</legend>
        <div className="choice-row">
          {field.options!.map((o) => (
            <label key={o} className="choice">
              <input
                type="checkbox"
                name={`${field.key}:${o}`}
                checked={chosen.includes(o)}
                onChange={(e) => commit(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))}
              />
              {optionText(o)}
            </label>
          ))}
        </div>
        <p className="field-help" id={helpId}>
          {helpText(field.help)}
        </p>
        <ProblemLines problems={field.problems} onAddPerson={addPerson} />
      </fieldset>
    );
  } else {
    const numeric = field.kind === 'integer' || field.kind === 'number';
    input = (
      <input
        {...common}
        type={numeric ? 'number' : 'text'}
        inputMode={numeric ? 'decimal' : undefined}
        step={field.kind === 'integer' ? 1 : numeric ? 'any' : undefined}
        min={field.min}
        max={field.max}
        lang={field.lang}
        value={raw}
        onChange={(e) => setRaw(e.target.value)}
        onBlur={() => commit(parsed(field, raw))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(parsed(field, raw));
        }}
      />
    );
  }
  return (
    <div className={`site-field${field.placeholder ? ' placeholder' : ''}`} data-key={field.key}>
      <label htmlFor={id}>{label}</label>
      {input}
      <p className="field-help" id={helpId}>
        {helpText(field.help)}
        {(field.kind === 'codes' || field.kind === 'integers') && ` ${t('site.commaHelp')}`}
      </p>
      {field.kind === 'codes' && field.path.at(-1) === 'languages' && Array.isArray(field.value) && field.value.length > 0 && (
        <p className="field-names" data-testid="language-names" aria-live="polite">
          {languageNames(field.value.map(String))
            .map(({ code, name }) => (name ? t('site.languageNamed', { code, name }) : t('site.languageUnknown', { code })))
            .join(t('site.listSeparator'))}
        </p>
      )}
      <ProblemLines problems={field.problems} onAddPerson={addPerson} />
    </div>
  );
}
