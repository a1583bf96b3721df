import type { ConnectionId } from '../domain';
import { TokenTrayError } from '../domain';
import type { SecretVault } from '../vault/secret-vault';

export interface RenewedSecrets {
  accessToken: string;
  /** The rotated refresh token, or null when the server kept the old one. */
  refreshToken: string | null;
}

/**
 * Writes a renewal's secrets in the order that survives a crash: the rotated
 * refresh token first, with the previous one kept aside until the write is read
 * back, then the access token. A vault whose writes are committed with the catalog
 * (all or none, in the renewal's own journal line) needs neither the copy nor the
 * read-back. A response without a refresh token keeps the old one: a secret is
 * never overwritten with nothing.
 */
export async function storeRenewedSecrets(
  vault: SecretVault,
  connectionId: ConnectionId,
  sentRefreshToken: string | null,
  renewed: RenewedSecrets,
): Promise<void> {
  const rotated = renewed.refreshToken !== null && renewed.refreshToken !== sentRefreshToken;
  if (rotated && renewed.refreshToken !== null && vault.writesWithCatalog) {
    await vault.set(connectionId, 'refreshToken', renewed.refreshToken);
  } else if (rotated && renewed.refreshToken !== null) {
    if (sentRefreshToken) await vault.set(connectionId, 'previousRefreshToken', sentRefreshToken);
    await vault.set(connectionId, 'refreshToken', renewed.refreshToken);
    const confirmed = await vault.get(connectionId, 'refreshToken');
    if (confirmed !== renewed.refreshToken) {
      throw new TokenTrayError(
        'keychain_write_unconfirmed',
        'The keychain did not keep the new refresh token. The previous one is still stored.',
      );
    }
  }
  await vault.set(connectionId, 'accessToken', renewed.accessToken);
  if (rotated) await vault.delete(connectionId, 'previousRefreshToken');
}
