import pg from 'pg';
import type { CatalogSection, CatalogWriterOptions, CatalogWriting } from '../catalog/catalog-writer';
import { StorageHealth } from '../catalog/storage-health';
import type { StorageState } from '../catalog/storage-health';
import { TokenTrayError } from '../domain/errors';
import type { JournalOp } from '../store/journal-records';
import { checkJournalOp } from '../store/journal-records';
import { StorageError } from '../store/storage-failure';
import { asWorkspaceError, isReadTimeout } from './workspace-errors';
import type { Statement } from './workspace-ops';
import { opStatements } from './workspace-ops';

const { escapeLiteral } = pg;

/** The channel every instance of a workspace listens on; the payload is the new change's number. */
export const CHANGES_CHANNEL = 'tokentray_changes';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

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
  private pending: JournalOp[] = [];
  private unwritten: JournalOp[] = [];
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
    if (checkJournalOp(op) !== null) {
      throw new TokenTrayError(
        'unsaveable_change',
        'TokenTray refused to save a change it could not read back.',
        ['Nothing was changed. Check the values entered and try again.'],
      );
    }
    this.pending.push(op);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.write([]);
    });
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
    const ops = [...this.unwritten, ...this.pending];
    this.unwritten = [];
    this.pending = [];
    if (ops.length === 0) {
      if (!this.health.state().ok) await this.probe();
      waiters.forEach((waiter) => waiter.resolve());
      return;
    }
    try {
      const seq = await this.transaction(ops);
      this.health.succeeded();
      this.options.onCommitted?.(seq);
      waiters.forEach((waiter) => waiter.resolve());
    } catch (error) {
      const failure = asWorkspaceError(error, this.options.label);
      if (failure instanceof StorageError) {
        // Kept, in order, ahead of anything newer: written when the workspace answers again.
        this.unwritten = ops;
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
   * The whole transaction in one round trip: its statements sent together (the simple query
   * protocol runs them in order and stops at the first failure, which rolls the transaction
   * back). On a busy machine each round trip to the database costs milliseconds, and a renewal
   * makes two of these transactions.
   */
  private async transaction(ops: JournalOp[]): Promise<number> {
    const statements = ops.flatMap((op) => opStatements(op, this.options.member));
    // The turn is taken last and held to the commit: change numbers follow commit order, while
    // the rows above are written by several instances at once (two writing the same row wait
    // on its row lock, before either holds the turn).
    statements.push({
      text: `INSERT INTO changes (instance, ops)
               SELECT $1, $2 FROM (SELECT pg_advisory_xact_lock(hashtextextended('tokentray changes', 0))) turn
             RETURNING seq, pg_notify($3, seq::text)`,
      values: [this.options.instance, JSON.stringify(ops), CHANGES_CHANNEL],
    });
    const sql = ['BEGIN', ...statements.map(inlined), 'COMMIT'].join(';\n');
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      const results = (await client.query(sql)) as unknown as pg.QueryResult<{ seq: string }>[];
      return Number(results.at(-2)!.rows[0]!.seq);
    } catch (error) {
      broken = error;
      // Ends the transaction the failed statement left open (a server that did not answer gets none).
      if (!isReadTimeout(error)) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A client whose server went away is not given back to the pool.
      client.release(broken instanceof StorageError || asWorkspaceError(broken, '') instanceof StorageError);
    }
  }
}

/**
 * A statement with its values written in as literals, quoted by node-postgres's escapeLiteral
 * (several statements in one query cannot take parameters). Values are converted as
 * node-postgres converts parameters: objects to JSON, null to NULL.
 */
function inlined(statement: Statement): string {
  return statement.text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = statement.values[Number(index) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number') return String(value);
    return escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));
  });
}
