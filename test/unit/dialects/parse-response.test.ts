import { describe, expect, it } from 'vitest';
import { parseRenewalResponse } from '../../../main/core/dialects/parse-response';
import { PRESET_PROFILES } from '../../../main/core/dialects/presets';
import { RenewalProfileSchema } from '../../../main/core/domain/renewal-profile';
import { RECEIVED_AT, jsonResponse, jwtWith } from './fixtures';

const oauth2 = PRESET_PROFILES.oauth2;
const HOUR = 3_600_000;
const YEAR = 365.25 * 24 * HOUR;

function expiresAtFor(expiresIn: unknown): number | null | undefined {
  const parsed = parseRenewalResponse(
    oauth2,
    jsonResponse(200, { access_token: 'at-1', expires_in: expiresIn }),
  );
  return parsed.kind === 'renewed' ? parsed.expiresAt : undefined;
}

describe('expiry from expires_in', () => {
  it('counts from the moment the answer arrived, whether a number or a numeric string', () => {
    expect(expiresAtFor(3600)).toBe(RECEIVED_AT + HOUR);
    expect(expiresAtFor('3600')).toBe(RECEIVED_AT + HOUR);
  });

  it('treats 0 and negative lifetimes as already expired', () => {
    expect(expiresAtFor(0)).toBe(RECEIVED_AT);
    expect(expiresAtFor(-30)).toBe(RECEIVED_AT);
  });

  it('reports an unknown lifetime, never "never", when expires_in is missing, not a number or absurdly long', () => {
    expect(expiresAtFor(undefined)).toBeNull();
    expect(expiresAtFor('soon')).toBeNull();
    expect(expiresAtFor(`1${'0'.repeat(400)}`)).toBeNull();
    expect(expiresAtFor(11 * 365 * 24 * 3600)).toBeNull();
  });

  it('still accepts a lifetime just under ten years', () => {
    expect(expiresAtFor(9 * 365 * 24 * 3600)).toBe(RECEIVED_AT + 9 * 365 * 24 * HOUR);
  });
});

