import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';

export interface LimiterOptions {
  /** Renewals under way at once, across all partners. */
  global: number;
  /** Renewals under way at once against one host, so that one partner is never flooded. */
  perHost: number;
}

export const DEFAULT_LIMITER_OPTIONS: LimiterOptions = { global: 8, perHost: 4 };

interface HostLane {
  /** Requests to the host at once: the per-host limit. */
  limit: LimitFunction;
  /** Renewals of the host under way at once: twice the per-host limit (see `renewal`). */
  admit: LimitFunction;
  /** Tasks of this host waiting or running; the lane is dropped at zero. */
  tasks: number;
}

/** Inside a renewal: runs its request to the partner within the per-host limit. */
export type RequestGate = <T>(request: () => Promise<T>) => Promise<T>;

/**
 * A global concurrency limit and a per-host one,
 * so that overdue renewals after a sleep go out a few at a time. The limits
 * can change while it runs, when someone saves Settings.
 */
export class RenewalLimiter {
  private options: LimiterOptions;
  private readonly global: LimitFunction;
  private readonly lanes = new Map<string, HostLane>();
  private running = 0;
  private waiting = 0;

  constructor(options: Partial<LimiterOptions> = {}) {
    this.options = {
      global: atLeastOne(options.global ?? DEFAULT_LIMITER_OPTIONS.global),
      perHost: atLeastOne(options.perHost ?? DEFAULT_LIMITER_OPTIONS.perHost),
    };
    this.global = pLimit(this.options.global);
  }

  /** One request to `host`, within the per-host and the global limit. */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    // Host first, then global: a task queued behind its busy host must not hold a global slot another host could use.
    return this.inLane(host, (lane) => lane.limit(() => this.global(() => this.runNow(task))));
  }

  /**
   * A whole renewal: its keychain reads and writes, the in-flight marker made durable, and
   * its request, which `task` sends through the gate it is given. The per-host limit bounds
   * requests, which is what a partner sees; up to twice as many renewals of a host are
   * under way, so that the next ones read secrets and sync their markers while others wait
   * on the partner. The global limit bounds renewals, so thousands overdue after a sleep
   * queue up instead of all reading the keychain at once; admitting by host first keeps a
   * busy host from filling the global queue ahead of the others.
   */
  renewal<T>(host: string, task: (request: RequestGate) => Promise<T>): Promise<T> {
    return this.inLane(host, (lane) =>
      lane.admit(() => this.global(() => this.runNow(() => task((request) => lane.limit(request))))),
    );
  }

  /**
   * New limits, at once: tasks already running finish, waiting ones start only
   * under the new limits, and a raised limit starts waiting ones right away.
   */
  setLimits(options: Partial<LimiterOptions>): void {
    this.options = {
      global: atLeastOne(options.global ?? this.options.global),
      perHost: atLeastOne(options.perHost ?? this.options.perHost),
    };
    this.global.concurrency = this.options.global;
    for (const lane of this.lanes.values()) {
      lane.limit.concurrency = this.options.perHost;
      lane.admit.concurrency = 2 * this.options.perHost;
    }
  }

  /** The limits in force. */
  get limits(): LimiterOptions {
    return { ...this.options };
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.waiting;
  }

  /** Hosts with tasks waiting or running. */
  get busyHosts(): number {
    return this.lanes.size;
  }

  private async runNow<T>(task: () => Promise<T>): Promise<T> {
    this.waiting -= 1;
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
    }
  }

  private async inLane<T>(host: string, run: (lane: HostLane) => Promise<T>): Promise<T> {
    const hostKey = host.toLowerCase();
    let lane = this.lanes.get(hostKey);
    if (!lane) {
      const { perHost } = this.options;
      lane = { limit: pLimit(perHost), admit: pLimit(2 * perHost), tasks: 0 };
      this.lanes.set(hostKey, lane);
    }
    lane.tasks += 1;
    this.waiting += 1;
    try {
      return await run(lane);
    } finally {
      lane.tasks -= 1;
      // An idle host's limiter is dropped, so thousands of partners leave nothing behind.
      if (lane.tasks === 0) this.lanes.delete(hostKey);
    }
  }
}

function atLeastOne(value: number): number {
  return Number.isFinite(value) ? Math.max(1, Math.floor(value)) : 1;
}
