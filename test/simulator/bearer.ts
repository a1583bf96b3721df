import { header, oauthError, type Reply, type SimRequest } from './http';

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1). */
export function bearerToken(request: SimRequest): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header(request, 'authorization') ?? '');
  return match?.[1];
}

/** 401 with the challenge RFC 6750 §3 asks for; no error code when no token came at all. */
export function bearerChallenge(tokenSent: boolean): Reply {
  const challenge = tokenSent
    ? 'Bearer realm="partner-simulator", error="invalid_token"'
    : 'Bearer realm="partner-simulator"';
  return oauthError(
    401,
    'invalid_token',
    tokenSent ? 'The access token is invalid, expired or revoked.' : 'An access token is required.',
    { 'WWW-Authenticate': challenge },
  );
}
