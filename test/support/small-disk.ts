import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tmpfs of its own, mounted by the test: a real disk that fills up, frees and turns read-only. */
export interface SmallDisk {
  /** Where it is mounted. */
  mountPoint: string;
  /** A folder on it for a profile. */
  profile: string;
  /** Writes a filler file until the disk refuses another byte. */
  fill(): void;
  /** Removes the filler. */
  free(): void;
  remount(mode: 'ro' | 'rw'): void;
  unmount(): void;
}

/** Why the full-disk tests cannot run here, or null when they can: mounting needs root. */
export function smallDiskUnavailable(): string | null {
  if (process.getuid?.() !== 0)
    return 'mounting a small tmpfs needs root; run the tests as root to include them';
  try {
    mountSmallDisk(64).unmount();
    return null;
  } catch (error) {
    return `mounting a small tmpfs failed (${(error as Error).message.split('\n')[0]})`;
  }
}

export function mountSmallDisk(sizeKiB: number): SmallDisk {
  const mountPoint = mkdtempSync(join(tmpdir(), 'tokentray-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', mountPoint], {
    stdio: 'pipe',
  });
  const profile = join(mountPoint, 'profile');
  mkdirSync(profile, { mode: 0o700 });
  const filler = join(mountPoint, 'filler');
  return {
    mountPoint,
    profile,
    fill() {
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(4096, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
      // Whatever is left is less than a block: take it byte by byte.
      const last = openSync(filler, 'a');
      try {
        for (;;) writeSync(last, block, 0, 1);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(last);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    remount(mode) {
      execFileSync('mount', ['-o', `remount,${mode}`, mountPoint], { stdio: 'pipe' });
    },
    unmount() {
      execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
      rmSync(mountPoint, { recursive: true, force: true });
    },
  };
}
