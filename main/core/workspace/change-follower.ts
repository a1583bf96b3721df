import type pg from 'pg';
import type { Catalog } from '../catalog/catalog';
import type { ConnectionId } from '../domain/ids';
import type { JournalOp } from '../store/journal-records';
import { checkJournalOp, journalFormat } from '../store/journal-records';
import type { KnownMembers } from './known-members';
import { loadWorkspace } from './load-workspace';
import { resyncConnectionOps, resyncOps } from './resync-ops';
import type { Statement } from './workspace-ops';
import { memberChangeOf } from './workspace-member';

/**
 * The changes after a number, and how far they were trimmed. One statement, so one snapshot: a
 * trim committed meanwhile shows in both or in neither.
 */
const FOLLOW_CHANGES = `SELECT trimmed.through, c.seq, c.instance, c.format,
        CASE WHEN c.instance = $2 THEN NULL ELSE c.ops END AS ops
   FROM (SELECT coalesce(max(through), 0) AS through FROM changes_trimmed) trimmed
   LEFT JOIN changes c ON c.seq > $1
  ORDER BY c.seq`;

/** A read of the changes to send along with another statement; its rows (or null, when it failed) go to `deliver`. */
export interface FollowAlong {
  statement: Statement;
  /** Resolves once the rows are applied, in turn with the other reads. */
  deliver(rows: ChangeRow[] | null): Promise<void>;
}

/** A row of FOLLOW_CHANGES: `ops` is null for this instance's own changes (it holds them already). */
export interface ChangeRow {
  through: string;
  seq: string | null;
  instance: string | null;
  format: string | null;
  ops: unknown[] | null;
}

/** The shortest time between two reads started by notifications: well within a second for the window. */
const FOLLOW_INTERVAL_MS = 100;

/**
 * Applies what other instances commit to this instance's catalog, in commit order: after
 * NOTIFYs (a read serves a burst of them), after a reconnection (notifications sent meanwhile are lost), and before a renewal
 * starts on a connection whose lock this instance just took. An instance that fell behind the
 * changes the workspace keeps (trim-changes.ts) reads the whole workspace again instead.
 */
