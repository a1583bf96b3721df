import { describe, expect, it } from 'vitest';
import { countdownTone, formatCountdown, formatDuration } from '../../../../renderer/format/countdown';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = 1_800_000_000_000;

describe('countdown text', () => {
  it('shows days and hours for a token with days left', () => {
    expect(formatCountdown(NOW + 2 * DAY + 4 * HOUR + 59 * MINUTE, NOW)).toBe('2d 4h');
  });

  it('shows hours and minutes, then minutes and seconds, as expiry nears', () => {
    expect(formatCountdown(NOW + 5 * HOUR + 12 * MINUTE + 30 * SECOND, NOW)).toBe('5h 12m');
    expect(formatCountdown(NOW + 3 * MINUTE + 12 * SECOND + 400, NOW)).toBe('3m 12s');
    expect(formatCountdown(NOW + 45 * SECOND, NOW)).toBe('45s');
  });

  it('says how long ago an expired token expired, in one unit', () => {
    expect(formatCountdown(NOW - 5 * MINUTE - 12 * SECOND, NOW)).toBe('expired 5m ago');
    expect(formatCountdown(NOW - 3 * DAY, NOW)).toBe('expired 3d ago');
    expect(formatCountdown(NOW, NOW)).toBe('expired 1s ago');
  });

  it('says the lifetime is unknown rather than pretending the token never expires', () => {
    expect(formatCountdown(null, NOW)).toBe('lifetime unknown');
  });

  it('never shows a negative or fractional duration', () => {
    expect(formatDuration(-5000)).toBe('0s');
    expect(formatDuration(1999)).toBe('1s');
  });

  it('colours only the last minute and the past', () => {
    expect(countdownTone(NOW + 10 * MINUTE, NOW)).toBe('normal');
    expect(countdownTone(NOW + 30 * SECOND, NOW)).toBe('soon');
    expect(countdownTone(NOW - 1, NOW)).toBe('expired');
    expect(countdownTone(null, NOW)).toBe('normal');
  });
});
