import type { Catalog } from '../catalog/catalog';
import type { ConnectionId, EpochMs } from '../domain';
import type { Clock } from './clock';
import { nextRenewalAt } from './due-time';
import { dueReminders, nextReminderAt } from './reminders';
import type { RenewalEngine } from './renewal-engine';
import { Scheduler } from './scheduler';

/** The shortest time between two scheduled renewals of one connection, as the first retry waits. */
export const MIN_RENEWAL_INTERVAL_MS = 10_000;

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
  private replanning = false;

  constructor(private readonly deps: RenewalPlannerDeps) {
    this.scheduler = new Scheduler(deps.clock, (id) => this.fire(id));
    // A sleep or a clock change moves "now" under every plan: plan again (once, when replan() already does).
    this.scheduler.onWallClockJump(() => {
      if (!this.replanning) this.planAll();
    });
  }

  start(): void {
    this.planAll();
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** On resume from sleep, a clock change, or at start-up: plan everything again and run what is overdue. */
  replan(): void {
    this.replanning = true;
    try {
      this.planAll();
      this.scheduler.replan();
    } finally {
      this.replanning = false;
    }
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
    for (const connection of this.deps.catalog.connections()) this.plan(connection.id);
  }

  plan(id: ConnectionId): void {
    const dueAt = this.recovering.has(id) ? this.deps.clock.now() : this.computeDueAt(id);
    if (dueAt === null) this.scheduler.cancel(id);
    else this.scheduler.schedule(id, dueAt);
    this.deps.onPlanned?.(id);
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
