import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/api-error';
import { toApiError } from '../../api/api-error';
import type { ConnectionBrief, PartnerBrief, SharePreview } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Fingerprint } from '../../components/Fingerprint';
import { Icon } from '../../components/Icon';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { shareMessage } from './share-message';
import type { Shared } from './share-message';

/**
 * Share as a mail draft, after the warning. The host hands the draft to the mail program
 * and says whether one answered; where none did, the message can be copied instead.
 * The token never enters the page, except on its way to the clipboard in a browser.
 */
export function ShareDialog({
  connection,
  partner,
  onClose,
  onShared,
}: {
  connection: Pick<ConnectionBrief, 'id' | 'label'>;
  partner: PartnerBrief;
  onClose: () => void;
  /** The token left: a draft was handed over or the message copied. */
  onShared: (shared: Shared) => void;
}) {
  const api = useApi();
  const [preview, setPreview] = useState<SharePreview | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [noMailApp, setNoMailApp] = useState(false);
  const copyButton = useRef<HTMLButtonElement>(null);
  const share = useAction(
    useCallback(
      (via: 'mailDraft' | 'copyMessage') => shareMessage(api, connection.id, via),
      [api, connection.id],
    ),
  );

  useEffect(() => {
    let live = true;
    api.previewShare(connection.id).then(
      (loaded) => live && setPreview(loaded),
      (caught: unknown) => live && setLoadError(toApiError(caught)),
    );
    return () => {
      live = false;
    };
  }, [api, connection.id]);

  const run = async (via: 'mailDraft' | 'copyMessage') => {
    if (share.pending || !preview) return;
    const settled = await share.run(via);
    if (!settled.ok) return;
    if (settled.value.outcome === 'noMailApp') {
      setNoMailApp(true);
      // The button that was pressed goes away: the focus moves to the way that is left.
      copyButton.current?.focus();
      return;
    }
    onShared(settled.value);
    onClose();
  };

  return (
    <Dialog title={`Share with ${partner.name}?`} onClose={onClose}>
      <div className="dialog-body">
        {preview ? (
          <>
            <div className="notice notice--warning">
              <Icon name="alert" />
              <p>{preview.warning}</p>
            </div>
            <dl className="facts">
              <div className="facts-row">
                <dt>To</dt>
                <dd>{preview.to || 'No address on file: choose the recipient in your mail program.'}</dd>
              </div>
              <div className="facts-row">
                <dt>Token</dt>
                <dd>
                  {preview.fingerprint && <Fingerprint value={preview.fingerprint} />} of {connection.label}
                </dd>
              </div>
            </dl>
          </>
        ) : (
          !loadError && <Outcome tone="progress">Preparing the mail draft…</Outcome>
        )}
        <div aria-live="polite">
          {share.pending && <Outcome tone="progress">Handing the draft over…</Outcome>}
          {noMailApp && !share.pending && (
            <div className="notice notice--warning" role="alert">
              <Icon name="alert" />
              <div>
                <p className="notice-title">No mail program answered. Nothing was shared.</p>
                <p>Copy the message instead and paste it into a mail to the partner.</p>
              </div>
            </div>
          )}
        </div>
        {loadError && <ErrorNotice error={loadError} />}
        {share.error && <ErrorNotice error={share.error} />}
      </div>
      <div className="dialog-footer">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          ref={copyButton}
          type="button"
          className={noMailApp ? 'button button--primary' : 'button'}
          aria-disabled={share.pending || !preview || undefined}
          onClick={() => void run('copyMessage')}
        >
          Copy message
        </button>
        {!noMailApp && (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={share.pending || !preview || undefined}
            onClick={() => void run('mailDraft')}
          >
            Open mail draft
          </button>
        )}
      </div>
    </Dialog>
  );
}
