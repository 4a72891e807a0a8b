import { useTranslation } from 'react-i18next';
import { setUiLanguage, UI_LANGUAGES, type UiLanguage } from '.';

/** The studio-language setting (not the binder's or the protocol's language). */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="ui-language" title={t('app.uiLanguageHelp')}>
      <span className="rail-foot-label">{t('app.uiLanguage')}</span>
      <select name="uiLanguage" value={i18n.language} onChange={(e) => setUiLanguage(e.target.value as UiLanguage)}>
        {UI_LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
