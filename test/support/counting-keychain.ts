import type { Keychain } from '../../main/core/vault/secret-vault';

/** The real keychain, with the name of every call that reaches it written down (never the secret). */
export class CountingKeychain implements Keychain {
  readonly calls: string[] = [];
  constructor(private readonly inner: Keychain) {}

  get: Keychain['get'] = (id, kind) => this.count('get', () => this.inner.get(id, kind));
  set: Keychain['set'] = (id, kind, secret) => this.count('set', () => this.inner.set(id, kind, secret));
  delete: Keychain['delete'] = (id, kind) => this.count('delete', () => this.inner.delete(id, kind));
  deleteAll: Keychain['deleteAll'] = (id) => this.count('deleteAll', () => this.inner.deleteAll(id));
  readItem: Keychain['readItem'] = (account) => this.count('readItem', () => this.inner.readItem(account));
  writeItem: Keychain['writeItem'] = (account, value) =>
    this.count('writeItem', () => this.inner.writeItem(account, value));
  deleteItem: Keychain['deleteItem'] = (account) =>
    this.count('deleteItem', () => this.inner.deleteItem(account));
  listAccounts: Keychain['listAccounts'] = () => this.count('listAccounts', () => this.inner.listAccounts());
  readAccounts: Keychain['readAccounts'] = (accounts) =>
    this.count('readAccounts', () => this.inner.readAccounts(accounts));
  probe: Keychain['probe'] = () => this.count('probe', () => this.inner.probe());

  private count<T>(call: string, work: () => Promise<T>): Promise<T> {
    this.calls.push(call);
    return work();
  }
}
