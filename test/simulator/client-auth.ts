import type { Account } from './accounts';
import { header, oauthError, type Reply, type SimRequest } from './http';

/**
 * OAuth client authentication as RFC 6749 §2.3.1 allows it: HTTP Basic, where the id and secret are
 * form-urlencoded before Base64 (Appendix B), or `client_id` and `client_secret` in the form body.
 */
export type ClientCredentials =
  | { kind: 'found'; method: 'basic' | 'body'; clientId: string; clientSecret: string | undefined }
  | { kind: 'absent' }
  | { kind: 'malformed' }
  /** RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request." */
  | { kind: 'twoMethods' };

export function readClientCredentials(request: SimRequest, form: URLSearchParams): ClientCredentials {
  const authorization = header(request, 'authorization');
  const bodyId = form.get('client_id');
  if (authorization?.toLowerCase().startsWith('basic ')) {
    if (bodyId !== null) return { kind: 'twoMethods' };
    return decodeBasic(authorization.slice('basic '.length).trim());
  }
  if (bodyId === null || bodyId === '') return { kind: 'absent' };
  return {
    kind: 'found',
    method: 'body',
    clientId: bodyId,
    clientSecret: form.get('client_secret') ?? undefined,
  };
}

function decodeBasic(encoded: string): ClientCredentials {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'malformed' };
  try {
    return {
      kind: 'found',
      method: 'basic',
      clientId: formDecode(decoded.slice(0, colon)),
      clientSecret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    // A raw '%' in a secret that was never form-encoded lands here.
    return { kind: 'malformed' };
  }
}

/** application/x-www-form-urlencoded decoding: '+' is a space, then %HH escapes. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** 401 invalid_client; with a Basic challenge when the client tried Basic (RFC 6749 §5.2). */
export function invalidClient(credentials: ClientCredentials): Reply {
  const triedBasic =
    credentials.kind === 'malformed' || (credentials.kind === 'found' && credentials.method === 'basic');
  return oauthError(
    401,
    'invalid_client',
    'Client authentication failed (RFC 6749 §2.3.1: form-encode the id and secret before Base64).',
    triedBasic ? { 'WWW-Authenticate': 'Basic realm="partner-simulator", charset="UTF-8"' } : {},
  );
}

/**
 * The client authentication of a token or revocation request: the account, when its client came
 * by one method (RFC 6749 §2.3) with its own secret; otherwise the refusal to answer with.
 */
export function authenticateClient(
  request: SimRequest,
  form: URLSearchParams,
  found: Account | undefined,
): { account: Account } | { refusal: Reply } {
  const credentials = readClientCredentials(request, form);
  if (credentials.kind === 'twoMethods') {
    return {
      refusal: oauthError(
        400,
        'invalid_request',
        'Use one client authentication method, not two (RFC 6749 §2.3).',
      ),
    };
  }
  if (credentials.kind !== 'found' || !found || credentials.clientSecret !== found.clientSecret) {
    return { refusal: invalidClient(credentials) };
  }
  return { account: found };
}
