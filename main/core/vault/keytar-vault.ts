import { KeychainUnavailableError, TokenTrayError } from '../domain/errors';
import type { ConnectionId } from '../domain/ids';
import type { Clock, TimerHandle } from '../domain/clock';
import { systemClock } from '../domain/clock';
import type { StartHelper } from './helper-process';
import { forkHelper, KEYCHAIN_HELPER_SCRIPT } from './helper-process';
import type { KeychainRequest } from './keychain-helper-client';
import { KeychainHelperClient } from './keychain-helper-client';
import { ListingGate } from './listing-gate';
import type { Keychain } from './secret-vault';
import type { SecretKind } from '../domain/secret-kinds';
import { SECRET_KINDS } from '../domain/secret-kinds';

/** The one keychain service every TokenTray secret is filed under. */
export const DEFAULT_SERVICE = 'TokenTray';

/** Written and read back by probe(); never a real connection's account. */
const PROBE_ACCOUNT = 'tokentray-probe';
/** A keychain waiting on a prompt nobody can answer must not hang a status check. */
const PROBE_TIMEOUT_MS = 5_000;
/** Past this a call is taken as hung: its helper is replaced and the caller told the keychain is away. */
export const CALL_TIMEOUT_MS = 15_000;
/** A listing reads every secret of the service: about 3 s per thousand on gnome-keyring. */
export const LIST_TIMEOUT_MS = 120_000;

export interface KeytarVaultOptions {
  service?: string;
  /** Starts the keychain helper: Node's fork unless the host has its own (Electron's utility process). */
  startHelper?: StartHelper;
  /** Times the probe and every call; the system clock unless a test fakes time. */
  clock?: Clock;
}

/** One per process, as keytar and libsecret are: every vault on this keychain goes through it. */
const keychainGate = new ListingGate();

/** Messages libsecret and D-Bus give when no Secret Service can be reached or used. */
const UNREACHABLE: Array<[RegExp, string]> = [
  [
    /autolaunch D-Bus|Could not connect|DBUS_SESSION_BUS_ADDRESS|org\.freedesktop\.DBus\.Error/i,
    'no D-Bus session',
  ],
  [
    // The last: a connection still addressing a stopped daemon by its old bus name.
    /org\.freedesktop\.secrets|ServiceUnknown|was not provided by any \.service files/i,
    'no Secret Service is running',
  ],
  [/Object does not exist at path|No such (secret )?collection/i, 'no keyring collection exists'],
  [/locked/i, 'the keyring is locked'],
  [/cancel|dismissed/i, 'the keyring prompt was cancelled'],
];

/**
 * The OS keychain through keytar: one service, one account per secret named
 * `${connectionId}/${kind}`. keytar runs in a helper process, replaced when the keychain
 * fails it, so a keychain daemon restarted mid-run is reached without restarting the app.
 * Every failure of the keychain itself becomes a `KeychainUnavailableError`; there is no
 * other storage to fall back to.
 */
export class KeytarVault implements Keychain {
  readonly service: string;
  private readonly clock: Clock;
  private readonly keychain: KeychainHelperClient;

  constructor(options: KeytarVaultOptions = {}) {
    this.service = options.service ?? DEFAULT_SERVICE;
    this.clock = options.clock ?? systemClock;
    this.keychain = new KeychainHelperClient({
      script: KEYCHAIN_HELPER_SCRIPT,
      start: options.startHelper ?? forkHelper,
      clock: this.clock,
      timeoutMs: CALL_TIMEOUT_MS,
      listTimeoutMs: LIST_TIMEOUT_MS,
    });
  }

  async get(connectionId: ConnectionId, kind: SecretKind): Promise<string | null> {
    return this.call({ op: 'get', service: this.service, account: accountName(connectionId, kind) });
  }

