import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEntry } from '../domain/audit';
import { AuditEntrySchema } from '../domain/audit';
import { STORE_FILE_MODE } from '../store/store-file';
import { DEFAULT_AUDIT_LIMIT } from './audit-log';

/** `…/tokentray.json` → `…/tokentray.history`, beside the metadata file. */
export function historyPathFor(storePath: string): string {
  return storePath.endsWith('.json')
    ? `${storePath.slice(0, -'.json'.length)}.history`
    : `${storePath}.history`;
}

/**
 * The history on disk, apart from the metadata file so that a checkpoint never rewrites it:
 * an append-only file of JSON lines, rotated by length. When the current file holds `limit`
 * entries it becomes `….history.1` (replacing the one before) and a new file starts, so the
 * disk holds between `limit` and twice `limit` entries and every append is a few hundred bytes.
 * Entries carry ids, so one appended twice (a crash between the history and the metadata
 * file) is read once.
 */
export class HistoryFile {
  private readonly ids = new Set<string>();

  private constructor(
    readonly path: string,
    private readonly limit: number,
    private linesInCurrent: number,
  ) {}

  /** The file and the newest `limit` entries it holds, oldest first (what the audit log keeps in memory). */
  static open(path: string, limit = DEFAULT_AUDIT_LIMIT): { file: HistoryFile; entries: AuditEntry[] } {
    const older = readEntries(`${path}.1`);
    const current = readEntries(path);
    const file = new HistoryFile(path, limit, current.length);
    const entries: AuditEntry[] = [];
    for (const entry of [...older, ...current]) {
      if (file.has(entry.id)) continue;
      file.remember(entry.id);
      entries.push(entry);
    }
    return { file, entries: entries.slice(Math.max(0, entries.length - limit)) };
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /**
   * Appends the entries not on disk yet and syncs them; throws (the file cut back to where it
   * was) when the disk refuses them. The in-memory list is the caller's: `entries` is not changed.
   */
  appendDurably(entries: readonly AuditEntry[]): void {
    const fresh = entries.filter((entry) => !this.ids.has(entry.id));
    if (fresh.length === 0) return;
    if (this.linesInCurrent >= this.limit) this.rotate();
    const text = Buffer.from(fresh.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    // As conf does for the metadata file: a profile folder removed while running is made again,
    // so that stopping writes back what was held.
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'a', STORE_FILE_MODE);
    try {
      const start = fstatSync(fd).size;
      try {
        for (let written = 0; written < text.length;) written += writeSync(fd, text, written);
        fdatasyncSync(fd);
      } catch (error) {
        // Whole entries or none: a later append must not land after half a line.
        try {
          ftruncateSync(fd, start);
        } catch {
          // A torn last line is skipped on reading.
        }
        throw error;
      }
    } finally {
      closeSync(fd);
    }
    for (const entry of fresh) this.remember(entry.id);
    this.linesInCurrent += fresh.length;
  }

  /** Ids of what the two files hold at most, oldest forgotten first, so a long run does not grow the set. */
  private remember(id: string): void {
    this.ids.add(id);
    if (this.ids.size <= 2 * this.limit) return;
    for (const oldest of this.ids) {
      this.ids.delete(oldest);
      break;
    }
  }

  private rotate(): void {
    renameSync(this.path, `${this.path}.1`);
    this.linesInCurrent = 0;
  }
}

/** History is not worth refusing a start-up over: an unreadable line (a torn last one, say) is skipped. */
function readEntries(path: string): AuditEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // Skipped, see above.
    }
  }
  return entries;
}
