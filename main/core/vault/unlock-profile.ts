import type { Catalog } from '../catalog/catalog';
import { KeychainUnavailableError } from '../domain/errors';
import { newId } from '../domain/ids';
import type { Sealing } from '../store/schema';
import type { DataKeyRing } from './data-key';
import { createDataKey, DamagedDataKeyError, readDataKey } from './data-key';
import type { SecretsLock } from './profile-lock-state';
import { secretsLock } from './profile-lock-state';
import type { SealPlace } from './seal';
import { open, seal } from './seal';
import type { KeychainItems } from './secret-vault';

/** Sealed into `Sealing.check`: a key that opens it is this profile's. */
const CHECK_TEXT = 'TokenTray data key check';

function checkPlace(profileId: string): SealPlace {
  return { profileId, connectionId: '', kind: 'check' };
}

/** The check sealed with a key, to commit beside the version it names. */
export function sealCheck(key: Buffer, version: number, profileId: string): string {
  return seal(key, version, checkPlace(profileId), CHECK_TEXT);
}

/** Whether a key is the one the sealing's check was sealed with. */
export function opensCheck(key: Buffer, sealing: Sealing): boolean {
  try {
    return sealing.check !== null && open(key, checkPlace(sealing.profileId), sealing.check) === CHECK_TEXT;
  } catch {
    return false;
  }
}

/**
 * Reads the profile's data key from the keychain into `keys`, once, at start-up. A profile
 * without one (new, or made before sealing) gets a new random key; one whose key is missing
 * or does not open it stays locked, and nothing replaces its key unless the person starts over.
 * Resolves with the lock, or null when the profile is open.
 */
export async function unlockProfile(
  catalog: Catalog,
  keychain: KeychainItems,
  keys: DataKeyRing,
): Promise<SecretsLock | null> {
  try {
    let sealing = catalog.sealing();
    if (!sealing) {
      sealing = {
        profileId: newId(),
        keyVersion: 1,
        check: null,
        keychainItems: catalog.connections().length > 0 ? 'pending' : 'done',
        rotatingTo: null,
        retiredVersion: null,
      };
      // The keychain answers first (it holds no key of a new id), so a start without one leaves the profile as it was.
      await readDataKey(keychain, sealing.profileId, sealing.keyVersion);
      // Committed before the key is made, so a crash in between finds the same profile id and key name.
      catalog.putSealing(sealing);
      await catalog.commit();
    }
    const { profileId, keyVersion } = sealing;
    if (sealing.check === null) {
      // Nothing is sealed before the check is committed: a key left by a crash is taken, else a new one made.
      const key =
        (await readDataKey(keychain, profileId, keyVersion)) ??
        (await createDataKey(keychain, profileId, keyVersion));
      catalog.putSealing({ ...sealing, check: sealCheck(key, keyVersion, profileId) });
      await catalog.commit();
      keys.add(keyVersion, key, { current: true });
      return null;
    }
    const key = await readDataKey(keychain, profileId, keyVersion);
    if (!key) return secretsLock('key_missing');
    if (!opensCheck(key, sealing)) return secretsLock('key_mismatch');
    keys.add(keyVersion, key, { current: true });
    return null;
  } catch (error) {
    if (error instanceof KeychainUnavailableError) return secretsLock('keychain_unavailable');
    if (error instanceof DamagedDataKeyError) return secretsLock('key_mismatch');
    throw error;
  }
}
