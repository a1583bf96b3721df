import type { DurationMs, EpochMs } from '../domain/ids';
import type { Clock, TimerHandle } from '../domain/clock';
import type { ClockReading } from './clock-jump';
import { readClocks, wallClockJumpMs } from './clock-jump';
import type { DueEntry } from './due-queue';
import { DueQueue } from './due-queue';

/** Node fires a timer whose delay is above 2^31-1 ms at once, so no delay may exceed it. */
export const MAX_TIMER_DELAY_MS: DurationMs = 2 ** 31 - 1;

export interface SchedulerOptions {
  /** Wake at least this often to check the wall clock: timers stop while a laptop sleeps. Default 30 s. */
  wallClockCheckMs?: DurationMs;
  /** The wall clock parting from the monotonic one by more than this is a jump. Default 5 s. */
  jumpToleranceMs?: DurationMs;
  /** Hears a due callback or a jump listener that threw; the others still run. */
  onError?: (error: unknown, key?: string) => void;
}

/**
 * One timer for all connections: due times sit in
 * a priority queue and the single timer is armed for the earliest of them, or
 * for the next wall-clock check, whichever comes first.
 */
export class Scheduler {
  private readonly queue = new DueQueue();
  private readonly jumpListeners: Array<(deltaMs: DurationMs) => void> = [];
  private readonly wallClockCheckMs: DurationMs;
  private readonly jumpToleranceMs: DurationMs;
  private readonly reportError: (error: unknown, key?: string) => void;
  private timer: TimerHandle | null = null;
  /** When the armed timer should fire by the wall clock, were the clock steady; null when disarmed. */
  private expectedWakeAt: EpochMs | null = null;
  /** Both clocks as last checked: a jump is how far the wall clock has since moved beyond the monotonic one. */
  private lastCheck: ClockReading | null = null;
  private running = false;
  /** Set while a wake, start or replan is under way: re-entrant calls leave arming to it. */
  private busy = false;
  /** Keys popped for this wake and not fired yet; a callback's schedule() or cancel() takes them out. */
  private readonly unfired = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (key: string) => void,
    options: SchedulerOptions = {},
  ) {
    this.wallClockCheckMs = Math.max(1_000, options.wallClockCheckMs ?? 30_000);
    this.jumpToleranceMs = Math.max(0, options.jumpToleranceMs ?? 5_000);
    this.reportError = options.onError ?? reportToConsole;
  }

  /** Plans `key` at `dueAt`, replacing any earlier plan for it. */
  schedule(key: string, dueAt: EpochMs): void {
    if (!Number.isFinite(dueAt)) throw new RangeError('A due time must be a finite number');
    this.unfired.delete(key);
    this.queue.set(key, dueAt);
    // Only an earlier due time needs the timer moved; a later one is found at the next wake.
    if (this.running && !this.busy && (this.expectedWakeAt === null || dueAt < this.expectedWakeAt)) {
      this.arm();
    }
  }

  cancel(key: string): void {
    this.unfired.delete(key);
    // The timer may now wake early for nothing; it finds nothing due and re-arms.
    this.queue.delete(key);
  }

  dueAt(key: string): EpochMs | undefined {
    return this.queue.get(key);
  }

  get size(): number {
    return this.queue.size;
  }

  /** Arms the timer, firing at once whatever is already overdue (start-up). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastCheck = readClocks(this.clock);
    this.whileBusy(() => this.fireDue());
  }

  stop(): void {
    this.running = false;
    this.lastCheck = null;
    this.disarm();
  }

  /**
   * On resume or a clock change: read the clock again, fire everything due and re-arm.
   * `plan` runs after the jump listeners have heard of a jump, and before anything fires.
   */
  replan(plan?: () => void): void {
    if (!this.running) {
      plan?.();
      return;
    }
    this.whileBusy(() => {
      this.expectedWakeAt = null;
      this.checkWallClock();
      plan?.();
      this.fireDue();
    });
  }

  /** Hears how far the wall clock moved against the timer (positive after sleep, negative when set back). */
  onWallClockJump(listener: (deltaMs: DurationMs) => void): void {
    this.jumpListeners.push(listener);
  }

  private wake(): void {
    this.timer = null;
    this.expectedWakeAt = null;
    this.whileBusy(() => {
      this.checkWallClock();
      this.fireDue();
    });
  }

  private whileBusy(work: () => void): void {
    if (this.busy) return;
    this.busy = true;
    try {
      work();
    } finally {
      this.busy = false;
    }
    this.arm();
  }

  /** Fires every entry due now, each once, in due order; what callbacks plan anew waits for the next wake. */
  private fireDue(): void {
    const now = this.clock.now();
    const batch: DueEntry[] = [];
    for (let head = this.queue.peek(); head && head.dueAt <= now; head = this.queue.peek()) {
      this.queue.pop();
      batch.push(head);
      this.unfired.add(head.key);
    }
    for (const entry of batch) {
      if (!this.unfired.delete(entry.key)) continue;
      if (!this.running) {
        // Stopped by a callback: what was not fired stays planned for the next start.
        this.queue.set(entry.key, entry.dueAt);
        continue;
      }
      try {
        this.onDue(entry.key);
      } catch (error) {
        this.reportError(error, entry.key);
      }
    }
  }

  /** The wall clock's move beyond the monotonic one since the last check (0 when not running). */
  private jumpSinceLastCheck(): DurationMs {
    return this.lastCheck === null ? 0 : wallClockJumpMs(this.lastCheck, readClocks(this.clock));
  }

  /** Tells the listeners of a jump beyond the tolerance, and starts measuring afresh. */
  private checkWallClock(): void {
    const deltaMs = this.jumpSinceLastCheck();
    if (!this.running) return;
    this.lastCheck = readClocks(this.clock);
    if (Math.abs(deltaMs) <= this.jumpToleranceMs) return;
    for (const listener of [...this.jumpListeners]) {
      try {
        listener(deltaMs);
      } catch (error) {
        this.reportError(error);
      }
    }
  }

  /** Exactly one live timer: arming always clears the previous one. */
  private arm(): void {
    this.disarm();
    if (!this.running) return;
    const now = this.clock.now();
    const head = this.queue.peek();
    const untilDue = head ? Math.max(0, head.dueAt - now) : Number.POSITIVE_INFINITY;
    // A jump noticed while re-arming is reported by a wake at once, not up to a check later.
    const jumped = Math.abs(this.jumpSinceLastCheck()) > this.jumpToleranceMs;
    const delay = jumped ? 0 : Math.min(untilDue, this.wallClockCheckMs, MAX_TIMER_DELAY_MS);
    this.expectedWakeAt = now + delay;
    const handle = this.clock.setTimeout(() => {
      if (this.timer === handle) this.wake();
    }, delay);
    this.timer = handle;
  }

  private disarm(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.expectedWakeAt = null;
  }
}

function reportToConsole(error: unknown): void {
  // The name only: a message might quote a server's answer.
  console.error('TokenTray: a scheduled task failed', error instanceof Error ? error.name : typeof error);
}
