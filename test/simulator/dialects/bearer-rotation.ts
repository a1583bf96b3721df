import type { Account } from '../accounts';
import { bearerChallenge, bearerToken } from '../bearer';
import {
  hasContentType,
  header,
  jsonReply,
  oauthError,
  parseJsonObject,
  stringField,
  type SimRequest,
} from '../http';
import { REFUSAL_DESCRIPTIONS, renewWithRefreshToken } from '../renewal';
import type { SimState } from '../state';
import type { DialectEndpoint } from './dialect';

/**
 * The bearer-rotation dialect:
 *   POST /User/RefreshToken, `Authorization: Bearer <current access token>`, `Version: 2.0`, JSON {refreshToken}
 *   200 {accessToken, refreshToken}: the access token is a JWT whose `exp` is the only expiry given.
 * The presented access token is revoked at once and the refresh token rotates every time; refresh
 * tokens live 30 days. An expired (but not revoked) access token is accepted, since the partner renews
 * "expired or near-expiry access tokens"; a missing, unknown or revoked one gets 401.
 */
export const BEARER_ROTATION_PATH = '/User/RefreshToken';

export const bearerRotationEndpoint: DialectEndpoint = {
  dialect: 'bearer-rotation',
  path: BEARER_ROTATION_PATH,

  identify(request, state) {
    const known = [bearerToken(request), refreshTokenOf(request)]
      .map((token) => (token === undefined ? undefined : state.ledger.find(token)))
      .find((token) => token !== undefined);
    const account = known && state.accounts.find(known.accountKey);
    return account?.dialect === 'bearer-rotation' ? account : undefined;
  },

  renew(request, account, state) {
    if (header(request, 'version') !== '2.0') {
      return oauthError(400, 'invalid_request', 'The Version header must be 2.0.');
    }
    const accessToken = bearerToken(request);
    if (!accessToken) return bearerChallenge(false);
    if (!account || !acceptsAccessToken(state, account, accessToken)) return bearerChallenge(true);
    if (!hasContentType(request, 'application/json')) {
      return oauthError(400, 'invalid_request', 'Content-Type must be application/json.');
    }
    const refreshToken = refreshTokenOf(request);
    if (!refreshToken) return oauthError(400, 'invalid_request', 'Missing refresh token.');

    const renewal = renewWithRefreshToken(state, account, refreshToken, { revokePreviousAccessTokens: true });
    if (renewal.kind === 'refused')
      return oauthError(400, 'invalid_grant', REFUSAL_DESCRIPTIONS[renewal.reason]);
    return jsonReply(200, { accessToken: renewal.access.value, refreshToken: renewal.refresh.value });
  },

  faultSamples: {
    successStatus: 200,
    invalidGrant: oauthError(400, 'invalid_grant', REFUSAL_DESCRIPTIONS.revoked),
    invalidClient: bearerChallenge(true),
    wrongTypes: { accessToken: 12345, refreshToken: { value: 'x' } },
    missingFields: { refreshToken: null },
  },
};

function refreshTokenOf(request: SimRequest): string | undefined {
  return stringField(parseJsonObject(request.body), 'refreshToken');
}

/**
 * The access token must be this account's and not revoked. One revoked by the last rotation is still
 * accepted within the grace window, so a client retrying after a crash can present it with the old refresh token.
 */
function acceptsAccessToken(state: SimState, account: Account, value: string): boolean {
  const token = state.ledger.find(value);
  if (!token || token.kind !== 'access' || token.accountKey !== account.key) return false;
  if (token.revokedAt === undefined) return true;
  return token.revokedBy === 'rotation' && state.now() - token.revokedAt < account.graceWindowMs;
}
