import { describe, expect, it } from 'vitest';
import { nextRenewalAt } from '../../../main/core/engine/due-time';
import type { DueTimeInput } from '../../../main/core/engine/due-time';
import { seededRandom } from '../../support/seeded-random';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);

const noJitter = { renewAtShare: 2 / 3, leadTimeMs: 5 * MINUTE, jitterMs: 0 };

function plan(input: Partial<DueTimeInput>): number | null {
  return nextRenewalAt({
    issuedAt: NOW,
    expiresAt: null,
    refreshSuggestedAt: null,
    refreshExpiresAt: null,
    policy: noJitter,
    now: NOW,
    random: () => 0,
    ...input,
  });
}

describe('nextRenewalAt', () => {
  it('renews an hour-long token two thirds into its life', () => {
    expect(plan({ expiresAt: NOW + HOUR })).toBe(NOW + 40 * MINUTE);
  });

  it('lets the lead time win for a short token', () => {
    // Two thirds of 6 minutes is 4 minutes; five minutes before expiry is 1 minute.
    expect(plan({ expiresAt: NOW + 6 * MINUTE })).toBe(NOW + MINUTE);
  });

  it("follows the server's refresh_in when it comes earlier", () => {
    expect(plan({ expiresAt: NOW + HOUR, refreshSuggestedAt: NOW + 10 * MINUTE })).toBe(NOW + 10 * MINUTE);
  });

  it("ignores the server's refresh_in when two thirds come earlier", () => {
    expect(plan({ expiresAt: NOW + HOUR, refreshSuggestedAt: NOW + 50 * MINUTE })).toBe(NOW + 40 * MINUTE);
  });

  it('renews before the refresh token dies even when the access token lives long (bearer-rotation)', () => {
    const due = plan({ expiresAt: NOW + 90 * DAY, refreshExpiresAt: NOW + 30 * DAY });
    expect(due).toBe(NOW + 20 * DAY);
  });

  it('renews before a short-lived refresh token dies by its lead time', () => {
    const policy = { ...noJitter, leadTimeMs: 2 * HOUR };
    expect(plan({ policy, expiresAt: NOW + 90 * DAY, refreshExpiresAt: NOW + 3 * HOUR })).toBe(NOW + HOUR);
  });

  it('plans a one-year token about eight months out, not early', () => {
    const due = plan({ expiresAt: NOW + 365 * DAY, policy: { ...noJitter, jitterMs: 30 * SECOND } });
    expect(due).not.toBeNull();
    expect(due! - NOW).toBeGreaterThan(243 * DAY);
    expect(due! - NOW).toBeLessThan(244 * DAY);
  });

  it('plans nothing when the lifetime is unknown', () => {
    expect(plan({ expiresAt: null })).toBeNull();
  });

  it("still follows refresh_in or the refresh token's expiry when the access token's lifetime is unknown", () => {
    expect(plan({ refreshSuggestedAt: NOW + 10 * MINUTE })).toBe(NOW + 10 * MINUTE);
    expect(plan({ refreshExpiresAt: NOW + 30 * DAY })).toBe(NOW + 20 * DAY);
  });

  it('renews at once, not in the past, when the due time has passed (the app was off)', () => {
    const issuedAt = NOW - 2 * HOUR;
    expect(plan({ issuedAt, expiresAt: issuedAt + HOUR })).toBe(NOW);
    expect(plan({ issuedAt, expiresAt: issuedAt + HOUR, random: () => 0.99 })).toBe(NOW);
  });

  it('jitters earlier by at most jitterMs, never past now', () => {
    const random = seededRandom(7);
    const policy = { ...noJitter, jitterMs: 30 * SECOND };
    const spread = new Set<number>();
    for (let i = 0; i < 1_000; i++) {
      const due = plan({ expiresAt: NOW + HOUR, policy, random })!;
      expect(due).toBeLessThanOrEqual(NOW + 40 * MINUTE);
      expect(due).toBeGreaterThanOrEqual(NOW + 40 * MINUTE - 30 * SECOND);
      spread.add(due);
    }
    // Jitter that does nothing would leave one value.
    expect(spread.size).toBeGreaterThan(100);
  });

  it('jitters a renewal that is almost due by at most a tenth of the time left', () => {
    const policy = { ...noJitter, jitterMs: 30 * SECOND };
    // Five minutes before expiry is 10 s from now.
    const expiresAt = NOW + 5 * MINUTE + 10 * SECOND;
    const due = plan({ issuedAt: NOW - 20 * SECOND, expiresAt, policy, random: () => 0.999_999 });
    expect(due).toBeGreaterThanOrEqual(NOW + 9 * SECOND);
    expect(due).toBeLessThanOrEqual(NOW + 10 * SECOND);
  });
});
