import type { DurationMs, EpochMs } from '../../main/core/domain/ids';
import type { Clock, TimerHandle } from '../../main/core/domain/clock';

/** Node's largest timer delay; above it Node fires after 1 ms, and so does this fake. */
const NODE_MAX_DELAY_MS = 2 ** 31 - 1;
/** More firings than this in one advance means timers keep re-arming at once: a bug, not a test. */
const MAX_FIRINGS_PER_ADVANCE = 1_000_000;

interface FakeTimer {
  id: number;
  /** On the monotonic timeline, which only `advance` moves: timers stop while a laptop sleeps. */
  fireAt: number;
  callback: () => void;
}

/**
 * Time for tests: timers run on a monotonic timeline moved only by `advance`,
 * while the wall clock (`now()`) also moves on `jump`, as it does after sleep
 * or when someone sets the clock.
 */
export class FakeClock implements Clock {
  private monotonic = 0;
  private wallOffset: EpochMs;
  private readonly timers = new Map<number, FakeTimer>();
  private nextId = 1;
  /** The largest delay any caller asked for, to catch delays Node would fire at once. */
  largestDelayRequested: DurationMs = 0;

  constructor(startAt: EpochMs = Date.UTC(2025, 0, 15, 9, 0, 0)) {
    this.wallOffset = startAt;
  }

  now(): EpochMs {
    return this.monotonic + this.wallOffset;
  }

  /** Moved by `advance` only, never by `jump`: like performance.now(), it cannot be set. */
  monotonicNow(): number {
    return this.monotonic;
  }

  setTimeout(callback: () => void, delayMs: DurationMs): TimerHandle {
    this.largestDelayRequested = Math.max(this.largestDelayRequested, delayMs);
    // Like Node: a delay above 2^31-1 ms (or not a number) fires after 1 ms.
    const delay = !(delayMs <= NODE_MAX_DELAY_MS) ? 1 : Math.max(0, delayMs);
    const timer: FakeTimer = { id: this.nextId++, fireAt: this.monotonic + delay, callback };
    this.timers.set(timer.id, timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id as number);
  }

  /** Timers not yet fired nor cleared. */
  get liveTimers(): number {
    return this.timers.size;
  }

  /** How long until the earliest live timer fires, or undefined when none is live. */
  get nextTimerInMs(): DurationMs | undefined {
    const next = this.earliestTimer(Number.POSITIVE_INFINITY);
    return next && next.fireAt - this.monotonic;
  }

  /** Moves both clocks forward, firing due timers in order, including those set by callbacks meanwhile. */
  advance(ms: DurationMs): void {
    const target = this.targetAfter(ms);
    let firings = 0;
    for (let timer = this.earliestTimer(target); timer; timer = this.earliestTimer(target)) {
      if (++firings > MAX_FIRINGS_PER_ADVANCE)
        throw new Error('FakeClock: timers keep firing; endless loop?');
      this.fire(timer);
    }
    this.monotonic = target;
  }

  /** Like `advance`, but lets promises settle before and after each firing, so async callbacks finish. */
  async advanceAsync(ms: DurationMs): Promise<void> {
    const target = this.targetAfter(ms);
    await settle();
    let firings = 0;
    for (let timer = this.earliestTimer(target); timer; timer = this.earliestTimer(target)) {
      if (++firings > MAX_FIRINGS_PER_ADVANCE)
        throw new Error('FakeClock: timers keep firing; endless loop?');
      this.fire(timer);
      await settle();
    }
    this.monotonic = target;
    await settle();
  }

  /** Moves the wall clock only, firing nothing: a laptop waking from sleep (positive) or the clock set back (negative). */
  jump(ms: DurationMs): void {
    this.wallOffset += ms;
  }

  private targetAfter(ms: DurationMs): number {
    if (!(ms >= 0))
      throw new RangeError('FakeClock.advance needs a duration of zero or more; use jump to go back');
    return this.monotonic + ms;
  }

  private fire(timer: FakeTimer): void {
    this.timers.delete(timer.id);
    this.monotonic = timer.fireAt;
    timer.callback();
  }

  /** The live timer due first (ties in the order they were set), if due by `limit`. */
  private earliestTimer(limit: number): FakeTimer | undefined {
    let earliest: FakeTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.fireAt > limit) continue;
      if (!earliest || timer.fireAt < earliest.fireAt) earliest = timer;
    }
    return earliest;
  }
}

/** Real promises settle in microtasks; one trip through the event loop's check phase drains them all. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
