import type { EpochMs } from '../../../main/core/domain/ids';
import type { Clock } from '../../../main/core/domain/clock';
import { systemClock } from '../../../main/core/domain/clock';

/**
 * The system clock with a wall clock that `jump` moves, as after a laptop's sleep: timers run on
 * real time, so several processes (each with its own) keep renewing and following one another.
 */
export class ShiftedClock implements Clock {
  private offsetMs = 0;
  readonly monotonicNow = systemClock.monotonicNow;
  readonly setTimeout = systemClock.setTimeout;
  readonly clearTimeout = systemClock.clearTimeout;

  now(): EpochMs {
    return Date.now() + this.offsetMs;
  }

  jump(ms: number): void {
    this.offsetMs += ms;
  }
}
