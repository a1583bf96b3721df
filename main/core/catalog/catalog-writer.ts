import type { MetadataStore } from '../store/metadata-store';
import type { JournalOp } from '../store/journal-records';
import type { StoreData } from '../store/schema';
import type { StoreJournal } from '../store/store-journal';

export const CATALOG_SECTIONS = [
  'partners',
  'connections',
  'tokens',
  'states',
  'audit',
  'secrets',
  'sealing',
] as const;
export type CatalogSection = (typeof CATALOG_SECTIONS)[number];

/** How long changes may live only in the journal before the metadata file is rewritten with them. */
export const CHECKPOINT_AFTER_MS = 60_000;
/** A journal this long is folded into the metadata file at once, so start-up never replays much. */
export const CHECKPOINT_AFTER_BYTES = 16 * 1024 * 1024;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Makes the catalog's changes durable. Each change becomes a journal line, written with
 * the others of the same tick and synced (a few hundred bytes, whatever the profile's
 * size); the metadata file, which conf and electron-store rewrite whole, is written only
 * at checkpoints: every minute while changes come in, when the journal grows large, and on
 * close. A crash loses nothing acknowledged: start-up replays the journal over the file.
 */
export class CatalogWriter {
  private pending: JournalOp[] = [];
  private waiters: Waiter[] = [];
  private readonly dirty = new Set<CatalogSection>();
  private commitScheduled = false;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: MetadataStore<StoreData>,
    private readonly journal: StoreJournal,
    private readonly data: Pick<StoreData, CatalogSection>,
    /** The newest journal record the metadata file or the journal holds. */
    private seq: number,
  ) {}

  record(section: CatalogSection, op: JournalOp): void {
    this.pending.push(op);
    this.dirty.add(section);
    this.scheduleCommit();
    this.armCheckpoint();
  }

  /**
   * Resolves once every change recorded so far is on disk. The line goes to the journal at
   * once, not at the end of the tick: a renewal waits on it before it sends. Lines that queue
   * up while a sync runs still go out together.
   */
  commit(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.writeJournal(true);
    });
  }

  /** Writes the metadata file with every change so far, then lets the journal go. */
  checkpoint(): void {
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    if (this.dirty.size === 0) return;
    const waiters = this.takeWaiters();
    const values: Partial<StoreData> = { journalSeq: this.seq };
    for (const section of this.dirty) Object.assign(values, { [section]: this.data[section] });
    try {
      this.store.setMany(values);
    } catch (error) {
      // The journal still holds what was committed; the rest waits for the next commit.
      this.waiters.push(...waiters);
      throw error;
    }
    this.pending = [];
    this.dirty.clear();
    this.journal.discard();
    for (const waiter of waiters) waiter.resolve();
  }

  /** Writes every section, as after a replay at start-up, and lets the journal go. */
  rewrite(): void {
    for (const section of CATALOG_SECTIONS) this.dirty.add(section);
    this.checkpoint();
  }

  /** Checkpoints and closes the journal; the catalog is read-only from here. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.checkpoint();
    await this.journal.close();
  }

  private armCheckpoint(): void {
    this.checkpointTimer ??= setTimeout(() => {
      this.checkpointTimer = undefined;
      this.tryCheckpoint();
    }, CHECKPOINT_AFTER_MS).unref();
  }

  private tryCheckpoint(): void {
    try {
      this.checkpoint();
    } catch {
      // A full disk, say: the journal still holds every change, so try again later.
      this.armCheckpoint();
    }
  }

  private scheduleCommit(): void {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      this.writeJournal(false);
    });
  }

  /**
   * Appends what changed since the last line. `durable` lines are synced before their
   * waiters hear so; the others (changes nobody waits on, like a renewal's result, which
   * the in-flight marker already covers) are synced with the next durable line, and
   * always before the next checkpoint's file replaces them.
   */
  private writeJournal(durable: boolean): void {
    const waiters = this.takeWaiters();
    let written: Promise<void>;
    if (this.pending.length === 0) {
      if (waiters.length === 0) return;
      written = this.journal.flush();
    } else {
      const record = { seq: ++this.seq, ops: this.pending };
      this.pending = [];
      written = this.journal.append(record, durable || waiters.length > 0);
    }
    written.then(
      () => waiters.forEach((waiter) => waiter.resolve()),
      (error: unknown) => waiters.forEach((waiter) => waiter.reject(error)),
    );
    // Unobserved failures are the next checkpoint's to make good.
    written.catch(() => undefined);
    if (this.journal.size > CHECKPOINT_AFTER_BYTES) this.tryCheckpoint();
  }

  private takeWaiters(): Waiter[] {
    const waiters = this.waiters;
    this.waiters = [];
    return waiters;
  }
}
