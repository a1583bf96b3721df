import { readFileSync } from 'node:fs';
import type { DamagedEntry } from './damaged-records';
import type { JournalFile, OpenJournalFile } from './journal-file';
import { openJournalFile } from './journal-file';
import type { JournalRecord } from './journal-records';
import { readJournalLine } from './journal-records';
import { copyAside } from './store-file';

/** `…/tokentray.json` → `…/tokentray.journal`, beside the metadata file it completes. */
export function journalPathFor(storePath: string): string {
  return storePath.endsWith('.json')
    ? `${storePath.slice(0, -'.json'.length)}.journal`
    : `${storePath}.journal`;
}

interface Append {
  kind: 'append';
  line: string;
  /** Synced before it resolves; a line that is not is synced with the next one that is. */
  durable: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

type Task = Append | { kind: 'discard' };

export interface StoreJournalOptions {
  now?: () => number;
  /** How the file is opened for writing; tests pass one that fails at a chosen byte. */
  openFile?: OpenJournalFile;
}

/**
 * An append-only file of recent changes, one JSON record a line, beside the metadata file.
 * A change is durable once its line is written and synced: a few hundred bytes, where
 * rewriting the metadata file would cost the whole profile. Appends that queue up while a
 * sync runs go out together in the next write (group commit). A checkpoint of the metadata
 * file makes the lines it holds redundant; `discard` then empties the file.
 *
 * Records are written whole or not at all: a short write is continued, and a write or sync
 * that fails (a full disk, say) is cut back to the end of the last whole record before
 * anything else is appended, so a cut-off line can only ever be the last one, left by a crash.
 */
export class StoreJournal {
  private file: Promise<JournalFile> | undefined;
  private readonly queue: Task[] = [];
  private draining: Promise<void> | undefined;
  private bytes = 0;
  /** Where the last whole record ends: the next one is written here. */
  private end: number;
  /** The file may hold bytes past `end` (a failed write, or a line cut off by a crash). */
  private needsCut: boolean;
  /** Lines written since the last sync. */
  private unsynced = false;
  private readonly openFile: OpenJournalFile;

  private constructor(
    readonly path: string,
    read: ReadRecords,
    openFile: OpenJournalFile,
  ) {
    this.end = read.wholeLength;
    this.needsCut = read.fileLength > read.wholeLength;
    this.openFile = openFile;
  }

  /**
   * Opens the journal at `path` and reads what an earlier run left in it. A last line cut
   * short by a crash is dropped (it was never acknowledged) and cut off before the next
   * write; any other unreadable line or change is listed as damaged, the file copied aside
   * first, and the rest is replayed.
   */
  static open(
    path: string,
    options: StoreJournalOptions | (() => number) = {},
  ): { journal: StoreJournal; records: JournalRecord[]; damaged: DamagedEntry[]; copyPath: string | null } {
    const { now = Date.now, openFile = openJournalFile } =
      typeof options === 'function' ? { now: options } : options;
    const read = readRecords(path);
    const copyPath = read.damaged.length > 0 ? copyAside(path, now) : null;
    return {
      journal: new StoreJournal(path, read, openFile),
      records: read.records,
      damaged: read.damaged,
      copyPath,
    };
  }

  /**
   * Resolves once the record is written, and synced to disk unless `durable` is false.
   * Rejects when it could not be (nothing of it is left in the file), and so does every
   * append queued behind it, so that no later record lands on disk without it.
   */
  append(record: JournalRecord, durable = true): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    this.bytes += line.length;
    return this.enqueue(line, durable);
  }

  /** Resolves once every line appended so far is synced to disk (and a failed write is cut off). */
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
    const file = this.file;
    this.file = undefined;
    if (file) await (await file).close();
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
        await this.emptyFile();
        continue;
      }
      const batch: Append[] = [];
      while (this.queue[0]?.kind === 'append') batch.push(this.queue.shift() as Append);
      try {
        await this.writeBatch(batch);
        for (const task of batch) task.resolve();
      } catch (error) {
        // What queued up behind the failed batch would land after a gap: it fails too.
        const behind = this.queue.filter((task): task is Append => task.kind === 'append');
        this.queue.splice(0, this.queue.length, ...this.queue.filter((task) => task.kind === 'discard'));
        for (const task of [...batch, ...behind]) task.reject(error);
      }
    }
  }

  private async writeBatch(batch: readonly Append[]): Promise<void> {
    const text = Buffer.from(batch.map((task) => task.line).join(''));
    const sync = batch.some((task) => task.durable) && (text.length > 0 || this.unsynced);
    if (this.needsCut) await this.cutToWholeRecords();
    if (text.length === 0 && !sync) return;
    try {
      await this.run(async (file) => {
        await writeFully(file, text, this.end);
        if (sync) await file.datasync();
      });
    } catch (error) {
      this.needsCut = true;
      await this.cutToWholeRecords().catch(() => undefined);
      throw error;
    }
    this.end += text.length;
    this.unsynced = !sync && (this.unsynced || text.length > 0);
  }

  /** Truncates the file back to the end of the last whole record, and syncs that, before anything else is written. */
  private async cutToWholeRecords(): Promise<void> {
    await this.run(async (file) => {
      await file.truncate(this.end);
      await file.datasync();
    });
    this.needsCut = false;
  }

  private async emptyFile(): Promise<void> {
    try {
      await this.run((file) => file.truncate(0));
      this.end = 0;
      this.needsCut = false;
      // What was not synced is in the checkpoint now.
      this.unsynced = false;
    } catch {
      // The lines left are older than the checkpoint, which replay skips: harmless.
    }
  }

  private async run(operation: (file: JournalFile) => Promise<unknown>): Promise<void> {
    this.file ??= this.openFile(this.path);
    try {
      await operation(await this.file);
    } catch (error) {
      // Reopen next time: the handle may be what failed (a profile folder removed, say).
      const failed = this.file;
      this.file = undefined;
      await failed.then((file) => file.close()).catch(() => undefined);
      throw error;
    }
  }
}

/** Continues a short write until every byte is written; a write that makes no progress is an I/O error. */
async function writeFully(file: JournalFile, text: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < text.length) {
    const count = await file.write(text, written, text.length - written, position + written);
    if (count <= 0) throw Object.assign(new Error('The journal write made no progress.'), { code: 'EIO' });
    written += count;
  }
}

interface ReadRecords {
  records: JournalRecord[];
  /** Lines and changes that could not be read, kept for recovery mode. */
  damaged: DamagedEntry[];
  /** Bytes up to the end of the last whole, valid record. */
  wholeLength: number;
  fileLength: number;
}

function readRecords(path: string): ReadRecords {
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { records: [], damaged: [], wholeLength: 0, fileLength: 0 };
    throw error;
  }
  const text = content.toString('utf8');
  const lines = text.split('\n');
  const records: JournalRecord[] = [];
  const damaged: DamagedEntry[] = [];
  let wholeLength = 0;
  for (const [index, line] of lines.entries()) {
    const isLast = lines.slice(index + 1).every((rest) => rest === '');
    if (line === '') {
      if (!isLast || index < lines.length - 1) wholeLength += 1;
      continue;
    }
    // A last line without its newline was cut short (a crash, a full disk): it was never acknowledged.
    if (index === lines.length - 1) break;
    const read = readJournalLine(line, index + 1);
    if (read.record) records.push(read.record);
    damaged.push(...read.damaged);
    wholeLength += Buffer.byteLength(line) + 1;
  }
  return { records, damaged, wholeLength, fileLength: content.length };
}
