import type { ConnectionId } from '../../../main/core/domain/ids';
import type { Keychain } from '../../../main/core/vault/secret-vault';
import type { SecretKind } from '../../../main/core/domain/secret-kinds';
import type { Span } from '../support/busy-time';
import { nowMs } from '../support/stats';

export type VaultCall =
  | 'get'
  | 'set'
  | 'delete'
  | 'deleteAll'
  | 'probe'
  | 'readItem'
  | 'writeItem'
  | 'deleteItem'
  | 'listAccounts'
  | 'readAccounts';

export interface TimedCall extends Span {
  call: VaultCall;
}

/** The real keychain, passed through, with the wall time of every call kept so it can be told apart from the engine's own. */
export class TimedVault implements Keychain {
  calls: TimedCall[] = [];

  constructor(private readonly keychain: Keychain) {}

  get(connectionId: ConnectionId, kind: SecretKind): Promise<string | null> {
    return this.time('get', () => this.keychain.get(connectionId, kind));
  }

  set(connectionId: ConnectionId, kind: SecretKind, secret: string): Promise<void> {
    return this.time('set', () => this.keychain.set(connectionId, kind, secret));
  }

  delete(connectionId: ConnectionId, kind: SecretKind): Promise<void> {
    return this.time('delete', () => this.keychain.delete(connectionId, kind));
  }

  deleteAll(connectionId: ConnectionId): Promise<void> {
    return this.time('deleteAll', () => this.keychain.deleteAll(connectionId));
  }

  readItem(account: string): Promise<string | null> {
    return this.time('readItem', () => this.keychain.readItem(account));
  }

  writeItem(account: string, value: string): Promise<void> {
    return this.time('writeItem', () => this.keychain.writeItem(account, value));
  }

  deleteItem(account: string): Promise<void> {
    return this.time('deleteItem', () => this.keychain.deleteItem(account));
  }

  listAccounts(): Promise<string[]> {
    return this.time('listAccounts', () => this.keychain.listAccounts());
  }

  readAccounts(accounts: readonly string[]): Promise<Map<string, string>> {
    return this.time('readAccounts', () => this.keychain.readAccounts(accounts));
  }

  probe(): Promise<boolean> {
    return this.time('probe', () => this.keychain.probe());
  }

  /** Forgets what was timed so far: the next measurement starts here. */
  reset(): void {
    this.calls = [];
  }

  private async time<T>(call: VaultCall, work: () => Promise<T>): Promise<T> {
    const start = nowMs();
    try {
      return await work();
    } finally {
      this.calls.push({ call, start, end: nowMs() });
    }
  }
}
