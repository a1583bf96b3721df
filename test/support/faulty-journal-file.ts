import type { JournalFile, OpenJournalFile } from '../../main/core/store/journal-file';
import { openJournalFile } from '../../main/core/store/journal-file';

/** Where a simulated disk fails a journal: every number is in bytes or calls, so a test can name any moment. */
export interface DiskFaults {
  /** The most bytes one write call takes, used in turn: a write asked for more returns short. */
  chunks: readonly number[];
  /** The file cannot grow past this many bytes (ENOSPC) … */
  capacity: number;
  /** … until this many writes have failed on it; then the space comes back. */
  freeAfterFailures: number;
  /** Which datasync calls fail (0 is the first), as a sync on a disk out of blocks does. */
  failingSyncs: readonly number[];
  /** The process dies once this many bytes have been written in all: the file keeps exactly those. */
  killAtByte: number;
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/**
 * The real journal file with a disk's faults in front of it: short writes, a full disk that
 * frees up after a while, failing syncs, and a kill at a byte, after which nothing more
 * happens (every call hangs, as in a process that no longer runs).
 */
export class FaultyDisk {
  killed = false;
  private written = 0;
  private failures = 0;
  private syncs = 0;
  private chunk = 0;
  private capacity: number;
  private readonly onKill: Array<() => void> = [];
  /** Resolves when the simulated process dies. */
  readonly death = new Promise<void>((resolve) => this.onKill.push(resolve));

  constructor(private readonly faults: DiskFaults) {
    this.capacity = faults.capacity;
  }

  readonly open: OpenJournalFile = async (path) => {
    if (this.killed) return never();
    return this.wrap(await openJournalFile(path));
  };

  private wrap(real: JournalFile): JournalFile {
    return {
      write: async (buffer, offset, length, position) => {
        if (this.killed) return never();
        let count = Math.min(length, this.faults.chunks[this.chunk++ % this.faults.chunks.length]!);
        const room = this.capacity - position;
        if (room <= 0) {
          this.failures += 1;
          if (this.failures >= this.faults.freeAfterFailures) this.capacity = Infinity;
          throw errno('ENOSPC');
        }
        count = Math.min(count, room);
        if (this.written + count >= this.faults.killAtByte) {
          const last = this.faults.killAtByte - this.written;
          if (last > 0) await real.write(buffer, offset, last, position);
          await this.kill(real);
          return never();
        }
        this.written += count;
        return real.write(buffer, offset, count, position);
      },
      datasync: async () => {
        if (this.killed) return never();
        if (this.faults.failingSyncs.includes(this.syncs++)) throw errno('ENOSPC');
        return real.datasync();
      },
      truncate: async (length) => {
        if (this.killed) return never();
        return real.truncate(length);
      },
      close: () => real.close(),
    };
  }

  private async kill(real: JournalFile): Promise<void> {
    this.killed = true;
    await real.close();
    for (const resolve of this.onKill) resolve();
  }
}
