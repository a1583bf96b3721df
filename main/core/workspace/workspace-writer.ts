import type pg from 'pg';
import type { CatalogSection, CatalogWriterOptions, CatalogWriting, Waiter } from '../catalog/catalog-writer';
import { StorageHealth } from '../catalog/storage-health';
import type { StorageState } from '../catalog/storage-health';
import type { JournalOp } from '../store/journal-records';
import { refuseUnreadable } from '../store/journal-records';
import { StorageError } from '../store/storage-failure';
import { asWorkspaceError } from './workspace-errors';
import type { Fence } from './fence';
import { refusedFence } from './fence';
import { commitStatement, opConnection } from './workspace-ops';

/**
 * The channel every instance of a workspace listens on; the payload is the new change's number.
 * The schema's `tokentray_commit` notifies it by name.
 */
export const CHANGES_CHANNEL = 'tokentray_changes';

/**
 * Takes the writers' turn, held to the end of the transaction: whoever numbers a change in
 * `changes` holds it until they commit, so change numbers are in commit order.
 */
export const TAKE_CHANGES_TURN = "pg_advisory_xact_lock(hashtextextended('tokentray changes', 0))";

export interface WorkspaceWriterOptions {
  /** This process's instance id, stored with each change so it does not apply its own again. */
  instance: string;
  /** The member's display name, filed with each line of history. */
  member: string | null;
  /** host:port/database, for messages. */
  label: string;
  storage?: CatalogWriterOptions;
  /** Told the number of each change this instance committed. */
  onCommitted?: (seq: number) => void;
  /** A renewal's writes were refused by its fence: the connection is to be read again from the workspace. */
  onRefused?: (connectionId: string) => Promise<void>;
}

/** A change to write, with the fence of the renewal that made it, if one held its connection. */
interface Queued {
  op: JournalOp;
  fence?: Fence;
}

/**
 * Makes the catalog's changes durable in the workspace's database: the changes of a tick (or
 * of one `commit`) are one transaction, with a row in `changes` and a NOTIFY that other
 * instances follow. Writers take turns on a transaction lock from numbering their change to
 * committing it, so change numbers are in commit order and a follower never skips one still
 * being written. A transaction the database refused
 * is kept in memory and written first next time; until then the storage state says the
 * workspace is unreachable, and retries with backoff. Nothing is written on this computer.
 */
