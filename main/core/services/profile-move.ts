import { resolve } from 'node:path';
import type { TokenTrayError } from '../domain/errors';
import type { ComputerSettings } from '../domain/settings';
import { acquireProfileLock } from '../store/profile-lock';
import type { DataKeyRing } from '../vault/data-key';
import type { KeychainItems } from '../vault/secret-vault';
import type { MovedIn } from '../workspace/move-into-workspace';
import { moveIntoWorkspace } from '../workspace/move-into-workspace';
import { profileMovedError, readMoveNote } from '../workspace/move-note';
import type { MovedOut } from '../workspace/move-out-of-workspace';
import { moveOutOfWorkspace } from '../workspace/move-out-of-workspace';
import type { MoveWorkspace } from '../workspace/move-target';
import type { CoreContext } from './core-context';

/** Whether the profile folder holds no note of a move (nothing was started). */
export function moveNotWritten(profileDir: string): boolean {
  return readMoveNote(profileDir) === null;
}

/**
 * A running local profile moving into a workspace: the timer stops, renewals running now finish
 * and are saved, then the move (workspace/move-into-workspace.ts); once it is done the host is
 * told to stop, with where the connections went.
 */
export async function moveProfileIn(
  context: CoreContext,
  options: {
    profileDir: string;
    keys: DataKeyRing;
    keychain: KeychainItems;
    target: MoveWorkspace;
    halt: (error: TokenTrayError) => void;
  },
): Promise<MovedIn> {
  const { planner, engine, catalog, clock } = context;
  planner.stop();
  await engine.idle();
  await catalog.commit();
  const moved = await moveIntoWorkspace({
    profileDir: options.profileDir,
    catalog,
    keys: options.keys,
    keychain: options.keychain,
    workspace: options.target,
    now: () => clock.now(),
  });
  const note = readMoveNote(options.profileDir);
  if (note) setImmediate(() => options.halt(profileMovedError(note)));
  return moved;
}

/** A workspace moving out into a fresh folder: that folder's lock is held for the whole move. */
export async function moveWorkspaceOut(options: {
  profileDir: string;
  keychain: KeychainItems;
  url: string;
  member: string;
  computerSettings?: ComputerSettings;
}): Promise<MovedOut> {
  const profileDir = resolve(options.profileDir);
  const lock = await acquireProfileLock(profileDir);
  try {
    return await moveOutOfWorkspace({
      profileDir,
      keychain: options.keychain,
      workspace: { url: options.url, member: options.member },
      computerSettings: options.computerSettings,
    });
  } finally {
    await lock.release();
  }
}
