import pg from 'pg';
import { StorageError } from '../store/storage-failure';
import { asWorkspaceError, isReadTimeout } from './workspace-errors';
import type { Statement } from './workspace-ops';
import { inlined } from './workspace-ops';
import { CHANGES_CHANNEL } from './workspace-writer';

/** Waits between reconnection attempts: from the first, doubling up to the last. */
const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 4_000;

export interface WorkspaceSessionOptions {
  config: pg.ClientConfig;
  instance: string;
  /** host:port/database, for messages. */
  label: string;
  /** A change was committed somewhere (a NOTIFY), or notifications may have been missed (a reconnection). */
  onChanges: () => void;
  /** The session was lost (null) or is back (the time it connected). */
  onConnection?: (connectedAt: number | null) => void;
  /** A renewal lock retaken after a reconnection, with the fencing epoch it was raised to. */
  onEpoch?: (connectionId: string, epoch: number) => void;
}

/** Raises the connection's fencing epoch (its lease row made on first use); the new epoch is returned. */
const RAISE_EPOCH = `INSERT INTO leases (connection_id, epoch) VALUES ($1, 1)
  ON CONFLICT (connection_id) DO UPDATE SET epoch = leases.epoch + 1 RETURNING epoch`;

/**
 * Takes renewals in one round trip, one row each in the order asked (schema-migrations.ts,
 * versions 5 and 7): the connections and their lock keys as JSON arrays.
 */
const TAKE_RENEWALS = 'SELECT * FROM tokentray_take_renewals($1::jsonb, $2, $3::jsonb, $4::jsonb)';

/**
 * How long a renewal lock let go waits to travel with the session's next statement (another
 * renewal being taken, usually) before it is sent by itself.
 */
const UNLOCK_DELAY_MS = 5;

/** A renewal lock taken, with what the workspace said about the connection as it was taken. */
export interface TakenRenewal {
  /** The fencing epoch raised with the lock; null when another instance's in-flight marker stood. */
  epoch: number | null;
  /** The number of the last change committed when the lock was taken: follow at least that far. */
  newestChange: number;
}

/** A row of TAKE_RENEWALS. */
interface TakeRow {
  taken: boolean;
  raised_epoch: string | null;
  newest_change: string | null;
}

/** A renewal lock asked for and not sent yet: those asked for before the session's next turn go together. */
interface AskedLock {
  connectionId: string;
  key: string;
  alongside: Statement | undefined;
  answer(result: { row: TakeRow; rows: unknown[] }): void;
  fail(error: unknown): void;
}

/** Raises it only if nobody raised it since this instance did: the renewal it holds is still its own. */
const RAISE_OWN_EPOCH = `UPDATE leases SET epoch = epoch + 1
  WHERE connection_id = $1 AND epoch = $2 RETURNING epoch`;

/**
 * The one long-lived database session of an instance. It holds session-level advisory locks:
 * the instance's presence (so others can tell it is alive) and one per connection it is
 * renewing, for the whole renewal. A session that ends (the process killed, the network gone,
 * the server restarted) releases them all, which is what lets another instance recover. It
 * also LISTENs for changes. When it ends, it reconnects by itself, takes its presence again
 * and the locks of renewals still running here, each only if its fencing epoch shows that no
 * other instance took the connection meanwhile (then with a new epoch).
 */
export class WorkspaceSession {
  private client: pg.Client | null = null;
  private connectedAt: number | null = null;
  /** Renewal locks this session holds, with the fencing epoch each raised (null: not raised yet). */
  private readonly held = new Map<string, number | null>();
  private closed = false;
  private delay = RECONNECT_FIRST_MS;
  private timer: NodeJS.Timeout | undefined;
  private lastError: unknown = null;
  /** One statement at a time on the session (node-postgres queues them, but will stop doing so). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Renewal locks let go and not yet sent: they travel with the next statement (see `release`). */
  private unlocks: string[] = [];
  private unlockTimer: NodeJS.Timeout | undefined;
  /** Renewal locks asked for since the session's last turn: they go together at the next. */
  private asked: AskedLock[] = [];

  constructor(private readonly options: WorkspaceSessionOptions) {}

  /** Connects; rejects when the workspace does not answer (the caller decides whether to start anyway). */
  async open(): Promise<void> {
    await this.connect();
  }

  /** For how long the session has been up: 0 while it is down. */
  connectedFor(now = Date.now()): number {
    return this.connectedAt === null ? 0 : now - this.connectedAt;
  }

  /** Takes the connection's lock for this session if nobody holds it. */
  async tryLockConnection(connectionId: string): Promise<boolean> {
    const taken = await this.tryLock(connectionKey(connectionId));
    if (taken) this.held.set(connectionId, null);
    return taken;
  }

