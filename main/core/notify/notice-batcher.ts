import type { QuietHours } from '../domain/settings';
import type { Clock, TimerHandle } from '../domain/clock';
import type { Alert, DesktopNotice } from './notice-text';
import { mergeAlert, noticeFor } from './notice-text';
import { quietHoursEndAfter } from './quiet-hours';

/** Alerts this close together become one notification. */
export const GATHER_MS = 5_000;

export interface NotificationBatcherDeps {
  clock: Clock;
  quietHours: () => QuietHours;
  deliver: (notice: DesktopNotice) => void;
  gatherMs?: number;
  /** The local date of an instant; tests may pin the time zone here. */
  localDate?: (epochMs: number) => Date;
  /** The alerts not yet delivered, after every change: kept so that a restart loses none. */
  onWaiting?: (waiting: readonly Alert[]) => void;
}

/**
 * Turns alerts into desktop notifications people do not learn to ignore:
 * several within a few seconds become one summary, and during quiet hours they
 * wait and arrive as one summary when the quiet hours end. It does not decide
 * which reminders are due: the core fires each milestone once per token.
 */
export class NotificationBatcher {
  private waiting: Alert[] = [];
  private timer: TimerHandle | null = null;
  private holdingForQuietHours = false;

  constructor(private readonly deps: NotificationBatcherDeps) {}

  add(alert: Alert): void {
    this.waiting = mergeAlert(this.waiting, alert);
    this.deps.onWaiting?.(this.waiting);
    if (this.timer === null) this.arm(this.deps.gatherMs ?? GATHER_MS);
  }

  /** After the quiet hours changed, or a resume from sleep: alerts held for quiet hours may go now. */
  reconsider(): void {
    if (!this.holdingForQuietHours) return;
    this.cancel();
    this.flush();
  }

  /** Alerts gathered or held, not yet delivered. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Alerts wait for the quiet hours to end. */
  get heldForQuietHours(): boolean {
    return this.holdingForQuietHours;
  }

  dispose(): void {
    this.cancel();
    this.waiting = [];
  }

  private flush(): void {
    this.timer = null;
    this.holdingForQuietHours = false;
    if (this.waiting.length === 0) return;
    const now = this.deps.clock.now();
    const localDate = this.deps.localDate ?? ((ms: number) => new Date(ms));
    const end = quietHoursEndAfter(this.deps.quietHours(), localDate(now));
    if (end !== null) {
      this.holdingForQuietHours = true;
      this.arm(Math.max(1_000, end.getTime() - now));
      return;
    }
    const notice = noticeFor(this.waiting, now);
    this.waiting = [];
    this.deps.onWaiting?.(this.waiting);
    if (notice) this.deps.deliver(notice);
  }

  private arm(delayMs: number): void {
    this.timer = this.deps.clock.setTimeout(() => this.flush(), delayMs);
  }

  private cancel(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
