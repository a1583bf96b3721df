import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { STORE_FILE_MODE } from './store-file';

/**
 * The few file operations the journal needs, at explicit positions. A port so that a test
 * can hand the journal short writes and full-disk errors at any byte; the real one is below.
 */
export interface JournalFile {
  /** Writes at `position` and answers how many bytes it wrote, which may be fewer than asked (write(2)). */
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export type OpenJournalFile = (path: string) => Promise<JournalFile>;

/** Opened for writing at positions, not in append mode: pwrite(2) ignores the position of an O_APPEND file. */
export const openJournalFile: OpenJournalFile = async (path) => {
  const handle = await open(path, constants.O_RDWR | constants.O_CREAT, STORE_FILE_MODE);
  return {
    write: async (buffer, offset, length, position) =>
      (await handle.write(buffer, offset, length, position)).bytesWritten,
    datasync: () => handle.datasync(),
    truncate: (length) => handle.truncate(length),
    close: () => handle.close(),
  };
};
