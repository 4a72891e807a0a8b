import { uiLocale } from '../i18n';

/** "12:03" for today, "14 Jan 2026, 12:03" otherwise. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = d.toLocaleTimeString(uiLocale(), { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date().toDateString()
    ? time
    : `${d.toLocaleDateString(uiLocale(), { day: 'numeric', month: 'short', year: 'numeric' })}, ${time}`;
}

export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(uiLocale(), { day: 'numeric', month: 'long', year: 'numeric' });
}