  /**
   * Takes the connection's lock if nobody holds it, in one round trip with the locks let go
   * since the last statement and the other locks asked for meanwhile: the epoch raised unless
   * another instance's in-flight marker stands (then `raiseEpoch` once that instance is known
   * to be gone), and the last change committed. `alongside`, a read (if any), is sent in the
   * same round trip and runs after the lock is taken (its own snapshot, READ COMMITTED): its
   * rows are returned whether the lock was taken or not. `renewal` is null when another
   * session holds the lock.
   */
  async takeConnection<Row>(
    connectionId: string,
    alongside?: Statement,
  ): Promise<{ renewal: TakenRenewal | null; rows: Row[] }> {
    const client = this.requireClient();
    const { row, rows } = await new Promise<{ row: TakeRow; rows: unknown[] }>((answer, fail) => {
      this.asked.push({ connectionId, key: connectionKey(connectionId), alongside, answer, fail });
      if (this.asked.length === 1) void this.inTurn(() => this.sendAsked(client)).catch(() => undefined);
    });
    if (!row.taken) return { renewal: null, rows: rows as Row[] };
    const epoch = row.raised_epoch === null ? null : Number(row.raised_epoch);
    this.held.set(connectionId, epoch);
    return { renewal: { epoch, newestChange: Number(row.newest_change) }, rows: rows as Row[] };
  }

  /** The renewal locks asked for so far, in one statement, and the reads sent along after it. */
  private async sendAsked(client: pg.Client): Promise<void> {
    const asked = this.asked;
    this.asked = [];
    const unlocks = this.takeUnlocks();
    try {
      // As JSON: node-postgres would send an array parameter as a PostgreSQL array.
      const take = {
        text: TAKE_RENEWALS,
        values: [
          JSON.stringify(asked.map((one) => one.connectionId)),
          this.options.instance,
          JSON.stringify(asked.map((one) => one.key)),
          JSON.stringify(unlocks),
        ],
      };
      const reads = asked.flatMap((one) => (one.alongside ? [one.alongside] : []));
      let taken: pg.QueryResult<TakeRow>;
      let read: Array<pg.QueryResult<pg.QueryResultRow>> = [];
      if (reads.length === 0) {
        // Prepared once per session: the same text on every turn.
        taken = await client.query<TakeRow>({ name: 'tokentray_take_renewals', ...take });
      } else {
        // Several statements in one query go as literals (the simple query protocol).
        const results = (await client.query([take, ...reads].map(inlined).join(';\n'))) as unknown as Array<
          pg.QueryResult<pg.QueryResultRow>
        >;
        taken = results[0] as pg.QueryResult<TakeRow>;
        read = results.slice(1);
      }
      let next = 0;
      asked.forEach((one, index) =>
        one.answer({ row: taken.rows[index]!, rows: one.alongside ? read[next++]!.rows : [] }),
      );
    } catch (error) {
      // Whether the statement got as far as the locks is unknown: on a session still up, they
      // are let go with the others (letting go of a lock not held changes nothing).
      if (this.client === client) this.release([...unlocks, ...asked.map((one) => one.key)]);
      const failure = this.failure(error);
      for (const one of asked) one.fail(failure);
      // For `inTurn`, which gives up a session that stopped answering.
      throw error;
    }
  }

  /**
   * Lets go of a renewal lock without a round trip of its own: it is sent with the session's
   * next statement, or by itself a few milliseconds later. Until then others find it held.
   */
  releaseConnection(connectionId: string): void {
    this.held.delete(connectionId);
    if (this.client) this.release([connectionKey(connectionId)]);
  }

  /**
   * Raises the fencing epoch of a connection whose lock this session holds, on the same session
   * (so under the lock): writes carrying an older epoch are refused from now on.
   */
  async raiseEpoch(connectionId: string): Promise<number> {
    const client = this.requireClient();
    // Let go by a reconnection before its epoch was raised (see `retake`): the renewal is not taken.
    if (!this.held.has(connectionId)) throw this.failure(null);
    try {
      const { rows } = await this.inTurn(() => client.query<{ epoch: string }>(RAISE_EPOCH, [connectionId]));
      const epoch = Number(rows[0]!.epoch);
      if (this.held.has(connectionId)) this.held.set(connectionId, epoch);
      return epoch;
    } catch (error) {
      throw this.failure(error);
    }
  }

