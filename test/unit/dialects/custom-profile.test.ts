import { describe, expect, it } from 'vitest';
import { validateCustomProfile } from '../../../main/core/dialects/custom-profile';

const valid = {
  request: {
    path: '/token',
    headers: { 'X-Api-Version': '3' },
    body: { encoding: 'json', fields: { token: '{{refreshToken}}', client: '{{ clientId }}' } },
  },
  response: { accessToken: 'result.token', expiry: [{ kind: 'expiresIn', path: 'result.ttl' }] },
};

function withRequest(request: Record<string, unknown>) {
  return { ...valid, request: { ...valid.request, ...request } };
}

function errorsOf(input: unknown): Record<string, string> {
  const check = validateCustomProfile(input);
  if (check.ok) throw new Error('expected the profile to be rejected');
  return check.errors;
}

describe('validateCustomProfile', () => {
  it('accepts a well-formed profile and fills in the defaults', () => {
    const check = validateCustomProfile(valid);
    expect(check.ok).toBe(true);
    expect(check.ok && check.profile.request.method).toBe('POST');
    expect(check.ok && check.profile.response.successStatus).toEqual([200]);
  });

  it('rejects a placeholder that is not one of the known variables and lists the known ones', () => {
    const errors = errorsOf(
      withRequest({ body: { encoding: 'json', fields: { token: '{{refresh_token}}' } } }),
    );
    expect(errors['request.body.fields.token']).toMatch(/Unknown placeholder \{\{refresh_token\}\}/);
    expect(errors['request.body.fields.token']).toMatch(/\{\{refreshToken\}\}/);
  });

  it('rejects a placeholder with a missing brace', () => {
    const errors = errorsOf(withRequest({ headers: { 'X-Token': 'Token {{accessToken}' } }));
    expect(errors['request.headers.X-Token']).toMatch(/two braces/);
  });

  it('rejects a header name that HTTP does not allow', () => {
    const errors = errorsOf(withRequest({ headers: { 'Bad Header': 'x' } }));
    expect(Object.values(errors).join(' ')).toMatch(/Not a valid HTTP header name/);
  });

  it('rejects headers TokenTray writes itself and a second Authorization', () => {
    const errors = errorsOf(
      withRequest({
        clientAuth: 'basic',
        headers: { 'Content-Length': '1', authorization: 'Token {{accessToken}}' },
      }),
    );
    expect(errors['request.headers.Content-Length']).toMatch(/sets the Content-Length header itself/);
    expect(errors['request.headers.authorization']).toMatch(/already set/);
  });

  it('rejects a header value with a line break', () => {
    const errors = errorsOf(withRequest({ headers: { 'X-Note': 'a\nb' } }));
    expect(errors['request.headers.X-Note']).toMatch(/line breaks/);
  });

  it('rejects wrapping a form body', () => {
    const errors = errorsOf(
      withRequest({
        body: { encoding: 'form', wrapIn: 'token', fields: { refresh_token: '{{refreshToken}}' } },
      }),
    );
    expect(errors['request.body.wrapIn']).toMatch(/Only a JSON body/);
  });

  it('rejects Bearer together with HTTP Basic client authentication', () => {
    const errors = errorsOf(withRequest({ clientAuth: 'basic', bearerAccessToken: true }));
    expect(errors['request.bearerAccessToken']).toMatch(/choose one/);
  });

  it('rejects client_id in the body when body authentication adds it anyway', () => {
    const errors = errorsOf(
      withRequest({ clientAuth: 'body', body: { encoding: 'form', fields: { client_id: '{{clientId}}' } } }),
    );
    expect(errors['request.body.fields.client_id']).toMatch(/already adds client_id/);
  });

  it('names the missing field of an incomplete profile', () => {
    const errors = errorsOf({ request: valid.request, response: {} });
    expect(errors['response.accessToken']).toBe('This field is required.');
  });
});
