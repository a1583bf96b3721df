import { dirname } from 'node:path';
import type { HistoryFile } from '../audit/history-file';
import type { AuditEntry } from '../domain/audit';
import type { MetadataStore } from '../store/metadata-store';
import { dictionary } from '../domain/dictionary';
import { DamagedRecords } from '../store/damaged-records';
import { CURRENT_SCHEMA_VERSION } from '../store/schema';
import type { JournalOp, JournalRecord, KeyedSection } from '../store/journal-records';
import { KEYED_SECTIONS, refuseUnreadable } from '../store/journal-records';
import type { StoreData } from '../store/schema';
import { asStorageError, StorageError } from '../store/storage-failure';
import type { StoreJournal } from '../store/store-journal';
import type { StorageHealthOptions, StorageState } from './storage-health';
import { StorageHealth } from './storage-health';

export const CATALOG_SECTIONS = [
  'partners',
  'connections',
  'tokens',
  'states',
  'audit',
  'settings',
  'secrets',
  'sealing',
] as const;
export type CatalogSection = (typeof CATALOG_SECTIONS)[number];

/**
 * The sections whose changes carry what a person entered or imported (partners, connections,
 * settings, the data key's record): checked before they are written. A renewal's own changes (its
 * state, token metadata, history line and sealed secrets) are built by TokenTray from values the
 * dialect's parser already read, several times per renewal; start-up still checks every change it
 * reads back, and sets a bad one aside as damaged.
 */
const CHECKED_ON_WRITE: ReadonlySet<CatalogSection> = new Set([
  'partners',
  'connections',
  'settings',
  'sealing',
]);

/** How long changes may live only in the journal before the metadata file is rewritten with them. */
export const CHECKPOINT_AFTER_MS = 60_000;
/** A journal this long is folded into the metadata file at once, so start-up never replays much. */
export const CHECKPOINT_AFTER_BYTES = 16 * 1024 * 1024;

/** A `commit` waiting for its changes to be durable. */
export interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What the catalog asks of whatever makes its changes durable: the profile's journal, or a workspace. */
export type CatalogWriting = Pick<
  CatalogWriter,
  'record' | 'commit' | 'storageState' | 'checkpoint' | 'setAsideDamaged' | 'close'
>;

/** How the writer reports and retries a disk that refuses writes. */
export type CatalogWriterOptions = Omit<StorageHealthOptions, 'retry'>;

/**
 * Makes the catalog's changes durable. Each change becomes a journal line, written with
 * the others of the same tick and synced (a few hundred bytes, whatever the profile's
 * size); the metadata file, which conf and electron-store rewrite whole, is written only
 * at checkpoints: every minute while changes come in, when the journal grows large, and on
 * close. A crash loses nothing acknowledged: start-up replays the journal over the file.
 *
 * A record the journal could not write (a full disk) is not acknowledged, and its changes,
 * still in memory, go into the next record before anything newer, so the journal never
 * holds a later change without an earlier one; until then the storage state says so and
 * retries with backoff.
 */
export class CatalogWriter {
  private pending: JournalOp[] = [];
  /** Records the journal refused, oldest first: written again, ahead of `pending`. */
  private unwritten: JournalRecord[] = [];
  private waiters: Waiter[] = [];
  private readonly dirty = new Set<CatalogSection>();
  private commitScheduled = false;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The newest record the metadata file holds: a failed record this old needs no second write. */
  private checkpointedSeq: number;
  private readonly health: StorageHealth;
  private readonly directory: string;
  /** History appended since the last checkpoint: the checkpoint moves it to the history file. */
  private historySinceCheckpoint: AuditEntry[];

  constructor(
    private readonly store: MetadataStore<StoreData>,
    private readonly journal: StoreJournal,
    private readonly data: Pick<StoreData, CatalogSection> & { journalSeq?: number },
    /** The newest journal record the metadata file or the journal holds. */
    private seq: number,
    options: CatalogWriterOptions = {},
    /** Where history goes at checkpoints, instead of the metadata file; the file's own section otherwise. */
    private readonly history?: HistoryFile,
    /** History read at start-up that the history file does not hold yet. */
    adoptedHistory: AuditEntry[] = [],
    /** Records start-up could not read: written back as they were until they are set aside. */
    private readonly damaged = new DamagedRecords(),
  ) {
    this.historySinceCheckpoint = adoptedHistory;
    this.checkpointedSeq = data.journalSeq ?? 0;
    this.directory = dirname(store.path);
    this.health = new StorageHealth({ ...options, retry: () => this.commit() });
  }

