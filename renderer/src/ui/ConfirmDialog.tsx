import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

/** Asks before something that cannot be taken back at a click, e.g. replacing an unsaved draft. */
export function ConfirmDialog(props: { title: string; children: ReactNode; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      <div className="form">
        {props.children}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onCancel} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
