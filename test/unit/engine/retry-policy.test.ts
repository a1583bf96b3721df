import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  MAX_RETRY_AFTER_MS,
  nextRetryAt,
  retryDelayMs,
} from '../../../main/core/engine/retry-policy';
import { seededRandom } from '../../support/seeded-random';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);

describe('retryDelayMs', () => {
  it('doubles from 10 s up to the 5 minute cap', () => {
    const longest = [0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => retryDelayMs(attempt, { random: () => 1 }));
    expect(longest).toEqual([10, 20, 40, 80, 160, 300, 300, 300].map((s) => s * SECOND));
    expect(DEFAULT_RETRY_POLICY).toEqual({ baseMs: 10 * SECOND, maxMs: 5 * MINUTE });
  });

  it('keeps jitter between half the backoff and the whole of it', () => {
    const random = seededRandom(42);
    for (let attempt = 0; attempt < 10; attempt++) {
      const backoff = Math.min(5 * MINUTE, 10 * SECOND * 2 ** attempt);
      const delays = Array.from({ length: 200 }, () => retryDelayMs(attempt, { random }));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(backoff / 2);
      expect(Math.max(...delays)).toBeLessThanOrEqual(backoff);
      expect(new Set(delays).size).toBeGreaterThan(1);
    }
  });

  it('never retries sooner than Retry-After', () => {
    expect(retryDelayMs(0, { retryAfterMs: 2 * MINUTE, random: () => 0 })).toBe(2 * MINUTE);
    // A short Retry-After does not shorten the backoff.
    expect(retryDelayMs(3, { retryAfterMs: SECOND, random: () => 0 })).toBe(40 * SECOND);
  });

  it('caps a huge Retry-After at an hour', () => {
    expect(retryDelayMs(0, { retryAfterMs: 48 * 60 * MINUTE, random: () => 0 })).toBe(MAX_RETRY_AFTER_MS);
  });

  it('follows a policy of its own', () => {
    const policy = { baseMs: SECOND, maxMs: 4 * SECOND };
    expect([0, 1, 2, 3].map((attempt) => retryDelayMs(attempt, { policy, random: () => 0 }))).toEqual([
      500, 1_000, 2_000, 2_000,
    ]);
  });
});

describe('nextRetryAt', () => {
  it('plans the retry after the backoff while the token is still valid', () => {
    expect(nextRetryAt({ now: NOW, attempt: 1, expiresAt: NOW + 5 * MINUTE, random: () => 0 })).toBe(
      NOW + 10 * SECOND,
    );
  });

  it('gives up when the retry would land after the token expires', () => {
    expect(nextRetryAt({ now: NOW, attempt: 0, expiresAt: NOW + 3 * SECOND, random: () => 0 })).toBeNull();
    expect(nextRetryAt({ now: NOW, attempt: 0, expiresAt: NOW - SECOND, random: () => 0 })).toBeNull();
    expect(
      nextRetryAt({ now: NOW, attempt: 0, expiresAt: NOW + 10 * MINUTE, retryAfterMs: 20 * MINUTE }),
    ).toBeNull();
  });

  it('makes one last attempt shortly before expiry when the backoff would miss it, then gives up', () => {
    const expiresAt = NOW + 2 * MINUTE;
    const last = nextRetryAt({ now: NOW, attempt: 6, expiresAt, random: () => 1 });
    expect(last).toBe(expiresAt - 5 * SECOND);
    expect(nextRetryAt({ now: last!, attempt: 7, expiresAt, random: () => 1 })).toBeNull();
  });

  it('keeps retrying a token of unknown lifetime', () => {
    const at = nextRetryAt({ now: NOW, attempt: 50, expiresAt: null, random: () => 1 });
    expect(at).toBe(NOW + 5 * MINUTE);
  });
});
