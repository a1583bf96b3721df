import type { Catalog } from '../catalog/catalog';
import type { ConnectionId } from '../domain/ids';
import type { HeldLease, RenewalLease } from '../engine/renewal-lease';
import type { ChangeFollower, ChangeRow } from './change-follower';
import type { Fence } from './fence';
import type { TakenRenewal, WorkspaceSession } from './workspace-session';
import type { WorkspaceWriter } from './workspace-writer';

export interface WorkspaceLeaseOptions {
  /** How long "Renew now" waits for another instance's renewal of the same connection to finish. */
  joinWaitMs?: number;
  /**
   * After its own session (re)connects, how long an instance waits before it takes another's
   * renewal for dead: longer than the others need to reconnect after a server restart.
   */
  reconnectGraceMs?: number;
}

const POLL_MS = 100;

/**
 * Leases on a workspace's connections: the session-level advisory lock of the connection,
 * then the changes committed so far (the previous holder committed its result before it let
 * go; the lock's statement says how far they go), then a look at the in-flight marker. A marker of an instance whose presence is gone is
 * a renewal cut off by its death: this instance recovers it. One of an instance still present
 * (its session came back after the server restarted, say) is left to it. A renewal taken raises
 * the connection's fencing epoch, and its changes are written only while the epoch is still its
 * own: a holder cut off from the workspace (frozen, or its network gone) while another took the
 * connection over cannot write its late result over the newer one.
 */
export class WorkspaceLease implements RenewalLease {
  constructor(
    private readonly session: WorkspaceSession,
    private readonly follower: ChangeFollower,
    private readonly writer: WorkspaceWriter,
    private readonly catalog: Catalog,
    private readonly instance: string,
    private readonly options: WorkspaceLeaseOptions = {},
  ) {}

  async take(connectionId: ConnectionId, { wait }: { wait: boolean }): Promise<HeldLease | null> {
    const deadline = Date.now() + (wait ? (this.options.joinWaitMs ?? 30_000) : 0);
    let taken: TakenRenewal | null;
    for (;;) {
      // The changes committed before the lock, read in the same round trip unless a read is under way.
      const along = this.follower.followAlong();
      let result: { renewal: TakenRenewal | null; rows: ChangeRow[] };
      try {
        result = await this.session.takeConnection<ChangeRow>(connectionId, along?.statement);
      } catch (error) {
        void along?.deliver(null);
        throw error;
      }
      // One that fails is made up by the catch-up below, which reads again.
      const applied = along?.deliver(result.rows).catch(() => undefined);
      if ((taken = result.renewal)) {
        await applied;
        break;
      }
      if (Date.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const release = async () => {
      this.writer.unfence(connectionId);
      this.session.releaseConnection(connectionId);
    };
    try {
      await this.follower.catchUpTo(taken.newestChange);
      const owner = this.catalog.state(connectionId).inFlight?.owner;
      const recovering = owner !== undefined && owner !== this.instance;
      if (recovering && !(await this.isOrphaned(owner))) {
        await release();
        return null;
      }
      // Raised with the lock when no other instance's marker stood; otherwise only by an
      // instance that goes on to renew: one that stands by leaves the holder's epoch, and so
      // its result, alone.
      const epoch = taken.epoch ?? (await this.session.raiseEpoch(connectionId));
      const fence: Fence = { epoch, refused: false };
      this.writer.fence(connectionId, fence);
      return { recovering, release, superseded: () => fence.refused };
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Whether a renewal marked by that instance was cut off by its death. */
  async isOrphaned(owner: string): Promise<boolean> {
    const settled = this.session.connectedFor() >= (this.options.reconnectGraceMs ?? 15_000);
    return settled && !(await this.session.isAlive(owner));
  }
}
