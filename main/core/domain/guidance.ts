import { KEYCHAIN_UNAVAILABLE_STEPS } from './errors';
import type { FollowUpReason, TransientReason } from './outcome';

/** seed 002: verify with the partner, verify here, then revoke all and re-add. */
export const REVOKE_AND_READD_STEPS = [
  'Check with the partner that their side uses the new token: compare its fingerprint and issue time.',
  'Verify the token here. If it still fails to authenticate:',
  "Revoke all of this partner's tokens, then re-add the partner to get a new working token.",
];

/** Entering a connection's credentials again, after its stored ones are gone. */
const ENTER_CREDENTIALS_AGAIN =
  'Edit this connection and enter its credentials again (client secret, refresh or partner token).';

const GUIDANCE: Record<FollowUpReason, string[]> = {
  secret_unreadable: [
    'Its stored secret cannot be read: the part of the profile file that holds it is damaged. Every other connection goes on.',
    ENTER_CREDENTIALS_AGAIN,
  ],
  needs_credentials: [
    'TokenTray started over with a new data key: the secrets stored before could not be opened and were cleared.',
    ENTER_CREDENTIALS_AGAIN,
  ],
  invalid_grant: [
    'The partner no longer accepts the stored refresh token (expired, revoked, or already used).',
    ...REVOKE_AND_READD_STEPS,
  ],
  lost_in_crash: [
    'TokenTray stopped while this renewal was under way, and the partner no longer accepts the stored refresh token.',
    ...REVOKE_AND_READD_STEPS,
  ],
  invalid_client: [
    "The partner rejected this connection's client id or client secret.",
    'Check the client id in the connection settings and enter the client secret again.',
    'If the partner rotated the client secret, ask them for the new one.',
  ],
  invalid_request: [
    'The partner rejected the renewal request as malformed.',
    "Check the connection's settings (scope, partner id, API version) against the partner's documentation.",
  ],
  unauthorized: ['The partner refused to authenticate this renewal.', ...REVOKE_AND_READD_STEPS],
  refused: [
    'The partner refused the renewal.',
    "Check the connection's endpoint and settings, then renew again.",
  ],
  malformed_response: [
    'The partner answered in a form TokenTray could not read, so no stored secret was changed.',
    'Renew again later. If it keeps happening, check the endpoint and dialect, or tell the partner.',
  ],
  insecure_endpoint: ['Partner endpoints must use HTTPS (plain HTTP is allowed only on this computer).'],
  not_eligible: ['Fix what is named above, then renew again.'],
  retries_exhausted: [
    'TokenTray kept retrying but could not reach the partner before the refresh token expired.',
    "Check your network and the partner's status page, then renew again.",
    ...REVOKE_AND_READD_STEPS.slice(1),
  ],
  keychain_retries_exhausted: [
    "TokenTray kept retrying but could not reach this computer's keychain to read or store the connection's secrets before the refresh token expired.",
    ...KEYCHAIN_UNAVAILABLE_STEPS,
    "If the partner then no longer accepts the refresh token, revoke all of this partner's tokens and re-add the partner.",
  ],
};

export function guidanceFor(reason: FollowUpReason): string[] {
  return GUIDANCE[reason];
}

/** Why retries ran out, by the failure that kept coming back: the keychain needs other steps than the network. */
export function retriesExhaustedReason(lastFailure: TransientReason): FollowUpReason {
  return lastFailure === 'keychain_unavailable' ? 'keychain_retries_exhausted' : 'retries_exhausted';
}
