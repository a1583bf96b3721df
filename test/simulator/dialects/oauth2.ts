import { authenticateClient, readClientCredentials } from '../client-auth';
import { hasContentType, jsonReply, oauthError, type Reply } from '../http';
import { REFUSAL_DESCRIPTIONS, renewWithRefreshToken, secondsLeft } from '../renewal';
import type { DialectEndpoint } from './dialect';

/**
 * RFC 6749 §6, refreshing an access token:
 *   POST /oauth2/token, application/x-www-form-urlencoded
 *   grant_type=refresh_token & refresh_token=... [& scope=...], client auth by Basic or in the body
 *   200 {access_token, token_type, expires_in, refresh_token (when rotating), scope}
 *   400 {error: invalid_request | invalid_grant | invalid_scope | unsupported_grant_type}, 401 invalid_client
 */
export const OAUTH2_PATH = '/oauth2/token';

/** RFC 6749 §3.2: request parameters must not be included more than once. */
const SINGLE_PARAMETERS = ['grant_type', 'refresh_token', 'scope', 'client_id', 'client_secret'];

export const oauth2Endpoint: DialectEndpoint = {
  dialect: 'oauth2',
  path: OAUTH2_PATH,

  identify(request, state) {
    const credentials = readClientCredentials(request, new URLSearchParams(request.body));
    if (credentials.kind !== 'found') return undefined;
    return state.accounts.findBy('oauth2', { clientId: credentials.clientId });
  },

  renew(request, found, state) {
    if (!hasContentType(request, 'application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(request.body);
    const repeated = SINGLE_PARAMETERS.find((name) => form.getAll(name).length > 1);
    if (repeated)
      return oauthError(400, 'invalid_request', `The ${repeated} parameter appears more than once.`);

    const client = authenticateClient(request, form, found);
    if ('refusal' in client) return client.refusal;
    const { account } = client;
    const badRequest = checkRefreshRequest(form, account.scope);
    if (badRequest) return badRequest;

    const requestedScope = form.get('scope') || undefined;
    const renewal = renewWithRefreshToken(state, account, form.get('refresh_token') ?? '');
    if (renewal.kind === 'refused')
      return oauthError(400, 'invalid_grant', REFUSAL_DESCRIPTIONS[renewal.reason]);

    const now = state.now();
    const expiresIn = secondsLeft(renewal.access, now) ?? 0;
    const refreshExpiresIn = secondsLeft(renewal.refresh, now);
    return jsonReply(200, {
      access_token: renewal.access.value,
      token_type: 'Bearer',
      ...(account.omitExpiresIn ? {} : { expires_in: expiresInAnswer(account, expiresIn, now) }),
      ...(renewal.rotated ? { refresh_token: renewal.refresh.value } : {}),
      ...(account.sendRefreshExpiresIn && refreshExpiresIn !== undefined
        ? { refresh_expires_in: refreshExpiresIn }
        : {}),
      ...(account.refreshInSec !== undefined ? { refresh_in: account.refreshInSec } : {}),
      // §6: a refresh may narrow the scope, never widen it; omitted means the scope first granted.
      scope: requestedScope ?? account.scope,
    });
  },

  faultSamples: {
    successStatus: 200,
    invalidGrant: oauthError(400, 'invalid_grant', REFUSAL_DESCRIPTIONS.revoked),
    invalidClient: oauthError(401, 'invalid_client', 'Client authentication failed.'),
    wrongTypes: { access_token: 12345, token_type: ['Bearer'], expires_in: 'soon', refresh_token: true },
    missingFields: { token_type: 'Bearer', expires_in: 3600 },
  },
};

function checkRefreshRequest(form: URLSearchParams, grantedScope: string): Reply | undefined {
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'Missing grant_type.');
  if (grantType !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', 'Only the refresh_token grant is supported here.');
  }
  if (!form.get('refresh_token')) return oauthError(400, 'invalid_request', 'Missing refresh_token.');
  const requested = form.get('scope');
  if (requested && !isSubset(requested, grantedScope)) {
    return oauthError(400, 'invalid_scope', 'The requested scope exceeds the scope originally granted.');
  }
  return undefined;
}

/** Scopes are space-delimited sets (RFC 6749 §3.3). */
function isSubset(requested: string, granted: string): boolean {
  const allowed = new Set(granted.split(' ').filter(Boolean));
  return requested
    .split(' ')
    .filter(Boolean)
    .every((scope) => allowed.has(scope));
}

/** `expires_in` in the form the account asks for: seconds, a numeric string, a date, or a word. */
function expiresInAnswer(
  account: { expiresInAsString: boolean; expiresInForm: 'date' | 'word' | undefined },
  seconds: number,
  now: number,
): number | string {
  if (account.expiresInForm === 'date') return new Date(now + seconds * 1000).toUTCString();
  if (account.expiresInForm === 'word') return 'later';
  return account.expiresInAsString ? String(seconds) : seconds;
}
