import { definePreset } from './define-preset';

/** The partner-header dialect: POST /v1/auth/token, the partner id and grant type in headers, `{refreshToken}` in a JSON body. */
export const PARTNER_HEADER_PROFILE = definePreset({
  request: {
    method: 'POST',
    path: '/v1/auth/token',
    clientAuth: 'none',
    headers: {
      partnerId: '{{partnerIdHeader}}',
      grantType: 'refresh_token',
    },
    body: { encoding: 'json', fields: { refreshToken: '{{refreshToken}}' } },
  },
  response: {
    successStatus: [200],
    accessToken: 'access_token',
    refreshToken: 'refresh_token',
    tokenType: 'token_type',
    expiry: [{ kind: 'expiresIn', path: 'expires_in' }],
  },
  errors: { codePath: 'error', descriptionPath: 'error_description' },
});
