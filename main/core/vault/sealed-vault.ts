import type { Catalog } from '../catalog/catalog';
import type { ConnectionId } from '../domain/ids';
import { TokenTrayError } from '../domain/errors';
import type { DataKeyRing } from './data-key';
import { openWith, seal } from './seal';
import type { InventoriedVault } from './secret-vault';
import type { SecretKind } from '../domain/secret-kinds';

/** The catalog's part that holds sealed secrets. */
export type SealedStore = Pick<
  Catalog,
  | 'sealedSecret'
  | 'sealedSecrets'
  | 'holdsSealedSecrets'
  | 'putSealedSecret'
  | 'dropSealedSecrets'
  | 'sealing'
>;

/** The profile is locked (start-up found no data key that opens it): no secret is read or written. */
export class SecretsLockedError extends TokenTrayError {
  constructor() {
    super('secrets_locked', "This profile's secrets are locked: TokenTray has no key that opens them.", [
      'See the banner at the top of the window for why, and what to do.',
    ]);
    this.name = 'SecretsLockedError';
  }
}

/**
 * Secrets sealed with the profile's data key and kept in the catalog, beside the state they
 * go with: a write is read back at once and reaches the disk with the catalog's next commit,
 * so a renewal's new secrets and its new state are one journal line and one sync. No call
 * reaches the keychain: the key was read from it once, at start-up.
 */
export class SealedVault implements InventoriedVault {
  readonly writesWithCatalog = true;

  constructor(
    private readonly store: SealedStore,
    private readonly keys: DataKeyRing,
  ) {}

  async get(connectionId: ConnectionId, kind: SecretKind): Promise<string | null> {
    const sealed = this.store.sealedSecret(connectionId, kind);
    if (sealed === undefined) return null;
    const profileId = this.unlockedProfile();
    return openWith((version) => this.keys.key(version), { profileId, connectionId, kind }, sealed);
  }

  async set(connectionId: ConnectionId, kind: SecretKind, secret: string): Promise<void> {
    // An empty value would silently replace a working secret with nothing.
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new TokenTrayError('empty_secret', `Refusing to store an empty ${kind}: the stored one is kept.`);
    }
    const profileId = this.unlockedProfile();
    const current = this.keys.currentKey();
    if (!current) throw new SecretsLockedError();
    const sealed = seal(current.key, current.version, { profileId, connectionId, kind }, secret);
    this.store.putSealedSecret(connectionId, kind, sealed);
  }

  async delete(connectionId: ConnectionId, kind: SecretKind): Promise<void> {
    this.unlockedProfile();
    this.store.putSealedSecret(connectionId, kind, null);
  }

  async deleteAll(connectionId: ConnectionId): Promise<void> {
    this.unlockedProfile();
    this.store.dropSealedSecrets(connectionId);
  }

  holdsSecrets(connectionId: ConnectionId): boolean {
    return this.store.holdsSealedSecrets(connectionId);
  }

  /** Where secrets are stored, as `connection/kind` (never the secrets): for a backup, and tests. */
  storedPlaces(): string[] {
    return this.store.sealedSecrets().map(({ connectionId, kind }) => `${connectionId}/${kind}`);
  }

  /** Whether secrets can be read and written: the profile opened with its data key. */
  async probe(): Promise<boolean> {
    return this.keys.currentKey() !== null;
  }

  private unlockedProfile(): string {
    const profileId = this.store.sealing()?.profileId;
    if (!profileId || this.keys.currentVersion === null) throw new SecretsLockedError();
    return profileId;
  }
}
