import type pg from 'pg';
import type { Catalog } from '../catalog/catalog';
import type { ConnectionId } from '../domain/ids';
import type { JournalOp } from '../store/journal-records';
import { checkJournalOp } from '../store/journal-records';

/**
 * Applies what other instances commit to this instance's catalog, in commit order: on each
 * NOTIFY, after a reconnection (notifications sent meanwhile are lost), and before a renewal
 * starts on a connection whose lock this instance just took.
 */
export class ChangeFollower {
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly catalog: Catalog,
    private readonly instance: string,
    /** The newest change the catalog holds. */
    private seq: number,
    private readonly onApplied: (connectionIds: ConnectionId[], settingsChanged: boolean) => void,
  ) {}

  /** Resolves once every change committed before the call is applied; rejects when the workspace does not answer. */
  catchUp(): Promise<void> {
    const read = this.reading.catch(() => undefined).then(() => this.readNew());
    this.reading = read;
    return read;
  }

  private async readNew(): Promise<void> {
    const { rows } = await this.pool.query<{ seq: string; instance: string; ops: unknown[] }>(
      'SELECT seq, instance, ops FROM changes WHERE seq > $1 ORDER BY seq',
      [this.seq],
    );
    const touched = new Set<ConnectionId>();
    let settingsChanged = false;
    for (const row of rows) {
      this.seq = Number(row.seq);
      if (row.instance === this.instance) continue;
      // Read with the same schema as the journal: a change this version cannot read is left out.
      const ops = row.ops.filter((op) => checkJournalOp(op) === null) as JournalOp[];
      for (const id of this.catalog.applyChanges(ops)) touched.add(id);
      if (ops.some((op) => 'settings' in op)) settingsChanged = true;
    }
    if (touched.size > 0 || settingsChanged) this.onApplied([...touched], settingsChanged);
  }
}
