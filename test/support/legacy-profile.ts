import { writeFileSync } from 'node:fs';
import { storeFilePath } from '../../main/core/store/conf-store';
import { dataKeyAccount } from '../../main/core/vault/data-key';
import type { Keychain } from '../../main/core/vault/secret-vault';
import type { SecretKind } from '../../main/core/domain/secret-kinds';
import { profileOnDisk } from './profile-on-disk';
import { secretsOnDisk } from './secrets-on-disk';

/**
 * Turns a stopped profile back into what TokenTray kept before sealing (data version 1):
 * the same metadata file without the sealed section and its data key, and every secret
 * as its own keychain item `${connectionId}/${kind}`, written by the same keytar vault.
 */
export async function asLegacyProfile(directory: string, keychain: Keychain): Promise<void> {
  const data = profileOnDisk(directory);
  const opened = secretsOnDisk(directory, keychain);
  for (const [connectionId, kinds] of Object.entries(data.secrets)) {
    for (const kind of Object.keys(kinds) as SecretKind[]) {
      await keychain.set(connectionId, kind, (await opened.get(connectionId, kind))!);
    }
  }
  const { secrets: _secrets, sealing, ...legacy } = data;
  await keychain.deleteItem(dataKeyAccount(sealing!.profileId, sealing!.keyVersion));
  writeFileSync(storeFilePath({ directory }), JSON.stringify({ ...legacy, schemaVersion: 1 }, null, '\t'), {
    mode: 0o600,
  });
}
