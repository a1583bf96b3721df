import type { Catalog } from '../catalog/catalog';
import type { ConnectionId, DurationMs, EpochMs } from '../domain';
import type { Clock } from '../domain/clock';
import { latestRecordedNow, LearnedTimeShifts } from './clock-shift';
import { nextRenewalAt } from './due-time';
import { dueReminders, nextReminderAt } from './reminders';
import type { RenewalEngine } from './renewal-engine';
import { Scheduler } from './scheduler';

/** The shortest time between two scheduled renewals of one connection, as the first retry waits. */
export const MIN_RENEWAL_INTERVAL_MS = 10_000;
/** At start-up, a wall clock this far behind the last recorded renewal was set back meanwhile. */
const SET_BACK_WHILE_STOPPED_MS = 5_000;

export interface ReminderDue {
  connectionId: ConnectionId;
  tokenId: string;
  days: number;
  expiresAt: EpochMs;
}

export interface RenewalPlannerDeps {
  catalog: Catalog;
  clock: Clock;
  engine: RenewalEngine;
  /** Renewals paused from the tray or settings. */
  isPaused: () => boolean;
  onReminder: (reminder: ReminderDue) => void;
  onPlanned?: (connectionId: ConnectionId) => void;
  /** After a jump of the wall clock was taken in: the connections whose stored times or verdicts changed. */
  onClockJump?: (deltaMs: DurationMs, changed: ConnectionId[]) => void;
  /** Shared with the engine, so a renewal stored after a shift moves with it. */
  shifts?: LearnedTimeShifts;
  random?: () => number;
}

/**
 * Decides when each connection is next due and keeps all of them on one
 * scheduler: renewals for renewable dialects, reminders for manual tokens,
 * which cannot renew themselves.
 */
export class RenewalPlanner {
  private readonly scheduler: Scheduler;
  private readonly recovering = new Set<ConnectionId>();
  /** Renewed once as soon as they may be, to learn their times afresh (the clock was set back while stopped). */
  private readonly relearning = new Set<ConnectionId>();
  private readonly shifts: LearnedTimeShifts;
  /** Times every connection was planned: a re-plan after a jump plans them once, not twice. */
  private planningPasses = 0;

  constructor(private readonly deps: RenewalPlannerDeps) {
    this.shifts = deps.shifts ?? new LearnedTimeShifts();
    this.scheduler = new Scheduler(deps.clock, (id) => this.fire(id));
    this.scheduler.onWallClockJump((deltaMs) => this.clockJumped(deltaMs));
  }

