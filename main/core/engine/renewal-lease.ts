import type { ConnectionId } from '../domain';
import { StorageError } from '../store/storage-failure';

/** This instance holds the connection for one renewal; `release` lets others have it. */
export interface HeldLease {
  /** The previous holder died mid-renewal: renew as a restarted profile recovers. */
  recovering: boolean;
  release(): Promise<void>;
  /**
   * Another instance took the connection over while this one was cut off from the place that
   * grants leases: this renewal's changes were not saved, the other's stand.
   */
  superseded?(): boolean;
}

/**
 * Where several instances share connections (a workspace), a renewal runs only in the one that
 * holds the connection's lease, for the whole renewal. Resolves with null when another instance
 * holds it (after waiting for it, with `wait`); rejects with `StorageError` when the place that
 * grants leases does not answer. A local profile needs none: its profile lock covers it.
 */
export interface RenewalLease {
  take(connectionId: ConnectionId, options: { wait: boolean }): Promise<HeldLease | null>;
}

/** What a piece of work does under a connection's lease, for each way taking it can end. */
export interface LeasedWork<T> {
  /** Whether to wait for another instance's renewal of the connection to finish ("Renew now"). */
  wait: boolean;
  /** The place that grants leases did not answer: nothing was done. */
  unavailable(error: StorageError): T;
  /** Another instance holds the connection (after the wait, with `wait`): nothing was done. */
  heldElsewhere(): T;
  /** The work itself; the lease is let go once it settles, so its commits must be done by then. */
  work(held: HeldLease): Promise<T>;
  /** The answer instead of the work's when another instance took the connection over meanwhile. */
  superseded(): T;
}

/**
 * Takes the connection's lease, does the work, and lets the lease go: every change made under
 * a lease goes through here, so that none is made without it and none keeps it when done.
 */
export async function withLease<T>(lease: RenewalLease, id: ConnectionId, leased: LeasedWork<T>): Promise<T> {
  let held: HeldLease | null;
  try {
    held = await lease.take(id, { wait: leased.wait });
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    return leased.unavailable(error);
  }
  if (!held) return leased.heldElsewhere();
  try {
    const result = await leased.work(held);
    // Refused by the workspace: another instance took the connection over while this one was cut off.
    return held.superseded?.() ? leased.superseded() : result;
  } finally {
    await held.release().catch(() => undefined);
  }
}
