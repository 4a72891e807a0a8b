/**
 * The studio's own language (English, Japanese), chosen in the rail and kept in this browser profile.
 * It is independent of a protocol's languages and of the binder language. Dates and numbers follow it.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ja from './ja.json';

export const UI_LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'ja', name: '日本語' },
] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

const KEY = 'protocol-studio-ui-language';

/** Outside a browser (unit tests of renderer helpers) there is no stored choice: English. */
function initial(): UiLanguage {
  const kept = globalThis.localStorage?.getItem(KEY);
  if (kept === 'en' || kept === 'ja') return kept;
  return globalThis.navigator?.language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ja: { translation: ja } },
  lng: initial(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = i18next.language;

export function setUiLanguage(code: UiLanguage): void {
  localStorage.setItem(KEY, code);
  void i18next.changeLanguage(code);
  document.documentElement.lang = code;
}

/** The locale dates and numbers are written in: the studio's language. */
export function uiLocale(): string {
  return i18next.language || 'en';
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLocale()).format(n);
}

export { i18next };
