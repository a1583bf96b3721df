import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../main/cli/duration';
import { timeLeft } from '../../../main/cli/time-text';

describe('durations on the command line', () => {
  it('reads seconds, minutes, hours and milliseconds, a bare number as seconds', () => {
    expect(['60s', '5m', '1h', '250ms', '90', '1.5m'].map(parseDuration)).toEqual([
      60_000, 300_000, 3_600_000, 250, 90_000, 90_000,
    ]);
  });

  it('refuses words, negative numbers and more than a week', () => {
    expect(['soon', '-5s', '', '8d', '200h', '1e3'].map(parseDuration)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('time left, as the list prints it', () => {
  it('says how long until expiry, or how long ago it expired, coarsely', () => {
    const now = 1_800_000_000_000;
    expect(timeLeft(now + 30_000, now)).toBe('in 30s');
    expect(timeLeft(now + 125 * 60_000, now)).toBe('in 2h 5m');
    expect(timeLeft(now + 3 * 86_400_000, now)).toBe('in 3d');
    expect(timeLeft(now - 2 * 60_000, now)).toBe('expired 2m ago');
    expect(timeLeft(null, now)).toBe('unknown');
  });
});
