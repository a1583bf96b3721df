import { expect } from 'vitest';
import type { CrashRunResult } from './crash-run';

/** The reasons a connection lost in a crash may show; both come with the revoke-and-re-add steps. */
export const LOST_REASONS = ['lost_in_crash', 'invalid_grant'];

/** With a grace window: the kills hit the dangerous moment, and every connection still ends healthy. */
export function expectNothingLost(result: CrashRunResult): void {
  // Kills did fall between the partner's rotation and the keychain write, so recovery was put to work.
  expect(result.windowHits).toBeGreaterThan(0);
  expect(result.lost).toBe(0);
  expect(result.connections.map((c) => `${c.dialect}: ${c.status}/${c.phase}`)).toEqual(
    result.connections.map((c) => `${c.dialect}: healthy/idle`),
  );
  expectNothingSilentlyBroken(result);
}

/** Without one: kills lose connections, and each lost one says so. */
export function expectLostOnesShown(result: CrashRunResult): void {
  expect(result.lost).toBeGreaterThan(0);
  expectNothingSilentlyBroken(result);
}

/** Whatever the kills did, no connection is silently broken and none is stuck renewing. */
export function expectNothingSilentlyBroken(result: CrashRunResult): void {
  // After every restart, a token the partner rotated away was recovered or shown as needing action.
  expect(result.brokenAfterRestart).toEqual([]);
  for (const connection of result.connections) {
    const seen = JSON.stringify({
      dialect: connection.dialect,
      status: connection.status,
      phase: connection.phase,
    });
    expect(connection.phase, seen).not.toBe('renewing');
    if (connection.status === 'healthy') {
      expect(connection.storedTokensLive, `healthy on dead tokens: ${seen}`).toBe(true);
      continue;
    }
    expect(connection.status, seen).toBe('needsAction');
    expect(LOST_REASONS, seen).toContain(connection.followUpReason);
    expect(connection.guidance.join(' ')).toMatch(/re-add the partner/i);
  }
  // Every lost connection is shown as needing action.
  expect(result.lost).toBe(result.needsAction);
}
