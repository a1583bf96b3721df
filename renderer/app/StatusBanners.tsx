import type { ApiError } from '../api/api-error';
import type { ListSnapshot } from '../api/types';
import { useState } from 'react';
import type { ApiEvent } from '../api/types';
import { useAction } from '../hooks/useAction';
import { useApiEvent } from '../hooks/useApiEvent';
import { useAnnounce } from '../hooks/useAnnounce';
import { useApi } from '../hooks/useApi';
import { formatFull } from '../format/time';
import { KEYCHAIN_AWAY_WHILE_RUNNING } from '../../main/core/domain/guidance';
import { ActionButton } from '../components/ActionButton';
import { Banner } from '../components/Banner';
import { DamagedRecordsBanner } from './DamagedRecordsBanner';
import { LockedBanner } from './LockedBanner';

/** Conditions that change what TokenTray can do at all, above everything else. */
export function StatusBanners({
  snapshot,
  error,
  onRetry,
}: {
  snapshot: ListSnapshot;
  error: ApiError | null;
  onRetry: () => void;
}) {
  const api = useApi();
  const announce = useAnnounce();
  // Said by the host just before it stops: kept, since nothing can be asked of it afterwards.
  const [stopping, setStopping] = useState<Extract<ApiEvent, { type: 'stopping' }> | null>(null);
  useApiEvent((event) => {
    if (event.type === 'stopping') setStopping(event);
  });
  // The banner and its button go away once resumed, so the outcome is said aloud.
  const resume = useAction(async () => {
    const settings = await api.setRenewalsPaused(false);
    announce('Renewals resumed.');
    return settings;
  });
  return (
    <div className="banners">
      {stopping && (
        <Banner tone="danger" icon="alert" title={stopping.message}>
          {stopping.guidance.map((step) => (
            <p key={step}>{step}</p>
          ))}
          <p>What TokenTray held was written back to its profile before it stopped.</p>
        </Banner>
      )}
      {snapshot.previousStop && (
        <Banner tone="warning" icon="alert" title={`Last run: ${snapshot.previousStop.message}`}>
          <p>That was at {formatFull(snapshot.previousStop.at)}.</p>
          {snapshot.previousStop.guidance.map((step) => (
            <p key={step}>{step}</p>
          ))}
        </Banner>
      )}
      {error && (
        <Banner
          tone="warning"
          icon="alert"
          title={error.message}
          action={
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          }
        >
          <p>Showing what TokenTray reported at {formatFull(snapshot.at)}.</p>
        </Banner>
      )}
      {snapshot.damaged && <DamagedRecordsBanner damaged={snapshot.damaged} />}
      {snapshot.secretsLock && <LockedBanner lock={snapshot.secretsLock} />}
      {!snapshot.keychainAvailable && !snapshot.secretsLock && (
        <Banner tone="danger" icon="lock" title={KEYCHAIN_AWAY_WHILE_RUNNING.title}>
          <p>
            {KEYCHAIN_AWAY_WHILE_RUNNING.effect} {KEYCHAIN_AWAY_WHILE_RUNNING.refused}
          </p>
          <p>{KEYCHAIN_AWAY_WHILE_RUNNING.fix}</p>
        </Banner>
      )}
      {snapshot.clockOffset?.warning && (
        <Banner tone="warning" icon="clock" title="This computer's clock looks wrong">
          <p>{snapshot.clockOffset.warning}</p>
        </Banner>
      )}
      {!snapshot.storage.ok && (
        <Banner tone="danger" icon="alert" title={snapshot.storage.message}>
          <p>
            Since {formatFull(snapshot.storage.since)}, changes are kept in memory only. The profile is{' '}
            <code>{snapshot.storage.directory}</code>.
          </p>
          {snapshot.storage.guidance.map((step) => (
            <p key={step}>{step}</p>
          ))}
        </Banner>
      )}
      {snapshot.renewalsPaused && (
        <Banner
          tone="warning"
          icon="pause"
          title="Renewals are paused"
          action={
            <ActionButton action={resume} className="button button--primary">
              Resume renewals
            </ActionButton>
          }
        >
          <p>No token renews while paused; tokens run out at their expiry.</p>
          {resume.error && <p className="field-error">{resume.error.message}</p>}
        </Banner>
      )}
    </div>
  );
}
