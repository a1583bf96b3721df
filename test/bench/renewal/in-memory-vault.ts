import type { ConnectionId } from '../../../main/core/domain/ids';
import type { Keychain } from '../../../main/core/vault/secret-vault';
import type { SecretKind } from '../../../main/core/domain/secret-kinds';

/**
 * Secrets in a Map: the benchmark's way to take the keychain out of the engine's time,
 * to measure the engine excluding keychain writes. Never a stand-in for the keychain in
 * tests, which use gnome-keyring; the same round runs on the real keychain beside it.
 */
export class InMemoryVault implements Keychain {
  private readonly secrets = new Map<string, string>();

  get(connectionId: ConnectionId, kind: SecretKind): Promise<string | null> {
    return Promise.resolve(this.secrets.get(`${connectionId}/${kind}`) ?? null);
  }

  set(connectionId: ConnectionId, kind: SecretKind, secret: string): Promise<void> {
    this.secrets.set(`${connectionId}/${kind}`, secret);
    return Promise.resolve();
  }

  delete(connectionId: ConnectionId, kind: SecretKind): Promise<void> {
    this.secrets.delete(`${connectionId}/${kind}`);
    return Promise.resolve();
  }

  deleteAll(connectionId: ConnectionId): Promise<void> {
    for (const key of [...this.secrets.keys()])
      if (key.startsWith(`${connectionId}/`)) this.secrets.delete(key);
    return Promise.resolve();
  }

  readItem(account: string): Promise<string | null> {
    return Promise.resolve(this.secrets.get(account) ?? null);
  }

  writeItem(account: string, value: string): Promise<void> {
    this.secrets.set(account, value);
    return Promise.resolve();
  }

  deleteItem(account: string): Promise<void> {
    this.secrets.delete(account);
    return Promise.resolve();
  }

  listAccounts(): Promise<string[]> {
    return Promise.resolve([...this.secrets.keys()]);
  }

  readAccounts(accounts: readonly string[]): Promise<Map<string, string>> {
    return Promise.resolve(
      new Map(
        accounts.flatMap((account) => {
          const secret = this.secrets.get(account);
          return secret === undefined ? [] : [[account, secret] as [string, string]];
        }),
      ),
    );
  }

  probe(): Promise<boolean> {
    return Promise.resolve(true);
  }
}
