import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { TokenTrayError } from '../domain/errors';

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
 * inside the profile, refreshed in the background and removed on exit.
 */
export async function acquireProfileLock(
  directory: string,
  options: ProfileLockOptions = {},
): Promise<ProfileLock> {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(directory, {
      lockfilePath: join(directory, PROFILE_LOCK_NAME),
      stale: PROFILE_LOCK_STALE_MS,
      retries: 0,
      // The default throws from a timer and would crash the process.
      onCompromised: () => options.onCompromised?.(lockLost(directory)),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw profileLocked(directory);
    throw error;
  }
  return {
    release: async () => {
      try {
        await release();
      } catch (error) {
        // Already released, or lost: either way this process no longer holds it.
        if ((error as NodeJS.ErrnoException).code !== 'ERELEASED') throw error;
      }
    },
  };
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

function profileLocked(directory: string): TokenTrayError {
  return new TokenTrayError(
    'profile_locked',
    `Another TokenTray is already using this profile (${directory}).`,
    [
      'Switch to the TokenTray that is already running: look for its icon in the tray, or its browser tab.',
      'If none is running, wait ten seconds and try again: a lock left by a stopped TokenTray expires by itself.',
    ],
  );
}
