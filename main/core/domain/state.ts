import { z } from 'zod';

/** What the engine is doing with a connection, persisted so a restart knows. */
export const RenewalPhaseSchema = z.enum(['idle', 'renewing', 'retrying', 'needsAction', 'paused']);
export type RenewalPhase = z.infer<typeof RenewalPhaseSchema>;

export const FollowUpSchema = z.object({
  reason: z.string(),
  message: z.string(),
  guidance: z.array(z.string()),
  at: z.number(),
  httpStatus: z.number().optional(),
  /** Decided by this computer's clock without the partner's word: looked at again when the clock changes. */
  byLocalClock: z.boolean().optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const ConnectionStateSchema = z.object({
  connectionId: z.string().min(1),
  phase: RenewalPhaseSchema.default('idle'),
  /** Consecutive transient failures, for backoff. */
  attempt: z.number().int().min(0).default(0),
  nextAttemptAt: z.number().nullable().default(null),
  lastRenewedAt: z.number().nullable().default(null),
  lastError: z.string().nullable().default(null),
  followUp: FollowUpSchema.nullable().default(null),
  /** The server's `refresh_in` as an absolute time. */
  refreshSuggestedAt: z.number().nullable().default(null),
  /** When the refresh token itself dies, where known. */
  refreshExpiresAt: z.number().nullable().default(null),
  /** Server clock minus local clock, from the `Date` header. */
  clockSkewMs: z.number().default(0),
  /** Set before a renewal request goes out and cleared after its result is stored: survives a crash. */
  inFlight: z
    .object({
      startedAt: z.number(),
      refreshFingerprint: z.string().nullable(),
      /** The instance renewing, in a shared workspace: another recovers only once it is gone. */
      owner: z.string().optional(),
    })
    .nullable()
    .default(null),
  /** Reminder milestones already notified, as `${tokenId}:${days}`: each fires once. */
  remindersSent: z.array(z.string()).default([]),
});
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

/** The schema's defaults, worked out once: a state is asked for on every renewal and every snapshot row. */
const DEFAULT_STATE = ConnectionStateSchema.parse({ connectionId: '-' });

export function initialState(connectionId: string): ConnectionState {
  return { ...DEFAULT_STATE, remindersSent: [], connectionId };
}

/**
 * A connection given working secrets anew (re-added by hand, or restored from a backup): no
 * follow-up, no retry, nothing in flight, and nothing kept about the refresh token it had before.
 */
export const FRESH_START = {
  phase: 'idle',
  attempt: 0,
  nextAttemptAt: null,
  followUp: null,
  lastError: null,
  refreshExpiresAt: null,
  refreshSuggestedAt: null,
  inFlight: null,
} as const satisfies Partial<ConnectionState>;
