import type { DurationMs, EpochMs } from '../../../main/core/domain/ids';
import type { Clock, TimerHandle } from '../../../main/core/domain/clock';
import type { FakeClock } from '../../support/fake-clock';

/**
 * The fake clock, watched: after every timer the scheduler sets, at most one may
 * be live (one timer for all connections). Timers only appear in
 * setTimeout, so checking there covers every moment of the run.
 */
export class OneTimerClock implements Clock {
  /** The most timers ever live at once. */
  mostLive = 0;
  timersSet = 0;

  constructor(readonly fake: FakeClock) {}

  now(): EpochMs {
    return this.fake.now();
  }

  monotonicNow(): number {
    return this.fake.monotonicNow();
  }

  setTimeout(callback: () => void, delayMs: DurationMs): TimerHandle {
    const handle = this.fake.setTimeout(callback, delayMs);
    this.timersSet += 1;
    const live = this.fake.liveTimers;
    if (live > this.mostLive) this.mostLive = live;
    if (live > 1) throw new Error(`The scheduler had ${live} live timers at once; it must keep exactly one`);
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.fake.clearTimeout(handle);
  }
}
