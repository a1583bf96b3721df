import { openCatalog } from '../catalog/open-catalog';
import { TokenTrayError } from '../domain/errors';
import type { MetadataStore } from '../store/metadata-store';
import type { StoreData } from '../store/schema';
import { DataKeyRing } from '../vault/data-key';
import type { KeychainItems } from '../vault/secret-vault';
import { unlockProfile } from '../vault/unlock-profile';
import type { MoveStep } from './move-into-workspace';
import { moveIntoWorkspace } from './move-into-workspace';
import type { MoveNote } from './move-note';
import { profileMovedError, readMoveNote } from './move-note';
import type { MoveWorkspace } from './move-target';
import { finishMoveOut } from './move-out-of-workspace';

export interface MoveAtStartOptions {
  profileDir: string;
  openStore(profileDir: string): MetadataStore<StoreData>;
  keychain: KeychainItems;
  /** Starting on a workspace: the local profile in the folder moves into it first when `moveIn` says so. */
  workspace?: MoveWorkspace & { moveIn?: boolean };
  now?: () => number;
  onStep?: (step: MoveStep) => void | Promise<void>;
}

/**
 * Before a profile folder opens (its lock held): a move cut off by a crash is finished, once,
 * and a local profile that moved into a workspace is refused, saying where it went. Starting
 * on a workspace with `moveIn`, the folder's local profile moves into it first.
 */
export async function settleMoveAtStart(options: MoveAtStartOptions): Promise<void> {
  const note = readMoveNote(options.profileDir);
  const { workspace } = options;
  if (note?.direction === 'out') {
    if (note.phase === 'copying') await finishMoveOut(options.profileDir, options.keychain, options.now);
    if (workspace) throw movedOutHere(note);
    return;
  }
  const moveIn = workspace !== undefined && (note !== null || workspace.moveIn === true);
  if (moveIn && note?.phase !== 'done') {
    await moveLocalProfile(options, workspace);
    return;
  }
  if (workspace) return;
  if (note === null) return;
  if (note.phase === 'copying') {
    await moveLocalProfile(options, { url: note.url, member: note.member }).catch((error: unknown) => {
      // The note stays "moving": nothing renews here, and the next start tries again.
      console.error(
        'TokenTray: the move into the workspace did not finish yet',
        (error as { code?: string }).code,
      );
    });
  }
  throw profileMovedError(readMoveNote(options.profileDir) ?? note);
}

async function moveLocalProfile(options: MoveAtStartOptions, workspace: MoveWorkspace): Promise<void> {
  const store = options.openStore(options.profileDir);
  const { catalog } = openCatalog(store);
  const keys = new DataKeyRing();
  try {
    const lock = await unlockProfile(catalog, options.keychain, keys);
    if (lock) {
      throw new TokenTrayError('profile_moved', `The profile could not move: ${lock.message}`, [
        ...lock.guidance,
      ]);
    }
    await moveIntoWorkspace({
      profileDir: options.profileDir,
      catalog,
      keys,
      keychain: options.keychain,
      workspace,
      now: options.now ?? Date.now,
      onStep: options.onStep,
    });
  } finally {
    keys.clear();
    await catalog.close().catch(() => undefined);
  }
}

function movedOutHere(note: MoveNote): TokenTrayError {
  return new TokenTrayError(
    'profile_moved',
    `This folder holds the connections moved out of the workspace ${note.label}: it opens as a local profile.`,
    ['Start TokenTray without --workspace on this folder, or give the workspace another --profile folder.'],
  );
}
