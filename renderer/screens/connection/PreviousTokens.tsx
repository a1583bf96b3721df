import type { TokenView } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { Fingerprint } from '../../components/Fingerprint';
import { TokenStatusBadge } from '../../components/TokenStatusBadge';
import { When } from '../../components/When';

/** Earlier tokens, newest first: a Renewed one stays usable until its own expiry. */
export function PreviousTokens({ tokens }: { tokens: TokenView[] }) {
  if (tokens.length === 0) return null;
  return (
    <section className="panel-section">
      <h3>Previous tokens</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Fingerprint</th>
            <th scope="col">Status</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>
                <Fingerprint value={token.fingerprint} />
              </td>
              <td>
                <TokenStatusBadge status={token.status} />
              </td>
              <td>
                <When at={token.issuedAt} />
              </td>
              <td>
                {token.status === 'renewed' ? (
                  <Countdown expiresAt={token.expiresAt} />
                ) : (
                  <When at={token.expiresAt} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