  start(): void {
    this.catchUpWithClockSetBackWhileStopped();
    this.planAll();
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** On resume from sleep, a clock change, or at start-up: plan everything again and run what is overdue. */
  replan(): void {
    const passes = this.planningPasses;
    // Measures the jump, if any, and lets clockJumped() move the stored times and plan everything
    // before anything fires; without a jump everything is planned here. Either way, once.
    this.scheduler.replan(() => {
      if (this.planningPasses === passes) this.planAll();
    });
  }

  dueAt(id: ConnectionId): EpochMs | undefined {
    return this.scheduler.dueAt(id);
  }

  /** A renewal was cut off by a crash: renew it first thing, and say so if it cannot be saved. */
  recover(id: ConnectionId): void {
    this.recovering.add(id);
    this.scheduler.schedule(id, this.deps.clock.now());
  }

  planAll(): void {
    this.planningPasses += 1;
    for (const connection of this.deps.catalog.connections()) this.plan(connection.id);
  }

  plan(id: ConnectionId): void {
    const now = this.deps.clock.now();
    let dueAt = this.recovering.has(id) ? now : this.computeDueAt(id);
    if (dueAt !== null && this.relearning.has(id)) dueAt = now;
    if (dueAt === null) this.scheduler.cancel(id);
    else this.scheduler.schedule(id, dueAt);
    this.deps.onPlanned?.(id);
  }

  /**
   * Set back (negative): no real time passed, so the times learned from partners move with the
   * clock, or every renewal would come that much too late. Forward: the machine may have slept,
   * so nothing moves and what is now overdue renews, once each. Either way a needs-action
   * verdict reached by this computer's clock alone is looked at again.
   */
  private clockJumped(deltaMs: DurationMs): void {
    const { catalog } = this.deps;
    const changed = new Set(deltaMs < 0 ? this.shifts.shift(catalog, deltaMs) : []);
    for (const connection of catalog.connections()) {
      const state = catalog.state(connection.id);
      if (state.phase !== 'needsAction' || !state.followUp?.byLocalClock) continue;
      catalog.updateState(connection.id, { phase: 'idle', followUp: null, lastError: null });
      changed.add(connection.id);
    }
    this.planAll();
    this.deps.onClockJump?.(deltaMs, [...changed]);
  }

  /**
   * Monotonic time does not survive a restart, so a clock set back while TokenTray was stopped
   * shows only as renewals recorded in the future. How much real time passed meanwhile is
   * unknown: move the learned times back by what is visible and renew each connection once, soon,
   * to learn its times afresh.
   */
  private catchUpWithClockSetBackWhileStopped(): void {
    const { catalog, clock } = this.deps;
    const latest = latestRecordedNow(catalog);
    const behind = latest === null ? 0 : latest - clock.now();
    if (behind <= SET_BACK_WHILE_STOPPED_MS) return;
    for (const id of this.shifts.shift(catalog, -behind)) this.relearning.add(id);
  }

  private computeDueAt(id: ConnectionId): EpochMs | null {
    const { catalog, clock } = this.deps;
    const connection = catalog.connection(id);
    if (!connection || !connection.enabled) return null;
    if (catalog.partner(connection.partnerId)?.status !== 'active') return null;
    const token = catalog.currentToken(id);
    const state = catalog.state(id);
    const now = clock.now();

    if (connection.dialect === 'manual') {
      if (!token || token.expiresAt === null) return null;
      return nextReminderAt({
        tokenId: token.id,
        expiresAt: token.expiresAt,
        reminderDays: connection.policy.reminderDays,
        sent: state.remindersSent,
        now,
      });
    }
    if (this.deps.isPaused() || state.phase === 'needsAction' || state.phase === 'paused') return null;
    // Its end will plan it again.
    if (this.deps.engine.isRenewing(id)) return null;
    if (state.phase === 'retrying' && state.nextAttemptAt !== null) return state.nextAttemptAt;
    // No token yet, or one of unknown lifetime that was never renewed: renew now to learn it.
    if (!token || (token.expiresAt === null && state.lastRenewedAt === null)) return now;
    const planned = nextRenewalAt({
      issuedAt: token.issuedAt,
      expiresAt: token.expiresAt,
      refreshSuggestedAt: state.refreshSuggestedAt,
      refreshExpiresAt: state.refreshExpiresAt,
      lastRenewedAt: state.lastRenewedAt,
      policy: connection.policy,
      now,
      random: this.deps.random,
    });
    // A partner that issues tokens already expired (expires_in 0) must not be asked again at once, in a loop.
    if (state.lastRenewedAt === null) return planned;
    return Math.max(planned, state.lastRenewedAt + MIN_RENEWAL_INTERVAL_MS);
  }

  private fire(id: ConnectionId): void {
    const connection = this.deps.catalog.connection(id);
    if (!connection) return;
    if (connection.dialect === 'manual') {
      this.remind(id);
      return;
    }
    const trigger = this.recovering.delete(id) ? 'recovery' : 'scheduled';
    this.relearning.delete(id);
    // Errors are outcomes stored on the connection; a rejection here would be a bug, not a renewal failure.
    void this.deps.engine.renew(id, trigger).catch((error: unknown) => {
      console.error('TokenTray: renewal crashed', error instanceof Error ? error.name : 'unknown error');
    });
  }

  private remind(id: ConnectionId): void {
    const { catalog, clock } = this.deps;
    const connection = catalog.requireConnection(id);
    const token = catalog.currentToken(id);
    if (token && token.expiresAt !== null) {
      const state = catalog.state(id);
      const { due, skipKeys } = dueReminders({
        tokenId: token.id,
        expiresAt: token.expiresAt,
        reminderDays: connection.policy.reminderDays,
        sent: state.remindersSent,
        now: clock.now(),
      });
      const sentNow = [...due.map((m) => m.key), ...skipKeys];
      if (sentNow.length > 0) {
        catalog.updateState(id, { remindersSent: [...state.remindersSent, ...sentNow] });
        for (const milestone of due) {
          this.deps.onReminder({
            connectionId: id,
            tokenId: token.id,
            days: milestone.days,
            expiresAt: token.expiresAt,
          });
        }
      }
    }
    this.plan(id);
  }
}