export class ChangeFollower {
  private reading: Promise<void> = Promise.resolve();
  /** The read queued behind the one under way, until it starts. */
  private waiting: Promise<void> | null = null;
  private notifiedTimer: NodeJS.Timeout | undefined;
  /** Notifications received so far, and how many of them the reads applied so far had started after. */
  private notices = 0;
  private noticesRead = 0;
  private lastReadStarted = 0;
  /**
   * Reads sent or queued and not applied yet. Another read sent meanwhile would read the same
   * changes again (each from the last one applied): while one is under way, callers wait for it.
   */
  private outstanding = 0;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly catalog: Catalog,
    private readonly instance: string,
    /** The newest change the catalog holds. */
    private seq: number,
    private readonly onApplied: (connectionIds: ConnectionId[], settingsChanged: boolean) => void,
    /** Kept up with the members who join or rename. */
    private readonly members: KnownMembers,
  ) {}

  /** Resolves once every change committed before the call is applied; rejects when the workspace does not answer. */
  catchUp(): Promise<void> {
    // A read not started yet starts after this call, so it serves this call too: a burst of
    // NOTIFYs (one per change every instance commits) costs one read, not one each.
    if (this.waiting) return this.waiting;
    this.outstanding += 1;
    const read = this.reading
      .catch(() => undefined)
      .then(() => {
        this.waiting = null;
        return this.readNew();
      })
      .finally(() => (this.outstanding -= 1));
    this.waiting = read;
    this.reading = read;
    return read;
  }

  /** Resolves once the change numbered `seq`, and every one before it, is applied. */
  async catchUpTo(seq: number): Promise<void> {
    if (this.seq >= seq) return;
    // The read under way may bring it already.
    await this.reading.catch(() => undefined);
    if (this.seq < seq) await this.catchUp();
  }

  /**
   * A change was committed somewhere: read soon, at most once per interval. Instances commit
   * hundreds of changes a second when many renewals are due; each read serves all committed
   * before it, and what must be current (a renewal taken) reads up to what it needs itself.
   */
  notified(): void {
    this.notices += 1;
    if (this.notifiedTimer || this.closed) return;
    const wait = Math.max(0, this.lastReadStarted + FOLLOW_INTERVAL_MS - Date.now());
    this.notifiedTimer = setTimeout(() => {
      this.notifiedTimer = undefined;
      // A read started after the last notification (a renewal's, say) has applied what it announced.
      if (this.noticesRead < this.notices) void this.catchUp().catch(() => undefined);
    }, wait);
    this.notifiedTimer.unref();
  }

  /** No reads are started for notifications any more. */
  close(): void {
    this.closed = true;
    clearTimeout(this.notifiedTimer);
  }

  /**
   * Reads one connection's renewal state again, in turn with the reads of changes: the workspace
   * refused this instance's changes to it (another instance renewed it meanwhile).
   */
  readConnectionAgain(connectionId: ConnectionId): Promise<void> {
    const read = this.reading
      .catch(() => undefined)
      .then(async () => {
        const loaded = await this.loadAll();
        const touched = this.catalog.applyChanges(
          resyncConnectionOps(this.catalog, loaded.data, connectionId),
        );
        this.onApplied(touched, false);
      });
    this.reading = read;
    return read;
  }

  private async loadAll(): ReturnType<typeof loadWorkspace> {
    const client = await this.pool.connect();
    try {
      return await loadWorkspace(client, 0);
    } finally {
      client.release();
    }
  }

  /**
   * The statement that reads the changes after those applied here, for a caller that sends it
   * along with its own (a renewal's lock); null while another read is under way (the caller
   * then catches up after it, `catchUpTo`). The caller must `deliver` what it read, or null.
   */
  followAlong(): FollowAlong | null {
    if (this.outstanding > 0) return null;
    this.outstanding += 1;
    const statement = { text: FOLLOW_CHANGES, values: [this.seq, this.instance] };
    const notices = this.readStarts();
    let deliver!: (rows: ChangeRow[] | null) => void;
    const read = new Promise<ChangeRow[] | null>((resolve) => (deliver = resolve));
    const applied = this.reading
      .catch(() => undefined)
      .then(async () => {
        const rows = await read;
        if (rows) await this.applyRows(rows, notices);
      })
      .finally(() => (this.outstanding -= 1));
    this.reading = applied;
    return {
      statement,
      deliver: (rows) => {
        deliver(rows);
        return applied;
      },
    };
  }

  /** A read starts: the notifications received so far are the ones it answers. */
  private readStarts(): number {
    this.lastReadStarted = Date.now();
    return this.notices;
  }

  private async readNew(): Promise<void> {
    const notices = this.readStarts();
    // Prepared once per pooled session: the same text on every read.
    const { rows } = await this.pool.query<ChangeRow>({
      name: 'tokentray_follow_changes',
      text: FOLLOW_CHANGES,
      values: [this.seq, this.instance],
    });
    await this.applyRows(rows, notices);
  }

  /** Rows read from some earlier point on: those this catalog holds already are passed over. */
  private async applyRows(rows: ChangeRow[], notices: number): Promise<void> {
    if (Number(rows[0]?.through ?? 0) > this.seq) {
      await this.resync();
      this.noticesRead = Math.max(this.noticesRead, notices);
      return;
    }
    this.noticesRead = Math.max(this.noticesRead, notices);
    const touched = new Set<ConnectionId>();
    let settingsChanged = false;
    for (const row of rows) {
      if (row.seq === null || Number(row.seq) <= this.seq) continue;
      this.seq = Number(row.seq);
      if (row.instance === this.instance || row.ops === null) continue;
      for (const member of row.ops.map(memberChangeOf)) if (member) this.members.heard(member);
      // Checked with the same schema as the journal, unless a writer with the same schemas checked
      // it before writing: a change this version cannot read is left out.
      const ops = (
        row.format === journalFormat() ? row.ops : row.ops.filter((op) => checkJournalOp(op) === null)
      ) as JournalOp[];
      for (const id of this.catalog.applyChanges(ops)) touched.add(id);
      if (ops.some((op) => 'settings' in op)) settingsChanged = true;
    }
    if (touched.size > 0 || settingsChanged) this.onApplied([...touched], settingsChanged);
  }

  /** Changes this instance had not read were trimmed: the whole workspace, read again, replaces its view. */
  private async resync(): Promise<void> {
    const loaded = await this.loadAll();
    const touched = this.catalog.applyChanges(resyncOps(this.catalog, loaded.data));
    this.members.replace(loaded.members);
    this.seq = loaded.seq;
    this.onApplied(touched, true);
  }
}
