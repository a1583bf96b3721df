import type { Keychain } from '../core/vault/secret-vault';

/**
 * The vault with its first probe already under way: the keychain answers (from its
 * own helper process) while this one is busy reading the metadata file. Later
 * probes ask the keychain again.
 */
export function probeAhead(vault: Keychain): Keychain {
  let early: Promise<boolean> | undefined = vault.probe().catch(() => false);
  return {
    get: (connectionId, kind) => vault.get(connectionId, kind),
    set: (connectionId, kind, secret) => vault.set(connectionId, kind, secret),
    delete: (connectionId, kind) => vault.delete(connectionId, kind),
    deleteAll: (connectionId) => vault.deleteAll(connectionId),
    readItem: (account) => vault.readItem(account),
    writeItem: (account, value) => vault.writeItem(account, value),
    deleteItem: (account) => vault.deleteItem(account),
    listAccounts: () => vault.listAccounts(),
    readAccounts: (accounts) => vault.readAccounts(accounts),
    probe: () => {
      const answer = early ?? vault.probe();
      early = undefined;
      return answer;
    },
  };
}
