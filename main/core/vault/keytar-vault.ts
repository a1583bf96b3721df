import type * as KeytarModule from 'keytar';
import { KeychainUnavailableError, TokenTrayError } from '../domain/errors';
import type { ConnectionId } from '../domain/ids';
import { ListingGate } from './listing-gate';
import type { SecretKind, SecretVault } from './secret-vault';
import { SECRET_KINDS } from './secret-vault';

/** The one keychain service every TokenTray secret is filed under. */
export const DEFAULT_SERVICE = 'TokenTray';

/** Written and read back by probe(); never a real connection's account. */
const PROBE_ACCOUNT = 'tokentray-probe';
/** A keychain waiting on a prompt nobody can answer must not hang a status check. */
const PROBE_TIMEOUT_MS = 5_000;

type Keytar = typeof KeytarModule;

/** One per process, as keytar and libsecret are: every vault on this keychain goes through it. */
const keychainGate = new ListingGate();

/** Messages libsecret and D-Bus give when no Secret Service can be reached or used. */
const UNREACHABLE: Array<[RegExp, string]> = [
  [
    /autolaunch D-Bus|Could not connect|DBUS_SESSION_BUS_ADDRESS|org\.freedesktop\.DBus\.Error/i,
    'no D-Bus session',
  ],
  [/org\.freedesktop\.secrets|ServiceUnknown/i, 'no Secret Service is running'],
  [/Object does not exist at path|No such (secret )?collection/i, 'no keyring collection exists'],
  [/locked/i, 'the keyring is locked'],
  [/cancel|dismissed/i, 'the keyring prompt was cancelled'],
];

/**
 * The OS keychain through keytar: one service, one account per secret named
 * `${connectionId}/${kind}`. Every failure of the keychain itself becomes a
 * `KeychainUnavailableError`; there is no other storage to fall back to.
 */
export class KeytarVault implements SecretVault {
  readonly service: string;
  #keytar: Promise<Keytar> | undefined;

  constructor(options: { service?: string } = {}) {
    this.service = options.service ?? DEFAULT_SERVICE;
  }

  async get(connectionId: ConnectionId, kind: SecretKind): Promise<string | null> {
    return this.#call((keytar) => keytar.getPassword(this.service, accountName(connectionId, kind)));
  }

  async set(connectionId: ConnectionId, kind: SecretKind, secret: string): Promise<void> {
    // An empty value would silently replace a working secret with nothing.
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new TokenTrayError('empty_secret', `Refusing to store an empty ${kind}: the stored one is kept.`);
    }
    await this.#call((keytar) => keytar.setPassword(this.service, accountName(connectionId, kind), secret), {
      secret,
    });
  }

  async delete(connectionId: ConnectionId, kind: SecretKind): Promise<void> {
    await this.#call((keytar) => keytar.deletePassword(this.service, accountName(connectionId, kind)));
  }

  async deleteAll(connectionId: ConnectionId): Promise<void> {
    const prefix = `${connectionId}/`;
    // Known kinds plus any account a former version filed under this connection.
    const accounts = new Set(SECRET_KINDS.map((kind) => accountName(connectionId, kind)));
    for (const account of await this.listAccounts()) if (account.startsWith(prefix)) accounts.add(account);
    for (const account of accounts) {
      await this.#call((keytar) => keytar.deletePassword(this.service, account));
    }
    const left = (await this.listAccounts()).filter((account) => account.startsWith(prefix));
    if (left.length > 0) {
      throw new TokenTrayError(
        'keychain_delete_incomplete',
        `The keychain kept ${left.length} secret(s) of this connection after deleting them.`,
        ['Try again. If it keeps failing, remove the "' + this.service + '" entries in your keychain app.'],
      );
    }
  }

  async probe(): Promise<boolean> {
    const roundTrip = async (): Promise<boolean> => {
      const value = `probe-${process.pid}-${Date.now()}`;
      await this.#call((keytar) => keytar.setPassword(this.service, PROBE_ACCOUNT, value));
      const read = await this.#call((keytar) => keytar.getPassword(this.service, PROBE_ACCOUNT));
      await this.#call((keytar) => keytar.deletePassword(this.service, PROBE_ACCOUNT));
      return read === value;
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
      timer.unref();
    });
    try {
      return await Promise.race([roundTrip(), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Account names under this service (never the secrets), without the probe's. */
  async listAccounts(): Promise<string[]> {
    const credentials = await this.#call((keytar) => keytar.findCredentials(this.service), { alone: true });
    return credentials.map((credential) => credential.account).filter((account) => account !== PROBE_ACCOUNT);
  }

  async #call<T>(
    operation: (keytar: Keytar) => Promise<T>,
    options: { secret?: string; alone?: boolean } = {},
  ): Promise<T> {
    const keytar = await this.#load();
    try {
      const run = () => operation(keytar);
      return await (options.alone ? keychainGate.alone(run) : keychainGate.shared(run));
    } catch (error) {
      throw new KeychainUnavailableError(describeFailure(error, options.secret));
    }
  }

  #load(): Promise<Keytar> {
    // Loaded on first use, so that a missing native module or libsecret is a keychain error, not a crash at start-up.
    this.#keytar ??= import('keytar').then(
      (module: Keytar & { default?: Keytar }) => module.default ?? module,
      () => {
        this.#keytar = undefined;
        throw new KeychainUnavailableError('the keytar module could not be loaded');
      },
    );
    return this.#keytar;
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
