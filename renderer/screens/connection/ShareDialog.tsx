import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/api-error';
import { toApiError } from '../../api/api-error';
import type { ConnectionView, PartnerBrief } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Fingerprint } from '../../components/Fingerprint';
import { Icon } from '../../components/Icon';
import { Outcome } from '../../components/Outcome';
import { useApi } from '../../hooks/useApi';

/**
 * Share as a mail draft, after the warning. The mailto: link holds the token, so it
 * lives only in a ref until the person confirms and is never put in the page.
 */
export function ShareDialog({
  connection,
  partner,
  onClose,
  onOpened,
}: {
  connection: ConnectionView;
  partner: PartnerBrief;
  onClose: () => void;
  onOpened: () => void;
}) {
  const api = useApi();
  const mailto = useRef<string | null>(null);
  const [draft, setDraft] = useState<{ fingerprint: string; warning: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    api.shareToken(connection.id).then(
      (share) => {
        if (!live) return;
        mailto.current = share.mailto;
        setDraft({ fingerprint: share.fingerprint, warning: share.warning });
      },
      (caught: unknown) => live && setError(toApiError(caught)),
    );
    return () => {
      live = false;
      mailto.current = null;
    };
  }, [api, connection.id]);

  const open = () => {
    const url = mailto.current;
    if (!url) return;
    mailto.current = null;
    // The mail program opens; the page stays where it is.
    window.location.href = url;
    onOpened();
    onClose();
  };

  return (
    <ConfirmDialog
      title={`Share with ${partner.name}?`}
      confirmLabel="Open mail draft"
      pending={draft === null}
      error={error}
      onConfirm={open}
      onCancel={onClose}
    >
      {draft ? (
        <>
          <div className="notice notice--warning">
            <Icon name="alert" />
            <p>{draft.warning}</p>
          </div>
          <dl className="facts">
            <div className="facts-row">
              <dt>To</dt>
              <dd>
                {partner.contactEmail || 'No address on file: choose the recipient in your mail program.'}
              </dd>
            </div>
            <div className="facts-row">
              <dt>Token</dt>
              <dd>
                <Fingerprint value={draft.fingerprint} /> of {connection.label}
              </dd>
            </div>
          </dl>
        </>
      ) : (
        !error && <Outcome tone="progress">Preparing the mail draft…</Outcome>
      )}
    </ConfirmDialog>
  );
}
