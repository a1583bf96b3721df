import { definePreset } from './define-preset';

/** RFC 6749 §6: refreshing an access token. The endpoint is the full token URL. */
export const OAUTH2_PROFILE = definePreset({
  request: {
    method: 'POST',
    path: '',
    // HTTP Basic by default, in the body where the connection says so (RFC 6749 §2.3.1).
    clientAuth: 'connection',
    body: {
      encoding: 'form',
      fields: {
        grant_type: 'refresh_token',
        refresh_token: '{{refreshToken}}',
        // Left out when the connection has no scope: a refresh may only narrow it.
        scope: '{{scope}}',
      },
    },
  },
  response: {
    successStatus: [200],
    accessToken: 'access_token',
    refreshToken: 'refresh_token',
    tokenType: 'token_type',
    expiry: [{ kind: 'expiresIn', path: 'expires_in' }],
    refreshIn: 'refresh_in',
    refreshExpiresIn: ['refresh_expires_in', 'refresh_token_expires_in'],
    scope: 'scope',
  },
  errors: { codePath: 'error', descriptionPath: 'error_description' },
});
