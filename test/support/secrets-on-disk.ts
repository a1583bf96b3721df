import type { ConnectionId } from '../../main/core/domain';
import { readDataKey } from '../../main/core/vault/data-key';
import { open, sealedVersion } from '../../main/core/vault/seal';
import type { KeychainItems } from '../../main/core/vault/secret-vault';
import type { SecretKind } from '../../main/core/domain/secret-kinds';
import { profileOnDisk } from './profile-on-disk';

/** A profile's secrets as a crash now would leave them: sealed on disk, opened with the key in the keychain. */
export interface SecretsOnDisk {
  get(connectionId: ConnectionId, kind: SecretKind): Promise<string | null>;
}

export function secretsOnDisk(directory: string, keychain: KeychainItems): SecretsOnDisk {
  return {
    async get(connectionId, kind) {
      const data = profileOnDisk(directory);
      const sealed = data.secrets[connectionId]?.[kind];
      if (sealed === undefined) return null;
      const profileId = data.sealing?.profileId;
      const version = sealedVersion(sealed);
      if (!profileId || version === null) throw new Error('The profile holds a sealed value it cannot place');
      const key = await readDataKey(keychain, profileId, version);
      if (!key) throw new Error("The keychain holds no key for the profile's sealed values");
      return open(key, { profileId, connectionId, kind }, sealed);
    },
  };
}
