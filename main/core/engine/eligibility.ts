import type { Connection, ConnectionState, EpochMs, FollowUpReason, Partner } from '../domain';
import { checkEndpointUrl } from '../dialects/endpoint-security';

/**
 * `paused`: not a fault to fix in the connection, just not renewed now (disabled, suspended, manual).
 * `byLocalClock`: decided by this computer's clock alone, which may be wrong: the partner is asked once.
 */
export type Eligibility =
  | { ok: true }
  | { ok: false; reason: FollowUpReason; message: string; paused?: boolean; byLocalClock?: boolean };

export const REFRESH_EXPIRED_LOCALLY_MESSAGE = "By this computer's clock the refresh token has expired.";

/**
 * Renewal needs an enabled connection, an active partner, and a refresh
 * token that is present and unexpired. Checked locally, before anyone is called.
 */
export function checkEligibility(input: {
  connection: Connection;
  partner: Partner | undefined;
  state: ConnectionState;
  hasRefreshToken: boolean;
  now: EpochMs;
}): Eligibility {
  const { connection, partner, state, now } = input;
  if (connection.dialect === 'manual') {
    return paused('This token is issued in the partner portal: paste the new token to renew it.');
  }
  if (!connection.enabled) return paused('This connection is disabled. Enable it to renew.');
  if (!partner) return notEligible('This connection has no partner.');
  if (partner.status !== 'active') {
    return paused(`${partner.name} is suspended, so its connections are not renewed.`);
  }
  const endpoint = checkEndpointUrl(connection.endpoint);
  if (!endpoint.ok) return { ok: false, reason: 'insecure_endpoint', message: endpoint.message };
  if (!input.hasRefreshToken) {
    return {
      ok: false,
      reason: 'missing_credentials',
      message:
        connection.settings.grant === 'authorization_code'
          ? 'Nobody has signed in for this connection yet: sign in to get its tokens.'
          : 'No refresh token is stored for this connection: enter the one the partner issued.',
    };
  }
  if (state.refreshExpiresAt !== null && state.refreshExpiresAt <= now) {
    return {
      ok: false,
      reason: 'refresh_expired_locally',
      message: REFRESH_EXPIRED_LOCALLY_MESSAGE,
      byLocalClock: true,
    };
  }
  return { ok: true };
}

function notEligible(message: string): Eligibility {
  return { ok: false, reason: 'not_eligible', message };
}

function paused(message: string): Eligibility {
  return { ok: false, reason: 'not_eligible', message, paused: true };
}
