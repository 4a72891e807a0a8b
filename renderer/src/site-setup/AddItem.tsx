/** "Add a route", "Add a keeper to Opening circle"…: the one value a new list item needs first, and the button that adds it. */
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteFormAdd } from '../../../main/contract/api';
import { optionText } from '../i18n/schema-words';
import { fieldDomId } from './FieldInput';

export function AddItem(props: { add: SiteFormAdd; onAdd: (value: string) => void }) {
  const { add } = props;
  const { t } = useTranslation();
  const options = add.choose.options;
  const [value, setValue] = useState(options?.[0] ?? '');
  const id = fieldDomId(`add-${add.key}`);
  const what = t(`site.items.${add.label}`, { defaultValue: add.label });
  const submit = () => {
    if (value.trim() === '') return;
    props.onAdd(value.trim());
    if (!options) setValue('');
  };
  return (
    <div className="site-add" data-add={add.key}>
      <label htmlFor={id}>
        {t(`site.labels.${add.choose.label}`, { defaultValue: add.choose.label })}
        {add.owner && <span className="field-item" data-content> — {add.owner}</span>}
      </label>
      {options ? (
        <select id={id} value={value} onChange={(e) => setValue(e.target.value)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {optionText(o)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
          }}
        />
      )}
      <button type="button" className="secondary small" onClick={submit} disabled={value.trim() === ''}>
        <Plus size={14} aria-hidden="true" /> {add.owner ? t('site.addTo', { what, owner: add.owner }) : t('site.add', { what })}
      </button>
    </div>
  );
}
