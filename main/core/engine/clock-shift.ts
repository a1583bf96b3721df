import type { Catalog } from '../catalog/catalog';
import type { ParsedRenewal } from '../dialects/parsed-renewal';
import type { ConnectionId, ConnectionState, DurationMs, EpochMs } from '../domain';

/**
 * How far learned times have been moved so far. A renewal answered before a shift but stored
 * after it (the keychain takes a while) moves its own times by the shifts in between.
 */
export class LearnedTimeShifts {
  private total: DurationMs = 0;

  get totalMs(): DurationMs {
    return this.total;
  }

  /** Moves every learned time in the catalog (shiftLearnedTimes) and counts the move. */
  shift(catalog: Catalog, deltaMs: DurationMs): ConnectionId[] {
    this.total += deltaMs;
    return shiftLearnedTimes(catalog, deltaMs);
  }
}

/** A renewal's times moved by `deltaMs`, as shiftLearnedTimes moves stored ones. */
export function shiftedRenewal(
  parsed: Extract<ParsedRenewal, { kind: 'renewed' }>,
  deltaMs: DurationMs,
): Extract<ParsedRenewal, { kind: 'renewed' }> {
  if (deltaMs === 0) return parsed;
  return {
    ...parsed,
    issuedAt: parsed.issuedAt + deltaMs,
    expiresAt: plus(parsed.expiresAt, deltaMs),
    refreshSuggestedAt: plus(parsed.refreshSuggestedAt, deltaMs),
    refreshExpiresAt: plus(parsed.refreshExpiresAt, deltaMs),
    clockSkewMs: parsed.clockSkewMs - deltaMs,
  };
}

/**
 * The wall clock was set back by `-deltaMs` while no real time passed: every time TokenTray
 * learned from a partner is a duration counted from when the answer arrived, stored as an
 * absolute time on the old clock, so it moves with the clock. Tokens typed in by a person for
 * the manual dialect keep their dates: those are calendar dates, not durations. Returns the
 * connections whose times moved.
 */
export function shiftLearnedTimes(catalog: Catalog, deltaMs: DurationMs): ConnectionId[] {
  const shifted: ConnectionId[] = [];
  for (const connection of catalog.connections()) {
    if (connection.dialect === 'manual') continue;
    const id = connection.id;
    for (const token of catalog.tokensOf(id)) {
      catalog.putToken({
        ...token,
        issuedAt: token.issuedAt + deltaMs,
        expiresAt: plus(token.expiresAt, deltaMs),
      });
    }
    const patch = shiftedState(catalog.state(id), deltaMs);
    if (patch) catalog.updateState(id, patch);
    shifted.push(id);
  }
  return shifted;
}

/** The state's absolute times moved by `deltaMs`; null when it holds none. */
function shiftedState(state: ConnectionState, deltaMs: DurationMs): Partial<ConnectionState> | null {
  const patch: Partial<ConnectionState> = {};
  if (state.nextAttemptAt !== null) patch.nextAttemptAt = state.nextAttemptAt + deltaMs;
  if (state.lastRenewedAt !== null) patch.lastRenewedAt = state.lastRenewedAt + deltaMs;
  if (state.refreshSuggestedAt !== null) patch.refreshSuggestedAt = state.refreshSuggestedAt + deltaMs;
  if (state.refreshExpiresAt !== null) patch.refreshExpiresAt = state.refreshExpiresAt + deltaMs;
  if (state.inFlight) patch.inFlight = { ...state.inFlight, startedAt: state.inFlight.startedAt + deltaMs };
  // The partner's clock did not move with ours: it is now that much further ahead of us.
  if (state.lastRenewedAt !== null) patch.clockSkewMs = state.clockSkewMs - deltaMs;
  return Object.keys(patch).length > 0 ? patch : null;
}

function plus(time: EpochMs | null, deltaMs: DurationMs): EpochMs | null {
  return time === null ? null : time + deltaMs;
}

/**
 * The latest moment the profile recorded as "now" (an issue or a renewal). A wall clock
 * earlier than it at start-up was set back while TokenTray was stopped.
 */
export function latestRecordedNow(catalog: Catalog): EpochMs | null {
  let latest: EpochMs | null = null;
  for (const connection of catalog.connections()) {
    if (connection.dialect === 'manual') continue;
    const newest = catalog.tokensOf(connection.id)[0];
    const renewedAt = catalog.state(connection.id).lastRenewedAt;
    for (const at of [newest?.issuedAt ?? null, renewedAt]) {
      if (at !== null && (latest === null || at > latest)) latest = at;
    }
  }
  return latest;
}
