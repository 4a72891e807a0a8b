import type { ExportProgress } from '../../../main/contract/api';
import { i18next } from '../i18n';

/**
 * The line under an export or sync progress bar. Main names its phases in English from a small fixed set; those
 * are looked up by their English text (a phase it adds later shows as sent until it is translated here).
 */
export function progressText(p: ExportProgress): string {
  if (p.error) return i18next.t('common.failed', { message: p.error });
  return i18next.t(`progress.${p.phase}`, { defaultValue: p.phase });
}
