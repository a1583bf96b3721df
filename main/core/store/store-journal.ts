import { readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { DamagedEntry } from './damaged-records';
import type { JournalRecord } from './journal-records';
import { readJournalLine } from './journal-records';
import { STORE_FILE_MODE, copyAside } from './store-file';

/** `…/tokentray.json` → `…/tokentray.journal`, beside the metadata file it completes. */
export function journalPathFor(storePath: string): string {
  return storePath.endsWith('.json')
    ? `${storePath.slice(0, -'.json'.length)}.journal`
    : `${storePath}.journal`;
}

type Task =
  | {
      kind: 'append';
      line: string;
      /** Synced before it resolves; a line that is not is synced with the next one that is. */
      durable: boolean;
      resolve: () => void;
      reject: (error: unknown) => void;
    }
  | { kind: 'discard' };

/**
 * An append-only file of recent changes, one JSON record a line, beside the metadata file.
 * A change is durable once its line is written and synced: a few hundred bytes, where
 * rewriting the metadata file would cost the whole profile. Appends that queue up while a
 * sync runs go out together in the next write (group commit). A checkpoint of the metadata
 * file makes the lines it holds redundant; `discard` then empties the file.
 */
export class StoreJournal {
  private handle: Promise<FileHandle> | undefined;
  private readonly queue: Task[] = [];
  private draining: Promise<void> | undefined;
  private bytes = 0;
  /** Lines written since the last sync. */
  private unsynced = false;

  private constructor(readonly path: string) {}

  /**
   * Opens the journal at `path` and reads what an earlier run left in it. A last line cut
   * short by a crash is dropped (it was never acknowledged); any other unreadable line or
   * change is listed as damaged, the file copied aside first, and the rest is replayed.
   */
  static open(
    path: string,
    now: () => number = Date.now,
  ): { journal: StoreJournal; records: JournalRecord[]; damaged: DamagedEntry[]; copyPath: string | null } {
    const { records, damaged } = readRecords(path);
    const copyPath = damaged.length > 0 ? copyAside(path, now) : null;
    return { journal: new StoreJournal(path), records, damaged, copyPath };
  }

  /** Resolves once the record is written, and synced to disk unless `durable` is false. */
  append(record: JournalRecord, durable = true): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    this.bytes += line.length;
    return this.enqueue(line, durable);
  }

  /** Resolves once every line appended so far is synced to disk. */
  flush(): Promise<void> {
    return this.enqueue('', true);
  }

  /** Empties the file after every write queued before this call. */
  discard(): void {
    this.bytes = 0;
    this.queue.push({ kind: 'discard' });
    this.drain();
  }

  /** Roughly how much the file holds since it was last emptied. */
  get size(): number {
    return this.bytes;
  }

  /** Resolves when every queued write is done. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    await this.settled();
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle).close();
  }

  private enqueue(line: string, durable: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'append', line, durable, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    this.draining ??= this.work().finally(() => {
      this.draining = undefined;
    });
  }

  private async work(): Promise<void> {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.kind === 'discard') {
        this.queue.shift();
        await this.run(async (file) => file.truncate(0)).catch(() => {
          // The lines left are older than the checkpoint, which replay skips: harmless.
        });
        // What was not synced is in the checkpoint now.
        this.unsynced = false;
        continue;
      }
      const batch: Array<Extract<Task, { kind: 'append' }>> = [];
      while (this.queue[0]?.kind === 'append') batch.push(this.queue.shift() as (typeof batch)[number]);
      const text = batch.map((task) => task.line).join('');
      const sync = batch.some((task) => task.durable) && (text !== '' || this.unsynced);
      try {
        if (text !== '' || sync) {
          await this.run(async (file) => {
            if (text !== '') await file.write(text);
            if (sync) await file.datasync();
          });
        }
        this.unsynced = !sync && (this.unsynced || text !== '');
        for (const task of batch) task.resolve();
      } catch (error) {
        for (const task of batch) task.reject(error);
      }
    }
  }

  private async run(operation: (file: FileHandle) => Promise<unknown>): Promise<void> {
    this.handle ??= open(this.path, 'a', STORE_FILE_MODE);
    try {
      await operation(await this.handle);
    } catch (error) {
      // Reopen next time: the handle may be what failed.
      const failed = this.handle;
      this.handle = undefined;
      await failed.then((file) => file.close()).catch(() => undefined);
      throw error;
    }
  }
}

function readRecords(path: string): { records: JournalRecord[]; damaged: DamagedEntry[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damaged: [] };
    throw error;
  }
  const lines = text.split('\n');
  const records: JournalRecord[] = [];
  const damaged: DamagedEntry[] = [];
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const read = readJournalLine(line, index + 1);
    if (read.record) records.push(read.record);
    const isLast = lines.slice(index + 1).every((rest) => rest === '');
    if (!read.record && isLast && !text.endsWith('\n')) break;
    damaged.push(...read.damaged);
  }
  return { records, damaged };
}
