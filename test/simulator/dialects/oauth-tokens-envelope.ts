import { randomUUID } from 'node:crypto';
import type { Account } from '../accounts';
import {
  hasContentType,
  jsonReply,
  parseJsonObject,
  stringField,
  type Reply,
  type SimRequest,
} from '../http';
import { REFUSAL_DESCRIPTIONS, renewWithRefreshToken } from '../renewal';
import type { SimState } from '../state';
import { randomToken } from '../token-family';
import type { DialectEndpoint } from './dialect';

/**
 * The oauth-tokens-envelope dialect:
 *   POST /oauth/tokens, JSON {client_id, client_secret, refresh_token, grant_type: "refresh_token"},
 *   flat or wrapped as {"token": {...}}
 *   201 {meta: {code, url, type, request_id}, data: {value, user_id, name, id, expires_at (epoch s), details}}
 * Its partners document no errors: these answer {meta, error, error_description}, 401 for a refused client
 * or refresh token and 400/422 for a bad body, so a client can classify them by `error`.
 * When the account rotates (off by default), the new refresh token is in data.details.refresh_token.
 */
export const ENVELOPE_PATH = '/oauth/tokens';

export const envelopeEndpoint: DialectEndpoint = {
  dialect: 'oauth-tokens-envelope',
  path: ENVELOPE_PATH,

  identify(request, state) {
    const clientId = stringField(tokenFields(request), 'client_id');
    return state.accounts.findBy('oauth-tokens-envelope', { clientId });
  },

  renew(request, account, state) {
    if (!hasContentType(request, 'application/json')) {
      return envelopeError(state, 400, 'invalid_request', 'Content-Type must be application/json.');
    }
    const fields = tokenFields(request);
    if (!fields) return envelopeError(state, 400, 'invalid_request', 'The body must be a JSON object.');
    const missing = ['client_id', 'client_secret', 'refresh_token', 'grant_type'].filter(
      (name) => stringField(fields, name) === undefined,
    );
    if (missing.length > 0) {
      return envelopeError(state, 422, 'invalid_request', `Missing or empty: ${missing.join(', ')}.`);
    }
    if (!account || stringField(fields, 'client_secret') !== account.clientSecret) {
      return envelopeError(state, 401, 'invalid_client', 'Unknown client or wrong client secret.');
    }
    if (stringField(fields, 'grant_type') !== 'refresh_token') {
      return envelopeError(
        state,
        422,
        'unsupported_grant_type',
        'Currently only refresh_token is supported.',
      );
    }
    const renewal = renewWithRefreshToken(state, account, stringField(fields, 'refresh_token') ?? '');
    if (renewal.kind === 'refused') {
      return envelopeError(state, 401, 'invalid_grant', REFUSAL_DESCRIPTIONS[renewal.reason]);
    }
    return jsonReply(201, {
      meta: meta(state, 201),
      data: {
        value: renewal.access.value,
        user_id: account.userId,
        name: 'access_token',
        id: randomUUID(),
        expires_at: Math.floor((renewal.access.expiresAt ?? 0) / 1000),
        details: details(account, renewal.rotated ? renewal.refresh.value : undefined),
      },
    });
  },

  faultSamples: {
    successStatus: 201,
    invalidGrant: jsonReply(401, {
      meta: { code: 401, type: 'object' },
      error: 'invalid_grant',
      error_description: REFUSAL_DESCRIPTIONS.revoked,
    }),
    invalidClient: jsonReply(401, {
      meta: { code: 401, type: 'object' },
      error: 'invalid_client',
      error_description: 'Unknown client or wrong client secret.',
    }),
    wrongTypes: {
      meta: { code: 201, type: 'object' },
      data: { value: 12345, expires_at: 'next week', id: null },
    },
    missingFields: { meta: { code: 201, type: 'object' }, data: { name: 'access_token', details: {} } },
  },
};

/** Both shapes the dialect's clients send: flat, or wrapped as {"token": {...}}. */
function tokenFields(request: SimRequest): Record<string, unknown> | undefined {
  const body = parseJsonObject(request.body);
  const wrapped = body?.['token'];
  return wrapped !== null && typeof wrapped === 'object' && !Array.isArray(wrapped)
    ? (wrapped as Record<string, unknown>)
    : body;
}

function details(account: Account, rotatedRefreshToken: string | undefined): Record<string, unknown> {
  return {
    scope: account.scope,
    grant_type: 'refresh_token',
    client_id: account.clientId,
    ...(rotatedRefreshToken ? { refresh_token: rotatedRefreshToken } : {}),
  };
}

function meta(state: SimState, code: number): Record<string, unknown> {
  return { code, url: `${state.url}${ENVELOPE_PATH}`, type: 'object', request_id: `req-${randomToken(12)}` };
}

function envelopeError(state: SimState, status: number, error: string, description: string): Reply {
  return jsonReply(status, { meta: meta(state, status), error, error_description: description });
}
