import type { Account } from './accounts';
import { signJwt } from './jwt';
import type { SimState } from './state';
import { isExpired, randomToken, randomTokenOfLength, type IssuedToken } from './token-family';

/**
 * The renewal rules every dialect shares; dialect files only translate them to and from the wire.
 * Rotation with reuse detection follows the OAuth 2.0 Security BCP (RFC 9700 §4.14.2).
 */

export type RefusalReason = 'unknown' | 'revoked' | 'expired' | 'reused';

export type Renewal =
  | {
      kind: 'renewed';
      access: IssuedToken;
      /** The refresh token to use next time: a new one when rotated, else the one presented. */
      refresh: IssuedToken;
      rotated: boolean;
    }
  | { kind: 'refused'; reason: RefusalReason };

export function issueAccessToken(
  state: SimState,
  account: Account,
  lifetimeSec = account.accessLifetimeSec,
): IssuedToken {
  const issuedAt = state.now();
  const newest = account.newestAccessExpiresAt;
  if (newest !== null && issuedAt >= newest) account.lapses += 1;
  const token = issueAccessTokenAt(state, account, issuedAt, lifetimeSec);
  account.newestAccessExpiresAt = token.expiresAt ?? null;
  return token;
}

function issueAccessTokenAt(
  state: SimState,
  account: Account,
  issuedAt: number,
  lifetimeSec: number,
): IssuedToken {
  const expiresAt = issuedAt + lifetimeSec * 1000;
  if (account.dialect === 'bearer-rotation') {
    // bearer-rotation: the expiry is only in the JWT's `exp` claim, which counts whole seconds.
    const exp = Math.floor(expiresAt / 1000);
    const claims = { sub: account.userId, jti: randomToken(16), iat: Math.floor(issuedAt / 1000), exp };
    const value = signJwt({ ...claims, iss: 'tokentray-partner-simulator' }, state.jwtKey);
    return state.ledger.issue({
      kind: 'access',
      accountKey: account.key,
      issuedAt,
      expiresAt: exp * 1000,
      value,
    });
  }
  // oauth-tokens-envelope sends `expires_at` in epoch seconds, so the token dies on a whole second.
  const wholeSeconds = account.dialect === 'oauth-tokens-envelope';
  return state.ledger.issue({
    kind: 'access',
    accountKey: account.key,
    issuedAt,
    expiresAt: wholeSeconds ? Math.floor(expiresAt / 1000) * 1000 : expiresAt,
    value: account.tokenLength.access ? randomTokenOfLength(account.tokenLength.access) : undefined,
  });
}

export function issueRefreshToken(state: SimState, account: Account): IssuedToken {
  const issuedAt = state.now();
  const lifetime = account.refreshLifetimeSec;
  return state.ledger.issue({
    kind: 'refresh',
    accountKey: account.key,
    issuedAt,
    expiresAt: lifetime === null ? null : issuedAt + lifetime * 1000,
    value: account.tokenLength.refresh ? randomTokenOfLength(account.tokenLength.refresh) : undefined,
  });
}

export interface RenewalRules {
  /** bearer-rotation: "Previous access token is automatically revoked when new tokens are issued". */
  revokePreviousAccessTokens?: boolean;
}

export function renewWithRefreshToken(
  state: SimState,
  account: Account,
  presented: string,
  rules: RenewalRules = {},
): Renewal {
  const now = state.now();
  const refresh = state.ledger.find(presented);
  if (!refresh || refresh.kind !== 'refresh' || refresh.accountKey !== account.key) {
    return { kind: 'refused', reason: 'unknown' };
  }
  if (refresh.revokedAt !== undefined) return { kind: 'refused', reason: 'revoked' };
  // A rotated-away token came back: a client retrying after a crash (inside the grace window), or a thief.
  const reused = refresh.rotatedAt !== undefined;
  if (reused && !isWithinGrace(refresh, account, now)) {
    state.ledger.revokeFamily(account.key, now, 'reuse');
    account.familyRevoked = true;
    return { kind: 'refused', reason: 'reused' };
  }
  if (isExpired(refresh, now)) return { kind: 'refused', reason: 'expired' };
  if (reused) refresh.graceUsed = true;

  if (rules.revokePreviousAccessTokens) state.ledger.revokeAccessTokens(account.key, now, 'rotation');
  const access = issueAccessToken(state, account);
  if (!account.rotate) return { kind: 'renewed', access, refresh, rotated: false };
  for (const current of state.ledger.currentRefreshTokens(account.key)) current.rotatedAt = now;
  return { kind: 'renewed', access, refresh: issueRefreshToken(state, account), rotated: true };
}

function isWithinGrace(refresh: IssuedToken, account: Account, now: number): boolean {
  return (
    !refresh.graceUsed && refresh.rotatedAt !== undefined && now - refresh.rotatedAt < account.graceWindowMs
  );
}

/** Seconds until a token expires, for `expires_in`-style fields. */
export function secondsLeft(token: IssuedToken, now: number): number | undefined {
  return token.expiresAt === null ? undefined : Math.max(0, Math.round((token.expiresAt - now) / 1000));
}

/** For error descriptions; partner-header sends one fixed sentence instead. */
export const REFUSAL_DESCRIPTIONS: Record<RefusalReason, string> = {
  unknown: 'The refresh token is unknown or was issued to another client.',
  revoked: 'The refresh token has been revoked.',
  expired: 'The refresh token has expired.',
  reused: 'The refresh token was already used; every token of this grant is now revoked.',
};
