import type { ConnectionView } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { TimeUntil } from '../../components/TimeUntil';
import { formatFull } from '../../format/time';
import { unknownLifetimeRenewal } from '../../../main/core/view/connection-status';
import { NextRenewal } from '../../components/NextRenewal';

/** When the next renewal happens, how the last went, and when the refresh token itself dies. */
export function RenewalDetails({ connection }: { connection: ConnectionView }) {
  const manual = connection.dialect === 'manual';
  const unknownLifetime = unknownLifetimeRenewal(connection, connection.token);
  return (
    <section className="panel-section">
      <h3>Renewal</h3>
      <dl className="facts">
        <dt>Next renewal</dt>
        <dd>
          {manual ? (
            'You paste the new token from the partner portal; TokenTray reminds you before this one expires.'
          ) : (
            <>
              <NextRenewal connection={connection} />
              {connection.nextRenewalAt !== null &&
                ['healthy', 'expiringSoon'].includes(connection.status) && (
                  <span className="muted">
                    {' '}
                    · <TimeUntil at={connection.nextRenewalAt} />
                  </span>
                )}
            </>
          )}
        </dd>
        {unknownLifetime && (
          <>
            <dt>Renewal interval</dt>
            <dd>{unknownLifetime}</dd>
          </>
        )}
        {connection.nextAttemptAt !== null && (
          <>
            <dt>Next attempt</dt>
            <dd>{formatFull(connection.nextAttemptAt)}</dd>
          </>
        )}
        {!manual && (
          <>
            <dt>Last renewed</dt>
            <dd>{connection.lastRenewedAt === null ? 'Not yet' : formatFull(connection.lastRenewedAt)}</dd>
          </>
        )}
        {connection.refreshExpiresAt !== null && (
          <>
            <dt>Refresh token expires</dt>
            <dd>
              {formatFull(connection.refreshExpiresAt)} ·{' '}
              <Countdown expiresAt={connection.refreshExpiresAt} />
            </dd>
          </>
        )}
        {connection.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="wrap">{connection.lastError}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
