import { TokenTrayCore } from './app';
import type { TokenTrayError } from './domain';
import type { MetadataStore } from './store/metadata-store';
import type { ProfileLock } from './store/profile-lock';
import { acquireProfileLock } from './store/profile-lock';
import type { StoreData } from './store/schema';
import type { Keychain } from './vault/secret-vault';
import type { WorkspaceOptions } from './workspace/open-workspace';
import { Workspace } from './workspace/open-workspace';

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
    const core = options.workspace
      ? new TokenTrayCore({
          workspace: await Workspace.open({ ...options.workspace, keychain: options.vault }),
          localFolder: options.profileDir,
          keychain: options.vault,
        })
      : new TokenTrayCore({ store: options.openStore(options.profileDir), keychain: options.vault });
    return { core, lock };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
