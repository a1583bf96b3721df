import { describe, expect, it } from 'vitest';
import { nextRenewalAt } from '../../../main/core/engine/due-time';
import type { DueTimeInput } from '../../../main/core/engine/due-time';
import { seededRandom } from '../../support/seeded-random';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);

const noJitter = {
  renewAtShare: 2 / 3,
  leadTimeMs: 5 * MINUTE,
  jitterMs: 0,
  unknownLifetimeIntervalMs: HOUR,
};

function plan(input: Partial<DueTimeInput>): number {
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

  it('renews a token of unknown lifetime the policy interval after its last renewal', () => {
    const lastRenewedAt = NOW - 20 * MINUTE;
    expect(plan({ issuedAt: lastRenewedAt, lastRenewedAt })).toBe(lastRenewedAt + HOUR);
    const policy = { ...noJitter, unknownLifetimeIntervalMs: 6 * HOUR };
    expect(plan({ issuedAt: lastRenewedAt, lastRenewedAt, policy })).toBe(lastRenewedAt + 6 * HOUR);
  });

  it('counts the interval from a token pasted after the last renewal, and from its issue when never renewed', () => {
    expect(plan({ issuedAt: NOW, lastRenewedAt: NOW - 5 * HOUR })).toBe(NOW + HOUR);
    expect(plan({ issuedAt: NOW - 10 * MINUTE })).toBe(NOW + 50 * MINUTE);
  });

  it('renews a token of unknown lifetime at once when its interval passed while the app was off', () => {
    expect(plan({ issuedAt: NOW - 3 * HOUR, lastRenewedAt: NOW - 3 * HOUR })).toBe(NOW);
  });

  it('jitters the unknown-lifetime interval like any other due time', () => {
    const policy = { ...noJitter, jitterMs: 30 * SECOND };
    const due = plan({ lastRenewedAt: NOW, policy, random: () => 0.5 });
    expect(due).toBe(NOW + HOUR - 15 * SECOND);
  });

  it("takes refresh_in or the refresh token's expiry instead when they come before the interval", () => {
    expect(plan({ refreshSuggestedAt: NOW + 10 * MINUTE })).toBe(NOW + 10 * MINUTE);
    expect(plan({ refreshExpiresAt: NOW + 90 * MINUTE })).toBe(NOW + HOUR);
    expect(plan({ refreshExpiresAt: NOW + 30 * DAY })).toBe(NOW + HOUR);
    const policy = { ...noJitter, unknownLifetimeIntervalMs: 60 * DAY };
    expect(plan({ refreshExpiresAt: NOW + 30 * DAY, policy })).toBe(NOW + 20 * DAY);
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