  /** Whether the profile takes writes; not ok from a failed write until one succeeds. */
  storageState(): StorageState {
    return this.health.state();
  }

  /**
   * Queues a change for the journal. A change to a checked section is checked first with the
   * very schema start-up reads the journal with, so TokenTray never writes what it would refuse
   * to open; the caller changes its data only after this returns.
   */
  record(section: CatalogSection, op: JournalOp): void {
    if (CHECKED_ON_WRITE.has(section)) refuseUnreadable(op);
    this.pending.push(op);
    if ('audit' in op && this.history) this.historySinceCheckpoint.push(op.audit);
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
    // With no damaged record kept, every section is written (the file is rewritten whole anyway), so
    // the text holds only what the core checked or built and the next start need not check it again.
    const whole = this.damaged.list().length === 0;
    const values: Partial<StoreData> = whole
      ? { schemaVersion: CURRENT_SCHEMA_VERSION, journalSeq: this.seq }
      : { journalSeq: this.seq };
    for (const section of whole ? CATALOG_SECTIONS : this.dirty) {
      Object.assign(values, { [section]: this.sectionToWrite(section) });
    }
    // The history file takes the history, so that what a checkpoint writes does not grow with it.
    if (this.history && values.audit) values.audit = [];
    try {
      this.history?.appendDurably(this.historySinceCheckpoint);
      this.store.setMany(values, { checked: whole });
    } catch (error) {
      // The journal still holds what was committed; the rest waits for the next commit.
      this.waiters.push(...waiters);
      const failure = asStorageError(error, this.directory);
      if (failure instanceof StorageError) this.health.failed(failure);
      throw failure;
    }
    this.pending = [];
    this.unwritten = [];
    this.historySinceCheckpoint = [];
    this.checkpointedSeq = this.seq;
    this.dirty.clear();
    this.journal.discard();
    this.health.succeeded();
    for (const waiter of waiters) waiter.resolve();
  }

  /** Forgets the damaged records and writes the profile without them (the copies of the files stay). */
  setAsideDamaged(): number {
    const count = this.damaged.setAside();
    this.rewrite();
    return count;
  }

  /** A section as the file should hold it: its records, and damaged ones as they were where no record replaced them. */
  private sectionToWrite(section: CatalogSection): unknown {
    if (!(section in KEYED_SECTIONS)) return this.data[section];
    const kept = this.damaged.keptRecords(section as KeyedSection);
    if (kept.length === 0) return this.data[section];
    const written = dictionary<unknown>(Object.fromEntries(kept));
    for (const [key, value] of Object.entries(this.data[section as KeyedSection])) written[key] = value;
    return written;
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
    this.health.close();
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
    let record: JournalRecord | undefined;
    if (this.pending.length === 0 && this.unwritten.length === 0) {
      if (waiters.length === 0) return;
      written = this.journal.flush();
    } else {
      record = { seq: ++this.seq, ops: [...this.unwritten.flatMap((r) => r.ops), ...this.pending] };
      this.unwritten = [];
      this.pending = [];
      written = this.journal.append(record, durable || waiters.length > 0);
    }
    // The journal rejects a failed record and every one queued behind it at once, in order,
    // so these run before any later record is made from `unwritten`.
    written.then(
      () => {
        this.health.succeeded();
        waiters.forEach((waiter) => waiter.resolve());
      },
      (error: unknown) => {
        if (record && record.seq > this.checkpointedSeq) this.unwritten.push(record);
        const failure = asStorageError(error, this.directory);
        if (failure instanceof StorageError) this.health.failed(failure);
        waiters.forEach((waiter) => waiter.reject(failure));
      },
    );
    if (this.journal.size > CHECKPOINT_AFTER_BYTES) this.tryCheckpoint();
  }

  private takeWaiters(): Waiter[] {
    const waiters = this.waiters;
    this.waiters = [];
    return waiters;
  }
}
