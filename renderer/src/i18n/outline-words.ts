/** An outline item in the studio's language: section names and "Week 3 — theme" words, the protocol's own text kept as written. */
import type { OutlineItem } from '../doc/outline';
import { i18next } from '.';

export function outlineLabel(item: OutlineItem): string {
  if (!item.words) return item.label;
  const { section, ...values } = item.words.values;
  const named = section === undefined ? values : { ...values, section: i18next.t(`outline.sections.${section}`, { defaultValue: section }) };
  return i18next.t(item.words.key, { ...named, defaultValue: item.label });
}
