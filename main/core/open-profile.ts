import { TokenTrayCore } from './app';
import type { TokenTrayError } from './domain';
import type { MetadataStore } from './store/metadata-store';
import type { ProfileLock } from './store/profile-lock';
import { acquireProfileLock } from './store/profile-lock';
import type { StoreData } from './store/schema';
import type { Keychain } from './vault/secret-vault';
import type { WorkspaceOptions } from './workspace/open-workspace';
import { Workspace } from './workspace/open-workspace';
import { settleMoveAtStart } from './workspace/move-at-start';
import { urlWithoutPassword } from './workspace/move-note';

export interface OpenProfileOptions {
  profileDir: string;
  /** conf in plain Node, electron-store in the app: both on the same file. */
  openStore(profileDir: string): MetadataStore<StoreData>;
  /** The OS keychain, which holds the profile's data key. */
  vault: Keychain;
  /** Another TokenTray took the profile over: this one must stop renewing. */
  onLockLost?(error: TokenTrayError): void;
  /**
   * A shared workspace on PostgreSQL instead of the profile's files: partners, connections and
   * sealed secrets live there, and the profile folder keeps only this host's own files.
   */
  workspace?: WorkspaceOptions;
  /** With `workspace`: the local profile in the folder moves into the workspace first (once). */
  moveIn?: boolean;
}

/**
 * How both hosts start on a profile: its lock first (`profile_locked` while another running
 * TokenTray holds it; a lock left by a process that died is taken over at once), then the
 * metadata and the core. The lock is given back if the core cannot be made.
 */
export async function openLockedProfile(
  options: OpenProfileOptions,
): Promise<{ core: TokenTrayCore; lock: ProfileLock }> {
  const lock = await acquireProfileLock(options.profileDir, {
    onCompromised: (error) => options.onLockLost?.(error),
  });
  try {
    // A move cut off by a crash is finished first; a profile that moved away does not open on its own.
    await settleMoveAtStart({
      profileDir: options.profileDir,
      openStore: options.openStore,
      keychain: options.vault,
      workspace: options.workspace && { ...options.workspace, moveIn: options.moveIn },
    });
    const core = options.workspace
      ? new TokenTrayCore({
          workspace: await Workspace.open({ ...options.workspace, keychain: options.vault }),
          localFolder: options.profileDir,
          workspaceUrl: urlWithoutPassword(options.workspace.url),
          keychain: options.vault,
        })
      : new TokenTrayCore({ store: options.openStore(options.profileDir), keychain: options.vault });
    return { core, lock };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
