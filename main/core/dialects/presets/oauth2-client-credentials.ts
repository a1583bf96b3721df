import { definePreset } from './define-preset';
import { OAUTH2_PROFILE } from './oauth2';

/**
 * RFC 6749 §4.4: no refresh token; every renewal asks for a new access token with the
 * client's own credentials. `audience` (Auth0, Okta) and RFC 8707 `resource` are sent where set.
 */
export const OAUTH2_CLIENT_CREDENTIALS_PROFILE = definePreset({
  request: {
    method: 'POST',
    path: '',
    clientAuth: 'connection',
    body: {
      encoding: 'form',
      fields: {
        grant_type: 'client_credentials',
        scope: '{{scope}}',
        audience: '{{audience}}',
        resource: '{{resource}}',
      },
    },
  },
  // RFC 6749 §4.4.3: a refresh token should not be included, so none is read.
  response: { ...OAUTH2_PROFILE.response, refreshToken: undefined, refreshExpiresIn: [] },
  errors: OAUTH2_PROFILE.errors,
});
