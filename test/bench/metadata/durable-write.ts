import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** What any durable whole-file store must at least do: write a temp file, fsync it, rename it over the old one. */
export function writeDurably(path: string, text: string): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
