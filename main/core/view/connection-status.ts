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
  return renewalAtRisk(token, state, input.nextRenewalAt, now) ? 'expiringSoon' : 'healthy';
}

/**
 * A token TokenTray renews is at risk only when its renewal is failing or cannot come before it
 * expires: a token of a few minutes renewed on plan is healthy however close its expiry is.
 */
function renewalAtRisk(
  token: TokenRecord,
  state: ConnectionState,
  nextRenewalAt: EpochMs | null,
  now: EpochMs,
): boolean {
  // The last attempt failed and no retry is under way: the next one may fail too.
  if (state.attempt > 0) return true;
  // The partner sent an expiry that could not be read: nobody knows whether the renewal comes in time.
  if (token.expiryUnreadable !== undefined) return true;
  if (token.expiresAt === null) return false;
  // Nothing planned, or planned only once the token is gone.
  if (nextRenewalAt === null || nextRenewalAt >= token.expiresAt) return true;
  // Past its planned renewal without a new token (the planner checks every 30 s).
  if (nextRenewalAt < now - RENEWAL_DUE_WITHIN_MS) return true;
  // The refresh token dies before the renewal that needs it.
  return state.refreshExpiresAt !== null && state.refreshExpiresAt <= nextRenewalAt;
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
