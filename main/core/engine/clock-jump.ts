import type { DurationMs } from '../domain/ids';
import type { Clock } from '../domain/clock';

/** Both clocks read at one moment. */
export interface ClockReading {
  wall: number;
  monotonic: number;
}

export function readClocks(clock: Pick<Clock, 'now' | 'monotonicNow'>): ClockReading {
  return { wall: clock.now(), monotonic: clock.monotonicNow() };
}

/**
 * How far the wall clock moved beyond the time that passed: negative when it was set back
 * (no real time passed), positive when it was set forward or the machine slept (the
 * monotonic clock stands still in suspend on Linux and macOS, so a sleep looks the same).
 */
export function wallClockJumpMs(before: ClockReading, after: ClockReading): DurationMs {
  // Whole milliseconds, as every stored time is: the monotonic clock has fractions.
  return Math.round(after.wall - before.wall - (after.monotonic - before.monotonic));
}
