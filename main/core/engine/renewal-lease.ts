import type { ConnectionId } from '../domain';

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
