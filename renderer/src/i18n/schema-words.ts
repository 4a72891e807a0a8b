/**
 * The schema's words in the studio's language: the help under a site-setup field (the schema's description,
 * looked up by its English text, which holds full stops and colons and so cannot be an i18next key) and the names
 * of its choices (enum codes). A description or code not translated yet reads as the schema gives it.
 */
import { i18next } from '.';

export function helpText(help: string): string {
  // The raw map: t() would read the ':' in a description as a namespace separator.
  const map = i18next.getResource(i18next.language, 'translation', 'site.help') as Record<string, string> | undefined;
  return map?.[help] || help;
}

export function optionText(code: string): string {
  return i18next.t(`site.options.${code}`, { defaultValue: code.replace(/_/g, ' ') });
}
