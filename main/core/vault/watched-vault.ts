import { KeychainUnavailableError } from '../domain/errors';
import type { Keychain } from './secret-vault';

/**
 * The keychain as the core uses it, telling whether it answered the last call: a keychain that
 * stops mid-run (its daemon killed, the keyring locked) shows in the window at the next failed call,
 * and the next call that works clears it.
 */
export function watchKeychain(vault: Keychain, onAvailability: (available: boolean) => void): Keychain {
  async function watch<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      onAvailability(true);
      return result;
    } catch (error) {
      // Other refusals (an empty secret) say nothing about the keychain itself.
      if (error instanceof KeychainUnavailableError) onAvailability(false);
      throw error;
    }
  }
  return {
    get: (id, kind) => watch(() => vault.get(id, kind)),
    set: (id, kind, secret) => watch(() => vault.set(id, kind, secret)),
    delete: (id, kind) => watch(() => vault.delete(id, kind)),
    deleteAll: (id) => watch(() => vault.deleteAll(id)),
    readItem: (account) => watch(() => vault.readItem(account)),
    writeItem: (account, value) => watch(() => vault.writeItem(account, value)),
    deleteItem: (account) => watch(() => vault.deleteItem(account)),
    listAccounts: () => watch(() => vault.listAccounts()),
    readAccounts: (accounts) => watch(() => vault.readAccounts(accounts)),
    async probe() {
      const available = await vault.probe();
      onAvailability(available);
      return available;
    },
  };
}