  async set(connectionId: ConnectionId, kind: SecretKind, secret: string): Promise<void> {
    // An empty value would silently replace a working secret with nothing.
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new TokenTrayError('empty_secret', `Refusing to store an empty ${kind}: the stored one is kept.`);
    }
    await this.call({ op: 'set', service: this.service, account: accountName(connectionId, kind), secret });
  }

  async delete(connectionId: ConnectionId, kind: SecretKind): Promise<void> {
    await this.call({ op: 'delete', service: this.service, account: accountName(connectionId, kind) });
  }

  /**
   * Deletes each kind of secret and reads each back. No listing: a listing reads every secret
   * of the service, which takes tens of seconds once the keychain holds thousands.
   */
  async deleteAll(connectionId: ConnectionId): Promise<void> {
    for (const kind of SECRET_KINDS) await this.delete(connectionId, kind);
    const left = (await Promise.all(SECRET_KINDS.map((kind) => this.get(connectionId, kind)))).filter(
      (secret) => secret !== null,
    );
    if (left.length > 0) {
      throw new TokenTrayError(
        'keychain_delete_incomplete',
        `The keychain kept ${left.length} secret(s) of this connection after deleting them.`,
        ['Try again. If it keeps failing, remove the "' + this.service + '" entries in your keychain app.'],
      );
    }
  }

  async readItem(account: string): Promise<string | null> {
    return this.call({ op: 'get', service: this.service, account });
  }

  async writeItem(account: string, value: string): Promise<void> {
    await this.call({ op: 'set', service: this.service, account, secret: value });
  }

  async deleteItem(account: string): Promise<void> {
    await this.call({ op: 'delete', service: this.service, account });
  }

  async probe(): Promise<boolean> {
    const probe = { service: this.service, account: PROBE_ACCOUNT };
    const roundTrip = async (): Promise<boolean> => {
      const value = `probe-${process.pid}-${Date.now()}`;
      await this.call({ op: 'set', ...probe, secret: value });
      const read = await this.call({ op: 'get', ...probe });
      await this.call({ op: 'delete', ...probe });
      return read === value;
    };
    let timer: TimerHandle | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = this.clock.setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([roundTrip(), timeout]);
    } catch {
      return false;
    } finally {
      if (timer) this.clock.clearTimeout(timer);
    }
  }

  /** Account names under this service (never the secrets), without the probe's. */
  async listAccounts(): Promise<string[]> {
    const accounts = await this.call({ op: 'list', service: this.service }, { alone: true });
    return accounts.filter((account) => account !== PROBE_ACCOUNT);
  }

  /** The secrets of those of `accounts` that exist under this service, read in one call. */
  async readAccounts(accounts: readonly string[]): Promise<Map<string, string>> {
    const pairs = await this.call(
      { op: 'readMany', service: this.service, accounts: [...accounts] },
      { alone: true },
    );
    return new Map(pairs);
  }

  /** The helper process that serves the next call, if one runs (diagnostics and tests). */
  get helperPid(): number | undefined {
    return this.keychain.helperPid;
  }

  /** Ends the keychain helper, for a host that stops; a later call starts a new one. */
  close(): Promise<void> {
    return this.keychain.close();
  }

  private async call<R extends KeychainRequest>(request: R, options: { alone?: boolean } = {}) {
    const run = () => this.keychain.ask(request);
    try {
      return await (options.alone ? keychainGate.alone(run) : keychainGate.shared(run));
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      throw new KeychainUnavailableError(
        describeFailure(error, 'secret' in request ? request.secret : undefined),
      );
    }
  }
}

export function accountName(connectionId: ConnectionId, kind: SecretKind): string {
  return `${connectionId}/${kind}`;
}

/** A short detail for people; keytar's messages hold no secrets, but redact the one in hand all the same. */
function describeFailure(error: unknown, secret?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, detail] of UNREACHABLE) if (pattern.test(message)) return detail;
  const firstLine = (message.split('\n')[0] ?? '').slice(0, 120);
  return secret ? firstLine.split(secret).join('[redacted]') : firstLine;
}
