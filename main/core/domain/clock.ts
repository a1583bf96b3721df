import { performance } from 'node:perf_hooks';
import type { DurationMs, EpochMs } from './ids';

/** Time as the core sees it; tests pass a fake so scheduling runs without sleeping. */
export interface Clock {
  /** The wall clock: what stored times are in, and what a person can set. */
  now(): EpochMs;
  /**
   * Milliseconds from an arbitrary start on a clock nobody can set (performance.now): only its
   * differences mean anything. Against the wall clock it tells a clock change from elapsed time.
   */
  monotonicNow(): number;
  setTimeout(callback: () => void, delayMs: DurationMs): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: unknown;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonicNow: () => performance.now(),
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    // The app must be able to exit while renewals are planned.
    timer.unref?.();
    return { id: timer };
  },
  clearTimeout(handle) {
    clearTimeout(handle.id as NodeJS.Timeout);
  },
};
