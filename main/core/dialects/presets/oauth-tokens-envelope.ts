import { definePreset } from './define-preset';

/** The oauth-tokens-envelope dialect: POST /oauth/tokens with the client's id and secret in a JSON body; 201 with `{meta, data}`. */
export const OAUTH_TOKENS_ENVELOPE_PROFILE = definePreset({
  request: {
    method: 'POST',
    path: '/oauth/tokens',
    clientAuth: 'none',
    body: {
      encoding: 'json',
      fields: {
        client_id: '{{clientId}}',
        client_secret: '{{clientSecret}}',
        refresh_token: '{{refreshToken}}',
        grant_type: 'refresh_token',
      },
      // A connection whose bodyShape is 'wrapped' sends `{"token": {...}}` (see profileFor).
    },
  },
  response: {
    // The dialect answers 201; 200 carries the same body on servers that answer it.
    successStatus: [201, 200],
    accessToken: 'data.value',
    // The dialect's answer has no refresh token; a server that rotates puts the new one here (the simulator does).
    refreshToken: 'data.details.refresh_token',
    expiry: [{ kind: 'expiresAt', path: 'data.expires_at' }],
    scope: 'data.details.scope',
    serverId: 'data.id',
    userId: 'data.user_id',
  },
  errors: { codePath: 'error', descriptionPath: 'error_description' },
});
