import type { EpochMs } from '../domain/ids';
import type { RenewalPolicy } from '../domain/connection';

export interface DueTimeInput {
  issuedAt: EpochMs;
  expiresAt: EpochMs | null;
  /** The server's `refresh_in`, as an absolute time. */
  refreshSuggestedAt: EpochMs | null;
  /** When the refresh token dies (bearer-rotation, `refresh_expires_in`), where known. */
  refreshExpiresAt: EpochMs | null;
  /** The last successful renewal, where there was one: an unknown lifetime is counted from it. */
  lastRenewedAt?: EpochMs | null;
  policy: Pick<RenewalPolicy, 'renewAtShare' | 'leadTimeMs' | 'jitterMs' | 'unknownLifetimeIntervalMs'>;
  now: EpochMs;
  /** A number in [0, 1); Math.random by default. */
  random?: () => number;
}

/** Jitter never takes more than this share of the time left before the planned renewal. */
const MAX_JITTER_SHARE = 0.1;

/**
 * When to renew a token: the earliest of the
 * server's `refresh_in`, the policy's share of the lifetime (2/3, as Vault and
 * cert-manager do) and the lead time before expiry; and before the refresh
 * token dies, where its lifetime is known, even when the access token lives long.
 * A token of unknown lifetime is renewed every `unknownLifetimeIntervalMs`,
 * counted from its last renewal, so it never goes unplanned and dies unseen.
 * A little jitter earlier spreads connections out. Never before `now`.
 */
export function nextRenewalAt(input: DueTimeInput): EpochMs {
  const { issuedAt, expiresAt, refreshSuggestedAt, refreshExpiresAt, policy, now } = input;
  const candidates: EpochMs[] = [];
  if (refreshSuggestedAt !== null) candidates.push(refreshSuggestedAt);
  if (expiresAt !== null) candidates.push(...deadlinesBefore(issuedAt, expiresAt, policy));
  // Unknown lifetime: the last renewal (or a token pasted since) starts the interval; "never" would let it die unseen.
  else
    candidates.push(Math.max(issuedAt, input.lastRenewedAt ?? issuedAt) + policy.unknownLifetimeIntervalMs);
  // The refresh token's life is counted from this issue too: a rotated one is new, an older one only ends sooner.
  if (refreshExpiresAt !== null) candidates.push(...deadlinesBefore(issuedAt, refreshExpiresAt, policy));

  const planned = Math.min(...candidates);
  if (planned <= now) return now;
  const random = clampUnit((input.random ?? Math.random)());
  const jitter = random * Math.min(policy.jitterMs, MAX_JITTER_SHARE * (planned - now));
  return Math.max(now, Math.round(planned - jitter));
}

/** The share-of-lifetime point and the lead-time point before an end. */
function deadlinesBefore(
  issuedAt: EpochMs,
  endsAt: EpochMs,
  policy: Pick<RenewalPolicy, 'renewAtShare' | 'leadTimeMs'>,
): EpochMs[] {
  const lifetime = endsAt - issuedAt;
  const share = issuedAt + policy.renewAtShare * lifetime;
  const lead = endsAt - policy.leadTimeMs;
  // A lead time as long as the token's life cannot be kept: it would renew again at once, in a loop.
  return lead > issuedAt ? [share, lead] : [share];
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
