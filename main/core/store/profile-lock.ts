import * as fs from 'node:fs';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { TokenTrayError } from '../domain/errors';
import type { LockOwner } from './lock-owner';
import { currentOwner, isOwnerGone, ownerFilePath, readOwner, writeOwner } from './lock-owner';

/** A lock not refreshed for this long belongs to a process that died; it is taken over. */
export const PROFILE_LOCK_STALE_MS = 10_000;
export const PROFILE_LOCK_NAME = 'tokentray.lock';

export interface ProfileLock {
  release(): Promise<void>;
}

export interface ProfileLockOptions {
  /**
   * Called when the lock was lost while held (its file removed, or taken over
   * after this process stood still past the stale time, as in a long sleep).
   * The holder should stop renewing: another TokenTray may now own the profile.
   */
  onCompromised?: (error: TokenTrayError) => void;
}

/**
 * Claims the profile for this process, so the app and the browser host (or two
 * app instances) never renew the same connections. The lock is a directory
 * inside the profile, refreshed in the background and removed on exit; it records
 * its owner (pid, process start time, host), so a lock left by a process that no
 * longer runs on this machine is taken over at once instead of after the stale time.
 */
export async function acquireProfileLock(
  directory: string,
  options: ProfileLockOptions = {},
): Promise<ProfileLock> {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const lockPath = join(directory, PROFILE_LOCK_NAME);
  let release: () => Promise<void>;
  try {
    release = await lock(directory, lockPath, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = readOwner(lockPath);
    if (owner === null || !isOwnerGone(owner)) throw profileLocked(directory, lockPath, owner);
    setAsideDeadLock(lockPath);
    try {
      release = await lock(directory, lockPath, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw profileLocked(directory, lockPath, null);
      throw again;
    }
  }
  writeOwner(lockPath, currentOwner());
  return {
    release: async () => {
      // The directory must be empty for proper-lockfile to remove it.
      rmSync(ownerFilePath(lockPath), { force: true });
      try {
        await release();
      } catch (error) {
        // Already released, or lost: either way this process no longer holds it.
        if ((error as NodeJS.ErrnoException).code !== 'ERELEASED') throw error;
      }
    },
  };
}

function lock(
  directory: string,
  lockPath: string,
  options: ProfileLockOptions,
): Promise<() => Promise<void>> {
  return lockfile.lock(directory, {
    lockfilePath: lockPath,
    stale: PROFILE_LOCK_STALE_MS,
    retries: 0,
    // A stale lock still holds its owner file, which proper-lockfile's rmdir cannot remove.
    fs: {
      ...fs,
      rmdir: removeLockDirectory,
      rmdirSync: (path: string) => rmSync(path, { recursive: true, force: true }),
    },
    // The default throws from a timer and would crash the process.
    onCompromised: () => options.onCompromised?.(lockLost(directory)),
  });
}

/** Why the lock went: the folder removed or made unwritable under TokenTray, or another TokenTray. */
function lockLost(directory: string): TokenTrayError {
  if (!existsSync(directory)) {
    return new TokenTrayError(
      'profile_lock_lost',
      `TokenTray's profile folder ${directory} was removed while it ran, so TokenTray stopped.`,
      [
        'TokenTray wrote what it held back into that folder before it stopped. Start it again to go on.',
        'To move a profile, quit TokenTray first.',
      ],
    );
  }
  try {
    accessSync(directory, constants.W_OK);
  } catch {
    return new TokenTrayError(
      'profile_lock_lost',
      `TokenTray's profile folder ${directory} cannot be written any more, so TokenTray stopped.`,
      [
        `Give your user write access to ${directory} (or remount its disk read-write), then start TokenTray again.`,
      ],
    );
  }
  return new TokenTrayError('profile_lock_lost', 'TokenTray lost its lock on this profile.', [
    'Another TokenTray may be using this profile. Close the other one, then restart TokenTray.',
  ]);
}

function removeLockDirectory(path: string, callback: (error: NodeJS.ErrnoException | null) => void): void {
  try {
    rmSync(path, { recursive: true, force: true });
    callback(null);
  } catch (error) {
    callback(error as NodeJS.ErrnoException);
  }
}

/** Moved out of the way in one step before it is removed, so only one process takes a dead lock over. */
function setAsideDeadLock(lockPath: string): void {
  const aside = `${lockPath}.dead-${process.pid}-${Date.now()}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    // Another process took it over first, or it was released meanwhile: the next attempt tells.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  rmSync(aside, { recursive: true, force: true });
}

function profileLocked(directory: string, lockPath: string, owner: LockOwner | null): TokenTrayError {
  const sameHost = owner !== null && !isForeign(owner);
  const waitsFor = sameHost
    ? `TokenTray process ${owner.pid} on this computer still runs.`
    : `${owner ? `It was taken by TokenTray process ${owner.pid} on ${owner.host}` : 'It names no owner that can be checked'}, so it is taken over only once nobody has refreshed it for ${PROFILE_LOCK_STALE_MS / 1000} seconds${lastRefresh(lockPath)}.`;
  return new TokenTrayError(
    'profile_locked',
    `Another TokenTray is already using this profile (${directory}). ${waitsFor}`,
    [
      'Switch to the TokenTray that is already running: look for its icon in the tray, or its browser tab.',
      sameHost
        ? 'To start this one instead, quit the other TokenTray first.'
        : `If none is running, try again in ${PROFILE_LOCK_STALE_MS / 1000} seconds: a lock nobody refreshes expires by itself.`,
    ],
  );
}

function isForeign(owner: LockOwner): boolean {
  return owner.host !== currentOwner().host;
}

function lastRefresh(lockPath: string): string {
  try {
    return ` (last refreshed ${new Date(statSync(lockPath).mtimeMs).toISOString()})`;
  } catch {
    return '';
  }
}
