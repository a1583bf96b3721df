import type { Connection, ConnectionState, EpochMs, Partner, TokenRecord, TokenStatus } from '../domain';

/** A connection's status, derived on read so it can never go stale. */
export type ConnectionStatus =
  'healthy' | 'expiringSoon' | 'renewing' | 'retrying' | 'needsAction' | 'paused';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** An expired token whose renewal runs within this is renewing (overdue plans fire at the next 30 s check). */
const RENEWAL_DUE_WITHIN_MS = MINUTE;

/** A token past its expiry is expired whatever was stored last. */
export function effectiveTokenStatus(token: TokenRecord, now: EpochMs): TokenStatus {
  if (token.status === 'revoked') return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return token.status;
}

export function connectionStatus(input: {
  connection: Connection;
  partner: Partner | undefined;
  state: ConnectionState;
  token: TokenRecord | undefined;
  renewing: boolean;
  renewalsPaused: boolean;
  /** The profile's secrets are locked: nothing renews, whatever the row said before. */
  locked?: boolean;
  nextRenewalAt: EpochMs | null;
  now: EpochMs;
}): ConnectionStatus {
  const { connection, state, token, now } = input;
  if (input.locked) return 'paused';
  if (input.renewing || state.phase === 'renewing') return 'renewing';
  if (state.phase === 'needsAction') return 'needsAction';
  // Still trying on its own, even past the access token's expiry: say so rather than ask for action.
  if (state.phase === 'retrying') return 'retrying';
  if (!token) return 'needsAction';
  if (token.expiresAt !== null && token.expiresAt <= now) {
    // Not a fault while a renewal is about to run: the refresh token, not the access token, renews it.
    const renewalDue = input.nextRenewalAt !== null && input.nextRenewalAt - now <= RENEWAL_DUE_WITHIN_MS;
    return renewalDue ? 'renewing' : 'needsAction';
  }
  if (!connection.enabled || input.partner?.status !== 'active') return 'paused';
  if (connection.dialect === 'manual') {
    const firstReminderDays = Math.max(0, ...connection.policy.reminderDays);
    if (token.expiresAt !== null && token.expiresAt - now <= firstReminderDays * DAY) return 'expiringSoon';
    return 'healthy';
  }
  if (input.renewalsPaused) return 'paused';
  // Past its planned renewal, or inside the lead time, without a new token yet.
  if (token.expiresAt !== null) {
    const overdue = input.nextRenewalAt !== null && input.nextRenewalAt < now - 60_000;
    if (overdue || token.expiresAt - now <= connection.policy.leadTimeMs) return 'expiringSoon';
  }
  return 'healthy';
}

/**
 * What the window says beside "lifetime unknown": how often such a token is renewed, and why.
 * Null where the lifetime is known, or TokenTray does not renew the token itself (manual).
 */
export function unknownLifetimeRenewal(
  connection: Pick<Connection, 'dialect' | 'policy'>,
  token: Pick<TokenRecord, 'expiresAt'> | null | undefined,
): string | null {
  if (connection.dialect === 'manual' || !token || token.expiresAt !== null) return null;
  const every = intervalText(connection.policy.unknownLifetimeIntervalMs);
  return `Renewed every ${every} because its lifetime is unknown.`;
}

/** "hour", "90 minutes", "2 days": the largest whole unit, so a setting reads as it was typed. */
function intervalText(ms: number): string {
  for (const [unit, size] of [
    ['day', DAY],
    ['hour', HOUR],
  ] as const) {
    if (ms >= size && ms % size === 0) return ms === size ? unit : `${ms / size} ${unit}s`;
  }
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  return minutes === 1 ? 'minute' : `${minutes} minutes`;
}

/** Worst first: the tray shows the worst state, the list sorts by it. */
export const STATUS_SEVERITY: Record<ConnectionStatus, number> = {
  needsAction: 5,
  retrying: 4,
  expiringSoon: 3,
  renewing: 2,
  paused: 1,
  healthy: 0,
};