describe('clock skew', () => {
  const envelope = PRESET_PROFILES['oauth-tokens-envelope'];
  const serverAhead = new Date(RECEIVED_AT + 120_000).toUTCString();

  it("is measured from the server's Date header", () => {
    const parsed = parseRenewalResponse(
      oauth2,
      jsonResponse(200, { access_token: 'at-1' }, { date: serverAhead }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', clockSkewMs: 120_000 });
  });

  it('is zero when the Date header is unreadable', () => {
    const parsed = parseRenewalResponse(
      oauth2,
      jsonResponse(200, { access_token: 'at-1' }, { date: 'yesterday' }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', clockSkewMs: 0 });
  });

  it("moves an epoch-seconds expires_at from the server's clock onto the local one", () => {
    const serverExpiry = RECEIVED_AT + 120_000 + HOUR;
    const parsed = parseRenewalResponse(
      envelope,
      jsonResponse(201, { data: { value: 'at-1', expires_at: serverExpiry / 1000 } }, { date: serverAhead }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', expiresAt: RECEIVED_AT + HOUR });
  });

  it("moves a JWT's exp onto the local clock too", () => {
    const accessToken = jwtWith({ exp: (RECEIVED_AT + 120_000 + HOUR) / 1000 });
    const parsed = parseRenewalResponse(
      PRESET_PROFILES['bearer-rotation'],
      jsonResponse(200, { accessToken }, { date: serverAhead }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', expiresAt: RECEIVED_AT + HOUR });
  });
});

describe('other expiry sources', () => {
  it('reads an ISO date and falls back through the sources in order', () => {
    const profile = RenewalProfileSchema.parse({
      request: { body: { encoding: 'json', fields: {} } },
      response: {
        accessToken: 'token',
        expiry: [
          { kind: 'expiresIn', path: 'ttl' },
          { kind: 'isoDate', path: 'valid_until' },
        ],
      },
    });
    const parsed = parseRenewalResponse(
      profile,
      jsonResponse(200, { token: 'at-1', ttl: 'n/a', valid_until: '2025-01-15T13:30:00Z' }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', expiresAt: RECEIVED_AT + 1.5 * HOUR });
  });

  it('gives an unknown expiry, not a crash, when the access token is not a JWT', () => {
    const parsed = parseRenewalResponse(
      PRESET_PROFILES['bearer-rotation'],
      jsonResponse(200, { accessToken: 'opaque' }),
    );
    expect(parsed).toMatchObject({
      kind: 'renewed',
      expiresAt: null,
      refreshToken: null,
      refreshExpiresAt: null,
    });
  });

  it('ignores an expires_at so far ahead that it cannot be a real lifetime', () => {
    const parsed = parseRenewalResponse(
      PRESET_PROFILES['oauth-tokens-envelope'],
      jsonResponse(201, { data: { value: 'at-1', expires_at: (RECEIVED_AT + 20 * YEAR) / 1000 } }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', expiresAt: null });
  });

  it('treats refresh_expires_in 0 as no limit rather than a dead refresh token', () => {
    const parsed = parseRenewalResponse(
      oauth2,
      jsonResponse(200, { access_token: 'at-1', refresh_expires_in: 0, refresh_token_expires_in: 7200 }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', refreshExpiresAt: RECEIVED_AT + 2 * HOUR });
  });
});

describe('malformed success answers', () => {
  const envelope = PRESET_PROFILES['oauth-tokens-envelope'];

  it.each([
    ['an empty body', oauth2, 200, '', /was empty/],
    ['an HTML page', oauth2, 200, '<!doctype html><title>Login</title>', /web page, not JSON/],
    ['broken JSON', oauth2, 200, '{"access_token": ', /not valid JSON/],
    ['a JSON array', oauth2, 200, '[]', /not an object/],
    ['no access token', envelope, 201, { data: { expires_at: 1 } }, /had no access token at data\.value/],
    [
      'a numeric access token',
      oauth2,
      200,
      { access_token: 42 },
      /access token at access_token that is not text/,
    ],
    [
      'an empty access token',
      oauth2,
      200,
      { access_token: '' },
      /access token at access_token that is empty/,
    ],
    ['a token with a line break', oauth2, 200, { access_token: 'a\r\nb' }, /characters a token cannot have/],
    [
      'an empty refresh token',
      oauth2,
      200,
      { access_token: 'a', refresh_token: '' },
      /refresh token at refresh_token/,
    ],
    [
      'an object as refresh token',
      oauth2,
      200,
      { access_token: 'a', refresh_token: {} },
      /refresh token .* not text/,
    ],
  ])('says what was wrong with %s', (_name, profile, status, body, expected) => {
    const parsed = parseRenewalResponse(profile, jsonResponse(status, body));
    expect(parsed).toMatchObject({ kind: 'followUp', reason: 'malformed_response', httpStatus: status });
    expect(parsed.kind === 'followUp' && parsed.message).toMatch(expected);
  });

  it('counts a null refresh token as none sent, so the old one is kept', () => {
    const parsed = parseRenewalResponse(
      oauth2,
      jsonResponse(200, { access_token: 'a', refresh_token: null }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', refreshToken: null });
  });

  it('does not count a 2xx status the profile does not list as success', () => {
    const parsed = parseRenewalResponse(oauth2, jsonResponse(202, { access_token: 'a' }));
    expect(parsed).toMatchObject({ kind: 'followUp', reason: 'malformed_response', httpStatus: 202 });
  });

  it("maps an OAuth error in a 200 answer to the error's follow-up", () => {
    const parsed = parseRenewalResponse(oauth2, jsonResponse(200, { error: 'invalid_grant' }));
    expect(parsed).toMatchObject({ kind: 'followUp', reason: 'invalid_grant', serverError: 'invalid_grant' });
  });
});
