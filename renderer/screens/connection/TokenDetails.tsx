import type { ConnectionView } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { Fingerprint } from '../../components/Fingerprint';
import { TokenStatusBadge } from '../../components/TokenStatusBadge';
import { formatFull } from '../../format/time';

/** The current token's metadata; the token itself never reaches the window. */
export function TokenDetails({ connection }: { connection: ConnectionView }) {
  const { token } = connection;
  return (
    <section className="panel-section">
      <h3>Current token</h3>
      {token ? (
        <dl className="facts">
          <dt>Fingerprint</dt>
          <dd>
            <Fingerprint value={token.fingerprint} />
          </dd>
          <dt>Status</dt>
          <dd>
            <TokenStatusBadge status={token.status} />
          </dd>
          <dt>Issued</dt>
          <dd>{formatFull(token.issuedAt)}</dd>
          <dt>Expires</dt>
          <dd>
            {token.expiresAt === null ? (
              <span>
                {token.expiryUnreadable
                  ? 'Unknown: the expiry the partner sent could not be read'
                  : 'Unknown: the partner did not say how long this token lasts'}
              </span>
            ) : (
              <>
                {formatFull(token.expiresAt)} · <Countdown expiresAt={token.expiresAt} />
              </>
            )}
          </dd>
          {token.scope && (
            <>
              <dt>Scope</dt>
              <dd className="wrap">{token.scope}</dd>
            </>
          )}
          {token.serverId && (
            <>
              <dt>Server id</dt>
              <dd className="mono">{token.serverId}</dd>
            </>
          )}
          {token.userId && (
            <>
              <dt>{connection.settings.grant === 'authorization_code' ? 'Signed in as' : 'User id'}</dt>
              <dd className="mono">{token.userId}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">No token is stored for this connection.</p>
      )}
    </section>
  );
}
