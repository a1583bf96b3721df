import { useState } from 'react';
import type { ListSnapshot } from '../api/types';
import { Banner } from '../components/Banner';
import { useAction } from '../hooks/useAction';
import { useAnnounce } from '../hooks/useAnnounce';
import { useApi } from '../hooks/useApi';
import { SECRETS_BLOCKED_ACTIONS } from '../hooks/useSecretsBlocked';

type SecretsLock = NonNullable<ListSnapshot['secretsLock']>;

/**
 * The profile's secrets are locked: why, what to do, and (for a key that is lost rather
 * than out of reach) starting over, which the person confirms before anything is cleared.
 */
export function LockedBanner({ lock }: { lock: SecretsLock }) {
  const api = useApi();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  const startOver = useAction(async () => {
    await api.startOver();
    announce('Started over: every connection needs its credentials again.');
  });
  const canStartOver = lock.reason !== 'keychain_unavailable';
  return (
    <Banner
      tone="danger"
      icon="lock"
      title="TokenTray is locked"
      action={
        canStartOver && !confirming ? (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            Start over…
          </button>
        ) : undefined
      }
    >
      <p>{lock.message}</p>
      <ul className="notice-list">
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
        <div role="group" aria-label="Start over">
          <p>
            Starting over clears every stored secret for good. Connections and history stay; each connection
            will ask for its credentials again.
          </p>
          <button
            type="button"
            className="button button--danger"
            aria-disabled={startOver.pending || undefined}
            onClick={() => void (startOver.pending || startOver.run())}
          >
            Clear the secrets and start over
          </button>{' '}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {startOver.error && <p className="field-error">{startOver.error.message}</p>}
    </Banner>
  );
}
