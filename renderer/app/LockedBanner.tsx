import { KEY_LOST_REASONS } from '../../main/core/domain/lock-reasons';
import { useState } from 'react';
import type { ListSnapshot } from '../api/types';
import { Banner } from '../components/Banner';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useAction } from '../hooks/useAction';
import { useAnnounce } from '../hooks/useAnnounce';
import { useApi } from '../hooks/useApi';
import { SECRETS_BLOCKED_ACTIONS } from '../hooks/useSecretsBlocked';

type SecretsLock = NonNullable<ListSnapshot['secretsLock']>;

/**
 * The profile's secrets are locked: why, what to do, and (for a key that is lost rather
 * than out of reach) starting over, which the person confirms in a dialog before anything
 * is cleared: focus starts on Cancel, Escape backs out, and focus returns to the banner.
 */
export function LockedBanner({ lock }: { lock: SecretsLock }) {
  const api = useApi();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  const startOver = useAction(async () => {
    await api.startOver();
    setConfirming(false);
    announce('Started over: every connection needs its credentials again.');
  });
  const canStartOver = KEY_LOST_REASONS.includes(lock.reason);
  return (
    <Banner
      tone="danger"
      icon="lock"
      title="TokenTray is locked"
      action={
        canStartOver ? (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            Start over…
          </button>
        ) : undefined
      }
    >
      <p>{lock.message}</p>
      <ul className="notice-list" aria-label="What to do">
        {lock.guidance.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {lock.commands && lock.commands.length > 0 && (
        <pre className="command-block" aria-label="Commands to run">
          <code>{lock.commands.join('\n')}</code>
        </pre>
      )}
      <p>{SECRETS_BLOCKED_ACTIONS}</p>
      {confirming && (
        <ConfirmDialog
          title="Start over with a new key?"
          confirmLabel="Clear the secrets and start over"
          tone="danger"
          pending={startOver.pending}
          error={startOver.error}
          onConfirm={() => void startOver.run()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Starting over clears every stored secret for good: the ones the lost key sealed cannot be opened
            again. Connections, their settings and history stay; each connection will ask for its credentials
            again.
          </p>
        </ConfirmDialog>
      )}
    </Banner>
  );
}
