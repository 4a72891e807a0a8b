import { i18next } from '../i18n';

/** A user-facing sentence for an error from main. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.name === 'ConflictError' ? i18next.t('errors.conflict', { message: e.message }) : e.message;
  return String(e);
}
