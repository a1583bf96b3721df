import type { DurationMs, EpochMs } from '../domain/ids';

/** Time as the core sees it; tests pass a fake so scheduling runs without sleeping. */
export interface Clock {
  now(): EpochMs;
  setTimeout(callback: () => void, delayMs: DurationMs): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: unknown;
}

export const systemClock: Clock = {
  now: () => Date.now(),
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
