import { randomBytes } from 'node:crypto';

/**
 * Every token the simulator issued, grouped into families: one family per account holds all its
 * access and refresh tokens, so reuse detection can revoke them together (OAuth 2.0 Security BCP §4.14).
 */

export type RevokedBy = 'rotation' | 'reuse' | 'revocation';

export interface IssuedToken {
  value: string;
  kind: 'access' | 'refresh';
  /** The account (family) it belongs to. */
  accountKey: string;
  issuedAt: number;
  /** null: never expires. */
  expiresAt: number | null;
  revokedAt?: number;
  revokedBy?: RevokedBy;
  /** Refresh tokens only: when a renewal replaced it. Using it again after that is reuse. */
  rotatedAt?: number;
  /** Refresh tokens only: the one reuse within the grace window has been spent. */
  graceUsed?: boolean;
}

/** Random and unguessable; 32 bytes like most real servers. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random token of exactly `length` base64url characters. */
export function randomTokenOfLength(length: number): string {
  return randomToken(Math.ceil((length * 3) / 4)).slice(0, length);
}

export class TokenLedger {
  private readonly tokens = new Map<string, IssuedToken>();
  /** Each account's tokens, so a renewal does not scan every token the simulator ever issued. */
  private readonly families = new Map<string, IssuedToken[]>();

  /** `onIssue` hears every token value handed out (the opt-in secret recorder). */
  constructor(private readonly onIssue?: (value: string) => void) {}

  find(value: string): IssuedToken | undefined {
    return this.tokens.get(value);
  }

  /** Records a token; `value` is given for JWTs, random otherwise. */
  issue(fields: Omit<IssuedToken, 'value'> & { value?: string }): IssuedToken {
    const token: IssuedToken = { ...fields, value: fields.value ?? randomToken() };
    if (this.tokens.has(token.value)) throw new Error('Token collision: the simulator issued a token twice');
    this.tokens.set(token.value, token);
    const family = this.families.get(token.accountKey);
    if (family) family.push(token);
    else this.families.set(token.accountKey, [token]);
    this.onIssue?.(token.value);
    return token;
  }

  isLive(value: string, kind: IssuedToken['kind'], now: number): boolean {
    const token = this.tokens.get(value);
    return token !== undefined && token.kind === kind && isUnrevoked(token) && !isExpired(token, now);
  }

  /** The refresh tokens of an account that have not been rotated away or revoked (normally one). */
  currentRefreshTokens(accountKey: string): IssuedToken[] {
    return this.family(accountKey).filter(
      (token) => token.kind === 'refresh' && token.rotatedAt === undefined && isUnrevoked(token),
    );
  }

  revoke(token: IssuedToken, now: number, by: RevokedBy): void {
    if (token.revokedAt !== undefined) return;
    token.revokedAt = now;
    token.revokedBy = by;
  }

  /** Revokes every access token of the account, e.g. when a renewal supersedes them (bearer-rotation). */
  revokeAccessTokens(accountKey: string, now: number, by: RevokedBy): void {
    for (const token of this.family(accountKey)) if (token.kind === 'access') this.revoke(token, now, by);
  }

  /** Revokes every token of the account: reuse detection, or RFC 7009 revocation of a refresh token. */
  revokeFamily(accountKey: string, now: number, by: RevokedBy): void {
    for (const token of this.family(accountKey)) this.revoke(token, now, by);
  }

  private family(accountKey: string): readonly IssuedToken[] {
    return this.families.get(accountKey) ?? [];
  }
}

export function isExpired(token: IssuedToken, now: number): boolean {
  return token.expiresAt !== null && token.expiresAt <= now;
}

export function isUnrevoked(token: IssuedToken): boolean {
  return token.revokedAt === undefined;
}
