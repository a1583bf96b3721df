import { definePreset } from './define-preset';

/**
 * The bearer-rotation dialect: POST /User/RefreshToken with the current access token as Bearer and `{refreshToken}`.
 * Both tokens rotate on every call; the expiry is the new access token's JWT `exp`.
 */
export const BEARER_ROTATION_PROFILE = definePreset({
  request: {
    method: 'POST',
    path: '/User/RefreshToken',
    clientAuth: 'none',
    bearerAccessToken: true,
    // apiVersion falls back to '2.0', the version the bearer-rotation partners document.
    headers: { Version: '{{apiVersion}}' },
    body: { encoding: 'json', fields: { refreshToken: '{{refreshToken}}' } },
  },
  response: {
    successStatus: [200],
    accessToken: 'accessToken',
    refreshToken: 'refreshToken',
    expiry: [{ kind: 'jwtExp' }],
  },
  errors: { codePath: 'error', descriptionPath: 'error_description' },
  // "Refresh token must not be expired (typically 30-day lifetime)".
  refreshTokenLifetimeDays: 30,
});
