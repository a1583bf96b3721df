import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-error';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

/** Asks before something that cannot be undone; the confirm button names the action, never just "OK". */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  tone = 'primary',
  pending = false,
  error = null,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  pending?: boolean;
  error?: ApiError | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className="dialog-body">
        {children}
        {error && <ErrorNotice error={error} />}
      </div>
      <div className="dialog-footer">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className={`button button--${tone}`}
          aria-disabled={pending || undefined}
          onClick={() => {
            if (!pending) onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
