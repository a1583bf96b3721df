import type { ConnectionId } from '../domain/ids';
import type { SecretKind } from '../domain/secret-kinds';

/** Where the profile's own secrets (the proxy password) are filed, beside the connections'. */
export const PROFILE_SECRETS = 'profile';

/**
 * The OS keychain behind a small interface, so that a maintained backend
 * (Electron safeStorage, say) can replace keytar without touching the core.
 * Every method rejects with `KeychainUnavailableError` when no keychain answers.
 */
export interface SecretVault {
  get(connectionId: ConnectionId, kind: SecretKind): Promise<string | null>;
  set(connectionId: ConnectionId, kind: SecretKind, secret: string): Promise<void>;
  delete(connectionId: ConnectionId, kind: SecretKind): Promise<void>;
  /** Deletes every secret of the connection; resolves once nothing is left. */
  deleteAll(connectionId: ConnectionId): Promise<void>;
  /** Whether a keychain answers now. */
  probe(): Promise<boolean>;
  /**
   * True when writes reach the disk with the catalog's next commit, all of them or none (secrets
   * sealed in the profile): a rotated refresh token then needs no copy kept aside and no read-back,
   * which guard a store written apart from the catalog.
   */
  readonly writesWithCatalog?: boolean;
}

/**
 * The vault the core's services share: the port, and whether a connection holds any secret,
 * known without opening one (a backup's restore asks it of thousands of connections).
 */
export interface InventoriedVault extends SecretVault {
  holdsSecrets(connectionId: ConnectionId): boolean;
}

/**
 * Single named items in the OS keychain, outside the per-secret accounts: the profile's data
 * key (data-key.ts). Rejects with `KeychainUnavailableError` like the vault.
 */
export interface KeychainItems {
  readItem(account: string): Promise<string | null>;
  writeItem(account: string, value: string): Promise<void>;
  deleteItem(account: string): Promise<void>;
  /**
   * Every account name filed under the service (never the secrets): one call however many
   * there are, where asking for each possible item would cost a call per connection and kind.
   */
  listAccounts(): Promise<string[]>;
  /** The secrets of those of `accounts` that exist, in one call (the migration of many items). */
  readAccounts(accounts: readonly string[]): Promise<Map<string, string>>;
}

/**
 * The OS keychain as the core reaches it: the profile's data key, and the one item per
 * secret that profiles made before sealing kept (read once, by the migration).
 */
export type Keychain = SecretVault & KeychainItems;
