import type { EpochMs } from '../domain/ids';
import type { FollowUpReason, TransientReason } from '../domain/outcome';

/** What one renewal answer means, before the engine stores anything. Messages never hold a secret. */
export type ParsedRenewal =
  | {
      kind: 'renewed';
      httpStatus: number;
      accessToken: string;
      /** Null when the server sent none: the engine keeps the old one. */
      refreshToken: string | null;
      tokenType: string | null;
      issuedAt: EpochMs;
      /** Null when the server gave no lifetime: unknown, never "never expires". */
      expiresAt: EpochMs | null;
      /** The answer held an expiry that is not a time: where, and its shape (never the value). */
      expiryUnreadable?: string;
      refreshSuggestedAt: EpochMs | null;
      refreshExpiresAt: EpochMs | null;
      scope?: string;
      serverId?: string;
      userId?: string;
      /** Server clock minus local clock, from the `Date` header (0 without one). */
      clockSkewMs: number;
    }
  | { kind: 'retry'; reason: TransientReason; message: string; httpStatus?: number; retryAfterMs?: number }
  | { kind: 'followUp'; reason: FollowUpReason; message: string; httpStatus?: number; serverError?: string };
