import { KEYCHAIN_UNAVAILABLE_STEPS } from './errors';
import type { FollowUpReason, TransientReason } from './outcome';

/** When a token fails to authenticate: verify with the partner, verify here, then revoke all and re-add. */
export const REVOKE_AND_READD_STEPS = [
  'Check with the partner that their side uses the new token: compare its fingerprint and issue time.',
  'Verify the token here. If it still fails to authenticate:',
  "Revoke all of this partner's tokens, then re-add the partner to get a new working token.",
];

/** A verdict reached by this computer's clock: the clock is the likelier fault, and working credentials must not be destroyed. */
export const CHECK_CLOCK_STEPS = [
  "Check this computer's date, time and time zone (set them to update automatically). TokenTray looks again as soon as the clock changes.",
  'If the clock is right, sign in again or paste a new token from the partner: edit this connection and enter the new credentials.',
];

/**
 * A refused refresh token or grant cannot be renewed back to life: renewing again only resends it.
 * The way out is new tokens, by signing in again (RFC 6749 §4.1) or with what the partner issues.
 */
export const GET_NEW_TOKENS_STEPS = [
  'Renewing again would only send the refused token again, so get new tokens instead.',
  "Sign in again, or re-add the partner with the refresh token it issues (the connection's Refresh token field).",
];
/**
 * The keychain stopped answering while TokenTray runs: the data key read at start-up is in
 * memory, so renewals, copies and verifies go on; only the key operations, which store a new
 * key, are refused, and the next start would be locked. The window's banner and the command
 * line's `status` both say this.
 */
export const KEYCHAIN_AWAY_WHILE_RUNNING = {
  title: 'The system keychain is not available',
  effect:
    'TokenTray keeps renewing with the data key it read at start-up, but it could not start again without the keychain. Nothing is saved anywhere else: TokenTray never falls back to a plain-text file.',
  refused: 'Rotating the data key and starting over need the keychain: they are refused until it is back.',
  fix: 'To fix it: on Linux, start a Secret Service such as GNOME Keyring or KWallet and unlock it; on macOS, unlock the login keychain; on Windows, check Credential Manager. Then restart TokenTray.',
} as const;

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
  missing_credentials: [
    'No credentials are stored for this connection yet, so there is nothing to renew with.',
    'Sign in, or edit this connection and enter what the partner issued (refresh token, or client secret).',
  ],
  invalid_grant: [
    'The partner no longer accepts the stored refresh token (expired, revoked, or already used).',
    ...GET_NEW_TOKENS_STEPS,
  ],
  lost_in_crash: [
    'TokenTray stopped while this renewal was under way, and the partner no longer accepts the stored refresh token.',
    ...GET_NEW_TOKENS_STEPS,
  ],
  refresh_expired_locally: CHECK_CLOCK_STEPS,
  invalid_client: [
    "The partner rejected this connection's client id or client secret.",
    "Get new client credentials: enter the client secret the partner issues in the connection's Client secret field, and check the client id.",
    'If the partner rotated the client secret, ask them for the new one.',
  ],
  invalid_request: [
    'The partner rejected the renewal request as malformed.',
    "Check the connection's settings (scope, partner id, API version) against the partner's documentation.",
  ],
  unauthorized: ['The partner refused to authenticate this renewal.', ...GET_NEW_TOKENS_STEPS],
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
  proxy_refused: [
    'The proxy between this computer and the partner refused the proxy user name or password. The partner was not asked.',
    'Enter the proxy credentials again in Settings → Network: the connections it stopped renew again when due.',
    'Where the proxy comes from HTTPS_PROXY or HTTP_PROXY, correct the credentials there, then renew again.',
  ],
  tls_untrusted: [
    "This computer does not trust the partner's TLS certificate, so nothing was sent.",
    'If your company inspects TLS with its own certificate authority, add that CA (PEM) in Settings → Network, or on this partner.',
    'Otherwise tell the partner: their certificate may have expired or be for another host name.',
  ],
  tls_handshake: [
    'The partner refused the TLS handshake: it requires a client certificate (mutual TLS) that it accepts.',
    "Add the client certificate and its private key the partner issued in the connection's settings, then renew again.",
  ],
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

/** Refusals of the credentials themselves: the fix is new credentials, not the verify, revoke, re-add path. */
export const REFUSED_CREDENTIAL_REASONS: readonly FollowUpReason[] = [
  'invalid_grant',
  'lost_in_crash',
  'unauthorized',
  'invalid_client',
];

/** Why retries ran out, by the failure that kept coming back: the keychain needs other steps than the network. */
export function retriesExhaustedReason(lastFailure: TransientReason): FollowUpReason {
  return lastFailure === 'keychain_unavailable' ? 'keychain_retries_exhausted' : 'retries_exhausted';
}
