/**
 * The partner simulator's public contract: what tests, the end-to-end runner and the demo can ask of it.
 * `simulator.ts` re-exports all of it; the control plane (`/_sim/...`) speaks the same shapes as JSON.
 */

/** The renewal dialects, as the presets name them. */
export type SimDialect = 'oauth2' | 'oauth-tokens-envelope' | 'partner-header' | 'bearer-rotation' | 'manual';

export const SIM_DIALECTS = [
  'oauth2',
  'oauth-tokens-envelope',
  'partner-header',
  'bearer-rotation',
  'manual',
] as const satisfies readonly SimDialect[];

export interface ProvisionOptions {
  /** Access (or manual partner) token lifetime. Default 3600; manual: one year, as the partner portals issue them. */
  accessLifetimeSec?: number;
  /** Refresh token lifetime, fresh for each issued refresh token. Default none; bearer-rotation: 30 days. */
  refreshLifetimeSec?: number | null;
  /** Rotate the refresh token on each renewal. Default: oauth2 and partner-header yes, envelope no; bearer-rotation always. */
  rotate?: boolean;
  /** A rotated-away refresh token used again within this window is accepted once (crash recovery). Default 0. */
  graceWindowMs?: number;
  /** The scope granted at provisioning. Default 'read write'. */
  scope?: string;
  /** oauth2: add `refresh_expires_in` (only when the refresh token has a lifetime). */
  sendRefreshExpiresIn?: boolean;
  /** oauth2: send `expires_in` as a string like "3600". */
  expiresInAsString?: boolean;
  /** oauth2: send no `expires_in` at all (the client must treat the lifetime as unknown). */
  omitExpiresIn?: boolean;
  /** oauth2: add `refresh_in`, the seconds after which the server suggests renewing. */
  refreshInSec?: number;
  /** Characters in each opaque access and refresh token issued (not JWTs). Default 43 (32 random bytes). */
  tokenLength?: { access?: number; refresh?: number };
}

export interface Provisioned {
  dialect: SimDialect;
  /** The simulator's id for this account, used by inject, requestCount and the control plane. */
  key: string;
  /** The full token URL to configure in TokenTray. */
  endpoint: string;
  /** GET with `Authorization: Bearer <access token>`: 200 while the token is live, 401 otherwise. */
  verifyUrl: string;
  /** RFC 7009 revocation endpoint (oauth2 and oauth-tokens-envelope, which have client credentials). */
  revocationUrl?: string;
  clientId?: string;
  clientSecret?: string;
  partnerIdHeader?: number;
  apiVersion?: string;
  /** The initial access token (manual: the partner token the portal issued). */
  accessToken: string;
  /** Absent for manual. */
  refreshToken?: string;
  /** Epoch ms when the initial access token expires. */
  expiresAt: number;
}

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'rateLimit'; retryAfterSec?: number }
  /** Accept the request and never answer (until the simulator closes). */
  | { kind: 'timeout' }
  /** Send the real answer's headers at once and its body after delayMs. */
  | { kind: 'slowBody'; delayMs: number }
  /** Destroy the socket without an answer. */
  | { kind: 'reset' }
  | { kind: 'malformedJson' }
  | { kind: 'htmlPage' }
  | { kind: 'wrongTypes' }
  | { kind: 'missingFields' }
  /** A valid-looking JSON body of this many bytes. */
  | { kind: 'oversized'; bytes: number }
  | { kind: 'invalidGrant' }
  | { kind: 'invalidClient' };

export interface AccountStats {
  requestCount: number;
  familyRevoked: boolean;
  revokedCount: number;
}

export interface Simulator {
  /** http://127.0.0.1:PORT */
  url: string;
  provision(dialect: SimDialect, options?: ProvisionOptions): Provisioned;
  /** Manual only: the portal issues a new partner token; the old one stays valid until its own expiry. */
  issuePartnerToken(key: string, lifetimeSec: number): { token: string; expiresAt: number };
  /** The next `times` (default 1) token or revocation requests of that account get the fault. */
  inject(key: string, fault: Fault, times?: number): void;
  /** Renewal requests received for that account, faulted ones included. */
  requestCount(key: string): number;
  /**
   * Times that account's newest access token was already expired at the partner when a renewal
   * replaced it, plus one if it is expired now: 0 means the account never went without a live token.
   */
  accessLapses(key: string): number;
  isAccessTokenLive(token: string): boolean;
  isRefreshTokenLive(token: string): boolean;
  /** Reuse detection fired: a rotated-away refresh token came back and the whole family was revoked. */
  familyRevoked(key: string): boolean;
  /** Tokens of that account revoked through the RFC 7009 endpoint. */
  revokedCount(key: string): number;
  /** Hold renewal answers back this long (for single-flight tests); 0 to stop. */
  setResponseDelay(key: string, ms: number): void;
  /** Stops listening and ends every open request, hanging 'timeout' ones included. */
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A loopback address; default 127.0.0.1. */
  host?: string;
  /** The simulator's clock (epoch ms): tests pass a fake one to expire tokens without waiting. */
  now?: () => number;
  /** Append every issued access and refresh token and client secret to this file, one a line. */
  recordSecretsTo?: string;
}
