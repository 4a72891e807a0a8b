import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { describeError } from './errors';

/**
 * A dialog holding one form: its fields, the error of the last attempt, Cancel, and a submit button that
 * stays off while `onSubmit` runs. A failed `onSubmit` keeps the dialog open with the error shown.
 */
export function FormDialog(props: {
  title: string;
  submitLabel: string;
  /** Shown on the submit button while `onSubmit` runs (default: `submitLabel`). */
  busyLabel?: string;
  canSubmit: boolean;
  onSubmit: () => Promise<void>;
  onClose: () => void;
  /** An error from outside the submit, e.g. loading the choices. */
  error?: string | null;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const error = submitError ?? props.error;
  const { t } = useTranslation();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSubmitError(null);
    try {
      await props.onSubmit();
    } catch (err) {
      setSubmitError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form className="form" onSubmit={submit}>
        {props.children}
        {error && (
          <p role="alert" className="banner error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !props.canSubmit}>
            {busy && props.busyLabel ? props.busyLabel : props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
