import type { Account } from './accounts';
import { authenticateClient, readClientCredentials } from './client-auth';
import { hasContentType, oauthError, type Reply, type SimRequest } from './http';
import type { SimState } from './state';

/**
 * RFC 7009 token revocation, for the dialects with client credentials (oauth2, oauth-tokens-envelope):
 *   POST /oauth2/revoke, form `token` [& token_type_hint], client auth by Basic or in the body
 *   200 with an empty body, also for unknown tokens and for tokens of another client (§2.2: nothing to tell).
 * Revoking a refresh token revokes its whole family (§2.1); revoking an access token only that token.
 */
export const REVOCATION_PATH = '/oauth2/revoke';

/** The account whose client authenticates, found before anything is checked (faults need it). */
export function revocationAccount(request: SimRequest, state: SimState): Account | undefined {
  const credentials = readClientCredentials(request, new URLSearchParams(request.body));
  if (credentials.kind !== 'found') return undefined;
  const client = { clientId: credentials.clientId };
  return state.accounts.findBy('oauth2', client) ?? state.accounts.findBy('oauth-tokens-envelope', client);
}

export function revoke(request: SimRequest, found: Account | undefined, state: SimState): Reply {
  if (!hasContentType(request, 'application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(request.body);
  const client = authenticateClient(request, form, found);
  if ('refusal' in client) return client.refusal;
  const { account } = client;
  const value = form.get('token');
  if (!value) return oauthError(400, 'invalid_request', 'Missing token.');

  // token_type_hint is only a hint (§2.1): the simulator looks the token up either way.
  const token = state.ledger.find(value);
  if (token && token.accountKey === account.key && token.revokedAt === undefined) {
    const now = state.now();
    if (token.kind === 'refresh') state.ledger.revokeFamily(account.key, now, 'revocation');
    else state.ledger.revoke(token, now, 'revocation');
    account.revokedCount += 1;
  }
  return { status: 200, headers: {}, body: '' };
}
