/**
 * The schema's words in the studio's language: the help under a site-setup field (the schema's description,
 * looked up by its English text, which holds full stops and so cannot be an i18next key path) and the names
 * of its choices (enum codes). A description or code not translated yet reads as the schema gives it.
 */
import { i18next } from '.';

export function helpText(help: string): string {
  const map = i18next.t('site.help', { returnObjects: true }) as Record<string, string> | string;
  return (typeof map === 'object' && map[help]) || help;
}

export function optionText(code: string): string {
  return i18next.t(`site.options.${code}`, { defaultValue: code.replace(/_/g, ' ') });
}
