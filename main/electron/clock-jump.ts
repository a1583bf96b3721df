import type { Clock, TimerHandle } from '../core/domain/clock';
import type { ClockReading } from '../core/engine/clock-jump';
import { wallClockJumpMs } from '../core/engine/clock-jump';

export const CLOCK_CHECK_EVERY_MS = 15_000;
/** Timers drift by milliseconds; a change of the clock, or a sleep, is seconds or more. */
export const CLOCK_JUMP_TOLERANCE_MS = 5_000;

export type TimeReading = ClockReading;

/** The wall clock moved apart from the monotonic one: someone set the clock, or the machine slept. */
export function clockJumped(
  before: TimeReading,
  after: TimeReading,
  toleranceMs = CLOCK_JUMP_TOLERANCE_MS,
): boolean {
  return Math.abs(wallClockJumpMs(before, after)) > toleranceMs;
}

export interface ClockJumpWatchDeps {
  clock: Clock;
  /** A clock that never jumps and stands still in sleep (performance.now). */
  monotonicNow: () => number;
  onJump: () => void;
  everyMs?: number;
}

/**
 * Electron has no "clock changed" event, so the shell compares the wall clock
 * with a monotonic one every few seconds and re-plans when they part.
 */
export class ClockJumpWatch {
  private last: TimeReading | null = null;
  private timer: TimerHandle | null = null;

  constructor(private readonly deps: ClockJumpWatchDeps) {}

  start(): void {
    this.last = this.read();
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private check(): void {
    const now = this.read();
    if (this.last !== null && clockJumped(this.last, now)) this.deps.onJump();
    this.last = now;
    this.schedule();
  }

  private schedule(): void {
    this.timer = this.deps.clock.setTimeout(() => this.check(), this.deps.everyMs ?? CLOCK_CHECK_EVERY_MS);
  }

  private read(): TimeReading {
    return { wall: this.deps.clock.now(), monotonic: this.deps.monotonicNow() };
  }
}
