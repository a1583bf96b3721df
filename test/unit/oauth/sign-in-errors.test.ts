import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { signInFailure } from '../../../main/core/oauth/sign-in-errors';

const authorizationError = (params: Record<string, string>) => {
  try {
    oauth.validateAuthResponse(
      { issuer: 'https://login.partner.example' },
      { client_id: 'desktop' },
      new URLSearchParams({ state: 's1', ...params }),
      's1',
    );
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('sign-in failures as sentences', () => {
  it('invalid_scope names the scope setting to check, without the server description', () => {
    const error = signInFailure(
      authorizationError({ error: 'invalid_scope', error_description: 'scope secret-token-abc unknown' }),
    );
    expect(error.code).toBe('sign_in_invalid_scope');
    expect(error.message).toBe(
      'The partner does not allow the scope this connection asks for. Nothing was changed.',
    );
    expect(JSON.stringify(error)).not.toContain('secret-token-abc');
  });

  it('an unknown error code is named only when it looks like a code', () => {
    expect(signInFailure(authorizationError({ error: 'temporarily_unavailable' })).message).toBe(
      'The partner refused the sign-in (temporarily_unavailable). Nothing was changed.',
    );
    expect(signInFailure(authorizationError({ error: '<script>x</script>' })).message).toBe(
      'The partner refused the sign-in (unknown). Nothing was changed.',
    );
  });

  it('an answer from another issuer is refused with its own sentence', () => {
    const error = signInFailure(authorizationError({ iss: 'https://evil.example', code: 'c' }));
    expect(error.code).toBe('sign_in_wrong_issuer');
  });
});
