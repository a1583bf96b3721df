import { randomInt, randomUUID } from 'node:crypto';
import type { FaultQueue } from './faults';
import { randomToken } from './token-family';
import type { ProvisionOptions, SimDialect } from './types';

const DAY_SEC = 24 * 60 * 60;
const INT32_MAX = 2 ** 31 - 1;

/** One partner account on the simulated server: its settings, credentials and what happened to it. */
export interface Account {
  key: string;
  dialect: SimDialect;
  accessLifetimeSec: number;
  refreshLifetimeSec: number | null;
  rotate: boolean;
  graceWindowMs: number;
  scope: string;
  /** oauth2 response variations (see ProvisionOptions). */
  sendRefreshExpiresIn: boolean;
  expiresInAsString: boolean;
  omitExpiresIn: boolean;
  refreshInSec: number | undefined;
  tokenLength: { access?: number; refresh?: number };
  clientId?: string;
  clientSecret?: string;
  partnerId?: number;
  apiVersion?: string;
  /** oauth-tokens-envelope's `data.user_id`, bearer-rotation's `sub`. */
  userId: string;
  requestCount: number;
  /** The newest access token's expiry at the partner; null before the first one. */
  newestAccessExpiresAt: number | null;
  /** Renewals that came only after the newest access token had already expired. */
  lapses: number;
  revokedCount: number;
  familyRevoked: boolean;
  responseDelayMs: number;
  faults: FaultQueue;
}

export function createAccount(
  key: string,
  dialect: SimDialect,
  options: ProvisionOptions,
  faults: FaultQueue,
): Account {
  return {
    key,
    dialect,
    accessLifetimeSec: options.accessLifetimeSec ?? (dialect === 'manual' ? 365 * DAY_SEC : 3600),
    refreshLifetimeSec:
      options.refreshLifetimeSec !== undefined
        ? options.refreshLifetimeSec
        : dialect === 'bearer-rotation'
          ? 30 * DAY_SEC // bearer-rotation: "typically 30-day lifetime"
          : null,
    rotate: dialect === 'bearer-rotation' || (options.rotate ?? dialect !== 'oauth-tokens-envelope'),
    graceWindowMs: options.graceWindowMs ?? 0,
    scope: options.scope ?? 'read write',
    sendRefreshExpiresIn: options.sendRefreshExpiresIn ?? false,
    expiresInAsString: options.expiresInAsString ?? false,
    omitExpiresIn: options.omitExpiresIn ?? false,
    refreshInSec: options.refreshInSec,
    tokenLength: options.tokenLength ?? {},
    ...credentialsFor(dialect),
    userId: randomUUID(),
    requestCount: 0,
    newestAccessExpiresAt: null,
    lapses: 0,
    revokedCount: 0,
    familyRevoked: false,
    responseDelayMs: 0,
    faults,
  };
}

function credentialsFor(
  dialect: SimDialect,
): Pick<Account, 'clientId' | 'clientSecret' | 'partnerId' | 'apiVersion'> {
  switch (dialect) {
    case 'oauth2':
      // '+', ':' and '%' catch clients that skip form-encoding before Base64 (RFC 6749 §2.3.1).
      return { clientId: `client-${randomToken(9)}`, clientSecret: `${randomToken(24)}+:%` };
    case 'oauth-tokens-envelope':
      // oauth-tokens-envelope: the client id is a UUID, the secret an opaque string.
      return { clientId: randomUUID(), clientSecret: `msp-${randomToken(24)}` };
    case 'partner-header':
      return { partnerId: randomInt(100_000, INT32_MAX) };
    case 'bearer-rotation':
      return { apiVersion: '2.0' };
    case 'manual':
      return {};
  }
}

/** A test asked about an account the simulator never provisioned. */
export class UnknownAccountError extends Error {
  constructor(key: string) {
    super(`The simulator has no account "${key}"`);
    this.name = 'UnknownAccountError';
  }
}

/** What a request names its account by: the OAuth client, or partner-header's partner id. */
export type AccountHandle = { clientId: string | undefined } | { partnerId: number | undefined };

export class AccountBook {
  private readonly accounts = new Map<string, Account>();
  /** Accounts by dialect and handle, so a request finds its account without a scan of thousands. */
  private readonly byHandle = new Map<string, Account>();
  private counter = 0;

  nextKey(dialect: SimDialect): string {
    this.counter += 1;
    return `${dialect}-${this.counter}`;
  }

  add(account: Account): void {
    this.accounts.set(account.key, account);
    for (const handle of [{ clientId: account.clientId }, { partnerId: account.partnerId }]) {
      const key = handleKey(account.dialect, handle);
      // The first account keeps a handle, as the scan this replaces found it first.
      if (key !== null && !this.byHandle.has(key)) this.byHandle.set(key, account);
    }
  }

  find(key: string): Account | undefined {
    return this.accounts.get(key);
  }

  /** For the simulator's own API: an unknown key is a mistake in the test. */
  get(key: string): Account {
    const account = this.accounts.get(key);
    if (!account) throw new UnknownAccountError(key);
    return account;
  }

  findBy(dialect: SimDialect, handle: AccountHandle): Account | undefined {
    const key = handleKey(dialect, handle);
    return key === null ? undefined : this.byHandle.get(key);
  }
}

function handleKey(dialect: SimDialect, handle: AccountHandle): string | null {
  const [field, value] =
    'clientId' in handle ? ['clientId', handle.clientId] : ['partnerId', handle.partnerId];
  return value === undefined ? null : `${dialect}\u0000${field}\u0000${value}`;
}