export class WorkspaceWriter implements CatalogWriting {
  private pending: Queued[] = [];
  private unwritten: Queued[] = [];
  /** The fences of the renewals this instance holds, by connection. */
  private readonly fences = new Map<string, Fence>();
  private waiters: Waiter[] = [];
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private closed = false;
  private readonly health: StorageHealth;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: WorkspaceWriterOptions,
  ) {
    this.health = new StorageHealth({ ...options.storage, retry: () => this.commit() });
  }

  storageState(): StorageState {
    return this.health.state();
  }

  record(_section: CatalogSection, op: JournalOp): void {
    refuseUnreadable(op);
    const connectionId = opConnection(op);
    const fence = connectionId === null ? undefined : this.fences.get(connectionId);
    this.pending.push(fence ? { op, fence } : { op });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.write([]);
    });
  }

  /**
   * From now until `unfence`, the connection's changes are written only while its fencing epoch
   * in the workspace is still the fence's (changes made meanwhile keep the fence they were made under).
   */
  fence(connectionId: string, fence: Fence): void {
    this.fences.set(connectionId, fence);
  }

  /** The renewal holding the connection raised its epoch again (after its session reconnected). */
  raiseFence(connectionId: string, epoch: number): void {
    const fence = this.fences.get(connectionId);
    if (fence) fence.epoch = epoch;
  }

  unfence(connectionId: string): void {
    this.fences.delete(connectionId);
  }

  commit(): Promise<void> {
    return new Promise((resolve, reject) => this.write([{ resolve, reject }]));
  }

  /**
   * The instance's session lost the database: the state says so now, not at the next write,
   * and the retries (a probe when nothing waits) clear it once the database answers.
   */
  unreachable(error: StorageError): void {
    this.health.failed(error);
  }

  /** The workspace has no file to fold a journal into. */
  checkpoint(): void {}

  /** A workspace opens only with records its schema reads: there is nothing to set aside. */
  setAsideDamaged(): number {
    return 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.commit().catch(() => undefined);
    this.health.close();
  }

  /** Queued behind the write before it, so transactions leave in the order their changes were made. */
  private write(waiters: Waiter[]): void {
    this.waiters.push(...waiters);
    const taken = this.waiters;
    this.waiters = [];
    this.writing = this.writing.then(() => this.flush(taken));
  }

  private async flush(waiters: Waiter[]): Promise<void> {
    let queued = [...this.unwritten, ...this.pending];
    this.unwritten = [];
    this.pending = [];
    if (queued.length === 0) {
      if (!this.health.state().ok) await this.probe();
      waiters.forEach((waiter) => waiter.resolve());
      return;
    }
    const refused = new Set<string>();
    try {
      // A fence refused is rare (a renewal taken over while its holder was away): its
      // connection's changes are left out and the rest sent again.
      for (;;) {
        const fence = await this.transaction(queued).then(
          (seq) => {
            this.options.onCommitted?.(seq);
            return null;
          },
          (error: unknown) => {
            const refusedOne = refusedFence(error);
            if (refusedOne === null) throw error;
            return refusedOne;
          },
        );
        if (fence === null) break;
        refused.add(fence.connectionId);
        queued = withoutRefused(queued, fence);
        if (queued.length === 0) break;
      }
      this.health.succeeded();
      await this.readAgain(refused);
      waiters.forEach((waiter) => waiter.resolve());
    } catch (error) {
      await this.readAgain(refused);
      const failure = asWorkspaceError(error, this.options.label);
      if (failure instanceof StorageError) {
        // Kept, in order, ahead of anything newer: written when the workspace answers again.
        this.unwritten = queued;
        this.health.failed(failure);
      } else {
        console.error(
          'TokenTray: the workspace refused a change',
          (error as { code?: string }).code ?? 'unknown',
        );
      }
      waiters.forEach((waiter) => waiter.reject(failure));
    }
  }

  /** Connections whose changes were refused hold, here, what was never written: they are read again. */
  private async readAgain(connectionIds: Set<string>): Promise<void> {
    for (const connectionId of connectionIds) {
      console.warn('TokenTray: a renewal another instance took over meanwhile was not saved');
      await this.options.onRefused?.(connectionId).catch(() => undefined);
    }
  }

  private async probe(): Promise<void> {
    try {
      await this.pool.query('SELECT 1');
      this.health.succeeded();
    } catch (error) {
      const failure = asWorkspaceError(error, this.options.label);
      if (failure instanceof StorageError) this.health.failed(failure);
    }
  }

  /**
   * The whole transaction in one statement (`commitStatement`): on a busy machine each round trip
   * to the database costs milliseconds, and a renewal makes two of these transactions.
   */
  private async transaction(queued: Queued[]): Promise<number> {
    const fences = new Map<string, { connectionId: string; epoch: number }>();
    for (const { op, fence } of queued) {
      const connectionId = opConnection(op)!;
      if (fence) fences.set(`${fence.epoch} ${connectionId}`, { connectionId, epoch: fence.epoch });
    }
    const statement = commitStatement({
      instance: this.options.instance,
      member: this.options.member,
      fences: [...fences.values()],
      ops: queued.map((item) => item.op),
    });
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      const { rows } = await client.query<{ seq: string }>(statement);
      return Number(rows[0]!.seq);
    } catch (error) {
      broken = error;
      throw error;
    } finally {
      // A client whose server went away is not given back to the pool.
      client.release(broken instanceof StorageError || asWorkspaceError(broken, '') instanceof StorageError);
    }
  }
}

/** The queue without the changes made under the refused fence, each such fence marked refused. */
function withoutRefused(queued: Queued[], refused: { connectionId: string; epoch: number }): Queued[] {
  return queued.filter(({ op, fence }) => {
    if (!fence || fence.epoch !== refused.epoch || opConnection(op) !== refused.connectionId) return true;
    fence.refused = true;
    return false;
  });
}
