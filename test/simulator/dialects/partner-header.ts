import { hasContentType, header, jsonReply, oauthError, parseJsonObject, stringField } from '../http';
import { renewWithRefreshToken, secondsLeft } from '../renewal';
import type { DialectEndpoint } from './dialect';

/**
 * The partner-header dialect:
 *   POST /v1/auth/token, headers `partnerId` (int32) and `grantType: refresh_token`, JSON {refreshToken}
 *   200 {access_token, refresh_token (when rotating), expires_in, token_type: "Bearer"}
 *   400 with the partner's own sentences for a dead or missing refresh token.
 */
export const PARTNER_HEADER_PATH = '/v1/auth/token';

const INVALID_GRANT = oauthError(400, 'invalid_grant', 'Refresh token has expired or is invalid.');
const MISSING_TOKEN = oauthError(400, 'invalid_request', 'Missing refresh token.');

export const partnerHeaderEndpoint: DialectEndpoint = {
  dialect: 'partner-header',
  path: PARTNER_HEADER_PATH,

  identify(request, state) {
    const partnerId = parseInt32(header(request, 'partnerId'));
    return state.accounts.findBy('partner-header', { partnerId });
  },

  renew(request, account, state) {
    const partnerId = parseInt32(header(request, 'partnerId'));
    if (partnerId === undefined) {
      return oauthError(400, 'invalid_request', 'The partnerId header must be a 32-bit integer.');
    }
    if (!account) return oauthError(401, 'invalid_client', 'Unknown partner.');
    const grantType = header(request, 'grantType');
    if (!grantType) return oauthError(400, 'invalid_request', 'Missing grantType header.');
    if (grantType !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', 'The grantType header must be refresh_token.');
    }
    if (!hasContentType(request, 'application/json')) {
      return oauthError(400, 'invalid_request', 'Content-Type must be application/json.');
    }
    const refreshToken = stringField(parseJsonObject(request.body), 'refreshToken');
    if (!refreshToken) return MISSING_TOKEN;

    const renewal = renewWithRefreshToken(state, account, refreshToken);
    if (renewal.kind === 'refused') return INVALID_GRANT;
    return jsonReply(200, {
      access_token: renewal.access.value,
      ...(renewal.rotated ? { refresh_token: renewal.refresh.value } : {}),
      expires_in: secondsLeft(renewal.access, state.now()),
      token_type: 'Bearer',
    });
  },

  faultSamples: {
    successStatus: 200,
    invalidGrant: INVALID_GRANT,
    invalidClient: oauthError(401, 'invalid_client', 'Unknown partner.'),
    wrongTypes: { access_token: 12345, refresh_token: false, expires_in: '24 hours', token_type: 7 },
    missingFields: { expires_in: 3600, token_type: 'Bearer' },
  },
};

/** int32 as the dialect types it: an optional minus sign and digits, within ±2^31. */
function parseInt32(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d{1,10}$/.test(value.trim())) return undefined;
  const number = Number(value.trim());
  return number >= -(2 ** 31) && number <= 2 ** 31 - 1 ? number : undefined;
}
