import type { DurationMs, EpochMs } from '../domain/ids';

/** Exponential backoff for transient failures. */
export interface RetryPolicy {
  /** The first retry's delay before jitter. */
  baseMs: DurationMs;
  /** No retry waits longer than this before jitter. */
  maxMs: DurationMs;
}

/** 10 s doubling to 5 min. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 10_000, maxMs: 5 * 60_000 };

/** A server asking for more than an hour gets an hour: a hostile or broken Retry-After must not park a token. */
export const MAX_RETRY_AFTER_MS: DurationMs = 60 * 60_000;

export interface RetryDelayOptions {
  policy?: RetryPolicy;
  /** The server's Retry-After, in ms (429, 503). */
  retryAfterMs?: number;
  /** A number in [0, 1); Math.random by default. */
  random?: () => number;
}

/**
 * The wait before retry number `attempt` (0 for the first retry), with "equal
 * jitter": half the backoff fixed, half random, so that retries spread out but
 * never come sooner than half the backoff. Never sooner than Retry-After.
 */
export function retryDelayMs(attempt: number, options: RetryDelayOptions = {}): DurationMs {
  const { baseMs, maxMs } = options.policy ?? DEFAULT_RETRY_POLICY;
  const exponent = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const backoff = Math.min(maxMs, baseMs * 2 ** exponent);
  const random = clampUnit((options.random ?? Math.random)());
  const jittered = Math.round(backoff / 2 + (random * backoff) / 2);
  return Math.max(jittered, retryAfter(options.retryAfterMs));
}

export interface NextRetryInput extends RetryDelayOptions {
  now: EpochMs;
  attempt: number;
  /** The current token's expiry; null when its lifetime is unknown. */
  expiresAt: EpochMs | null;
}

/**
 * When to try again, or null to give up because the retry would come only
 * after the token has expired (the engine then asks a person). A token of
 * unknown lifetime keeps retrying.
 */
export function nextRetryAt(input: NextRetryInput): EpochMs | null {
  const at = input.now + retryDelayMs(input.attempt, input);
  if (input.expiresAt === null || at < input.expiresAt) return at;
  // The backoff would miss the expiry: one last attempt just before it, unless the
  // server asked us to wait past it or there is no time left for one.
  const lastChance = input.expiresAt - LAST_CHANCE_BEFORE_EXPIRY_MS;
  const waitAskedFor = input.now + retryAfter(input.retryAfterMs);
  if (lastChance - input.now < LAST_CHANCE_BEFORE_EXPIRY_MS || waitAskedFor > lastChance) return null;
  return lastChance;
}

/** How long before expiry the last retry goes out. */
export const LAST_CHANCE_BEFORE_EXPIRY_MS = 5_000;

function retryAfter(retryAfterMs: number | undefined): DurationMs {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return 0;
  return Math.ceil(Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAfterMs)));
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