  async unlockConnection(connectionId: string): Promise<void> {
    this.held.delete(connectionId);
    const client = this.client;
    if (!client) return;
    // A session that is gone has released it already.
    await this.inTurn(() =>
      client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [connectionKey(connectionId)]),
    ).catch(() => undefined);
  }

  /** Whether another instance's session still holds its presence. */
  async isAlive(instance: string): Promise<boolean> {
    const key = presenceKey(instance);
    if (!(await this.tryLock(key))) return true;
    const client = this.requireClient();
    await this.inTurn(() => client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]));
    return false;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.unlockTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async tryLock(key: string): Promise<boolean> {
    const client = this.requireClient();
    try {
      const { rows } = await this.inTurn(() =>
        client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken', [
          key,
        ]),
      );
      return rows[0]!.taken;
    } catch (error) {
      throw this.failure(error);
    }
  }

  private release(keys: string[]): void {
    this.unlocks.push(...keys);
    if (this.unlockTimer) return;
    this.unlockTimer = setTimeout(() => {
      this.unlockTimer = undefined;
      const client = this.client;
      if (!client) return;
      void this.inTurn(async () => {
        const unlocks = this.takeUnlocks();
        if (unlocks.length > 0) await client.query('SELECT tokentray_unlock($1)', [unlocks]);
      }).catch(() => undefined);
    }, UNLOCK_DELAY_MS);
    this.unlockTimer.unref();
  }

  /** The locks waiting to be let go, now sent by the caller. */
  private takeUnlocks(): string[] {
    const unlocks = this.unlocks;
    this.unlocks = [];
    return unlocks;
  }

  private inTurn<T>(statement: () => Promise<T>): Promise<T> {
    const client = this.client;
    const turn = this.queue
      .catch(() => undefined)
      .then(statement)
      .catch((error: unknown) => {
        // A server that stopped answering (stopped, or the network gone without a reset) leaves
        // the statement waiting: the session is given up and made again when it answers.
        if (client && isReadTimeout(error)) this.abandon(client);
        throw error;
      });
    this.queue = turn;
    return turn;
  }

  private abandon(client: pg.Client): void {
    // The server ends the old session (and releases its locks) when it reads this.
    void client.end().catch(() => undefined);
    this.lost(client);
  }

  private requireClient(): pg.Client {
    if (!this.client) throw this.failure(this.lastError);
    return this.client;
  }

  private failure(error: unknown): unknown {
    const failure = asWorkspaceError(error, this.options.label);
    // The session's only business is the database: whatever stops it, the workspace is unreachable.
    return failure instanceof StorageError
      ? failure
      : new StorageError('workspaceUnreachable', this.options.label, 'connection lost');
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.options.config);
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.options.onChanges();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      const { rows } = await client.query<{ taken: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken',
        [presenceKey(this.options.instance)],
      );
      if (!rows[0]!.taken) throw new Error('another session holds this instance presence');
      for (const [connectionId, epoch] of this.held) {
        await this.retake(client, connectionId, epoch);
      }
    } catch (error) {
      this.lastError = error;
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw this.failure(error);
    }
    this.client = client;
    // The locks of the session before were let go with it.
    this.unlocks = [];
    this.connectedAt = Date.now();
    this.delay = RECONNECT_FIRST_MS;
    this.options.onConnection?.(this.connectedAt);
    this.options.onChanges();
  }

  /**
   * A renewal lock held before the session ended. The lock alone proves nothing (another
   * instance may have taken it, renewed and let go meanwhile): the epoch decides. Retaken with
   * an unchanged epoch, the renewal is still this instance's and gets a new epoch; otherwise
   * the lock is let go and the renewal's result, still carrying the old epoch, is refused.
   */
  private async retake(client: pg.Client, connectionId: string, epoch: number | null): Promise<void> {
    // Lost between taking the lock and raising the epoch: what was read under the lock may be
    // stale by now, so the renewal is given up (its raise fails) and planned again.
    if (epoch === null) {
      this.held.delete(connectionId);
      return;
    }
    const key = connectionKey(connectionId);
    const retaken = await client.query<{ taken: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken',
      [key],
    );
    if (!retaken.rows[0]!.taken) {
      // Another instance holds it: it sees this renewal's marker and this presence, and waits.
      console.warn('TokenTray: a renewal lock was taken while the workspace was away');
      return;
    }
    const raised = await client.query<{ epoch: string }>(RAISE_OWN_EPOCH, [connectionId, epoch]);
    const next = raised.rows[0];
    if (next) {
      this.held.set(connectionId, Number(next.epoch));
      this.options.onEpoch?.(connectionId, Number(next.epoch));
      return;
    }
    console.warn('TokenTray: a renewal was taken over while the workspace was away');
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.connectedAt = null;
    this.lastError = new StorageError('workspaceUnreachable', this.options.label, 'connection lost');
    this.options.onConnection?.(null);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      this.connect().catch(() => {
        this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
        this.reconnectLater();
      });
    }, this.delay);
    this.timer.unref();
  }
}

/** The advisory lock a renewal of the connection holds (a move out holds it too). */
export function connectionKey(connectionId: string): string {
  return `tokentray connection ${connectionId}`;
}

function presenceKey(instance: string): string {
  return `tokentray instance ${instance}`;
}
