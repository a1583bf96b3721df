import type { EpochMs } from './ids';

/** Transient failures: retried with backoff until the token expires. */
export type TransientReason =
  | 'network'
  | 'timeout'
  | 'server_error'
  | 'rate_limited'
  | 'keychain_unavailable'
  /** The in-flight marker could not be saved (a full or read-only disk), so no request went out. */
  | 'storage_unavailable'
  /** Another instance of a shared workspace is renewing it: this one follows that renewal's result. */
  | 'renewing_elsewhere';

/** Refusals and local problems: stop and ask a person. */
export type FollowUpReason =
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_request'
  | 'unauthorized'
  | 'refused'
  | 'malformed_response'
  | 'insecure_endpoint'
  /** The company proxy refused TokenTray's proxy credentials (407); the partner was not asked. */
  | 'proxy_refused'
  /** The partner's TLS certificate is not trusted here. */
  | 'tls_untrusted'
  /** The partner refused the TLS handshake: its mutual TLS wants another client certificate. */
  | 'tls_handshake'
  | 'not_eligible'
  | 'lost_in_crash'
  /** The refresh token's known lifetime is over by this computer's clock, which may be wrong. */
  | 'refresh_expired_locally'
  | 'retries_exhausted'
  /** Retries ran out because the system keychain never answered, not the partner. */
  | 'keychain_retries_exhausted'
  /** Its sealed secret failed authentication: the profile file holding it is damaged. */
  | 'secret_unreadable'
  /** The profile started over with a new data key: its secrets were cleared. */
  | 'needs_credentials'
  /** None were ever stored: nobody has signed in yet, or it was imported without its secrets. */
  | 'missing_credentials';

/** What a renewal ends in: success, or the follow-up it needs, as the window and the tray show it. */
export type RenewalOutcome =
  | {
      kind: 'renewed';
      issuedAt: EpochMs;
      expiresAt: EpochMs | null;
      httpStatus: number;
      rotatedRefreshToken: boolean;
    }
  | {
      kind: 'retry';
      reason: TransientReason;
      message: string;
      httpStatus?: number;
      /** From `Retry-After`, where the server sent one. */
      retryAfterMs?: number;
      nextAttemptAt?: EpochMs;
    }
  | {
      kind: 'followUp';
      reason: FollowUpReason;
      message: string;
      guidance: string[];
      httpStatus?: number;
    };
