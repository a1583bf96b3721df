import { describe, expect, it } from 'vitest';
import { basicAuthorization, formUrlEncode } from '../../../main/core/dialects/basic-auth';
import { buildRenewalRequest } from '../../../main/core/dialects/build-request';
import { PRESET_PROFILES } from '../../../main/core/dialects/presets';
import { RenewalProfileSchema, type RenewalProfileInput } from '../../../main/core/domain/renewal-profile';
import { TokenTrayError } from '../../../main/core/domain/errors';
import { SECRETS, connectionWith } from './fixtures';

function thrown(action: () => unknown): TokenTrayError {
  try {
    action();
  } catch (error) {
    if (error instanceof TokenTrayError) return error;
    throw error;
  }
  throw new Error('expected a TokenTrayError');
}

const custom = (request: Partial<RenewalProfileInput['request']>) =>
  RenewalProfileSchema.parse({
    request: { body: { encoding: 'json', fields: {} }, ...request },
    response: { accessToken: 'access_token' },
  });

describe('HTTP Basic client authentication (RFC 6749 §2.3.1, Appendix B)', () => {
  it("form-encodes Appendix B's example value: space as +, every other symbol as %HH of its UTF-8 bytes", () => {
    expect(formUrlEncode(' %&+£€')).toBe('+%25%26%2B%C2%A3%E2%82%AC');
  });

  it('encodes exactly as a form body would, leaving only letters, digits and *-._ as they are', () => {
    const value = "a-b_c.d!e~f*g'h(i)j:k/l?m#n&o=p+q r%s";
    expect(formUrlEncode(value)).toBe('a-b_c.d%21e%7Ef*g%27h%28i%29j%3Ak%2Fl%3Fm%23n%26o%3Dp%2Bq+r%25s');
    expect(formUrlEncode(value)).toBe(new URLSearchParams({ v: value }).toString().slice(2));
  });

  it('encodes id and secret before joining them, so a colon in the id cannot shift the split', () => {
    const header = basicAuthorization('client:one', 'sec ret/+=');
    const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
    expect(decoded).toBe('client%3Aone:sec+ret%2F%2B%3D');
    expect(decoded.split(':')).toHaveLength(2);
  });
});

describe('buildRenewalRequest', () => {
  it('joins endpoint and path with one slash and keeps the endpoint query', () => {
    const connection = connectionWith('partner-header', {
      endpoint: 'https://partner.example/base//?tenant=7',
      settings: { partnerIdHeader: 1, authMethod: 'basic', bodyShape: 'flat' },
    });
    const request = buildRenewalRequest(PRESET_PROFILES['partner-header'], connection, SECRETS);
    expect(request.url).toBe('https://partner.example/base/v1/auth/token?tenant=7');
  });

  it('keeps a lone placeholder as a number in a JSON body but as text in a header', () => {
    const profile = custom({
      headers: { 'X-Partner': '{{partnerIdHeader}}' },
      body: { encoding: 'json', fields: { partner: '{{partnerIdHeader}}', label: 'p-{{partnerIdHeader}}' } },
    });
    const connection = connectionWith('custom', {
      settings: { partnerIdHeader: -2147483648, authMethod: 'basic', bodyShape: 'flat' },
    });
    const request = buildRenewalRequest(profile, connection, SECRETS);
    expect(request.headers['X-Partner']).toBe('-2147483648');
    expect(JSON.parse(request.body!)).toEqual({ partner: -2147483648, label: 'p--2147483648' });
  });

  it('leaves out a field whose optional value is not set, and one that comes out empty', () => {
    const profile = custom({
      body: {
        encoding: 'form',
        fields: { scope: 'scope:{{scope}}', empty: '', grant_type: 'refresh_token' },
      },
    });
    const request = buildRenewalRequest(profile, connectionWith('custom'), SECRETS);
    expect(request.body).toBe('grant_type=refresh_token');
  });

  it('fills placeholders once, so a setting that looks like a placeholder is sent as written', () => {
    const profile = custom({ body: { encoding: 'json', fields: { scope: '{{scope}}' } } });
    const connection = connectionWith('custom', {
      settings: { scope: '{{clientSecret}}', authMethod: 'basic', bodyShape: 'flat' },
    });
    expect(JSON.parse(buildRenewalRequest(profile, connection, SECRETS).body!)).toEqual({
      scope: '{{clientSecret}}',
    });
  });

  it.each([
    ['refresh token', 'oauth2' as const, { ...SECRETS, refreshToken: null }, /refresh token/],
    ['client secret for Basic', 'oauth2' as const, { ...SECRETS, clientSecret: '' }, /client secret/],
    [
      'client secret in the body',
      'oauth-tokens-envelope' as const,
      { ...SECRETS, clientSecret: null },
      /client secret/,
    ],
    [
      'access token for Bearer',
      'bearer-rotation' as const,
      { ...SECRETS, accessToken: null },
      /access token/,
    ],
  ])(
    'refuses to build without the %s, naming the secret but never a value',
    (_name, dialect, secrets, named) => {
      const connection = connectionWith(dialect, {
        settings: { clientId: 'client-1', authMethod: 'basic', bodyShape: 'flat' },
      });
      const error = thrown(() => buildRenewalRequest(PRESET_PROFILES[dialect], connection, secrets));
      expect(error.code).toBe('missing_secret');
      expect(error.message).toMatch(named);
      for (const value of Object.values(SECRETS)) expect(error.message).not.toContain(value);
    },
  );

  it('refuses to build without the partner id the partnerId header needs', () => {
    const error = thrown(() =>
      buildRenewalRequest(PRESET_PROFILES['partner-header'], connectionWith('partner-header'), SECRETS),
    );
    expect(error.code).toBe('missing_setting');
    expect(error.message).toMatch(/partner ID/);
  });

  it('refuses an http:// endpoint that is not this computer', () => {
    const connection = connectionWith('bearer-rotation', { endpoint: 'http://api.partner.example' });
    expect(
      thrown(() => buildRenewalRequest(PRESET_PROFILES['bearer-rotation'], connection, SECRETS)).code,
    ).toBe('insecure_endpoint');
  });

  it('refuses a header value with a line break instead of splitting the request', () => {
    const connection = connectionWith('bearer-rotation', {
      settings: { apiVersion: '2.0\r\nX-Evil: 1', authMethod: 'basic', bodyShape: 'flat' },
    });
    const error = thrown(() => buildRenewalRequest(PRESET_PROFILES['bearer-rotation'], connection, SECRETS));
    expect(error.code).toBe('invalid_setting');
    expect(error.message).toMatch(/Version header/);
  });
});
