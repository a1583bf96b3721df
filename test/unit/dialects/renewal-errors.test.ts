import { describe, expect, it } from 'vitest';
import { classifyHttpFailure, parseRenewalResponse } from '../../../main/core/dialects/parse-response';
import { PRESET_PROFILES } from '../../../main/core/dialects/presets';
import { HttpFailure, type HttpResponse } from '../../../main/core/http/http-client';
import { RECEIVED_AT, jsonResponse } from './fixtures';

const oauth2 = PRESET_PROFILES.oauth2;

describe('error answers', () => {
  it.each([
    [400, 'invalid_grant', 'invalid_grant'],
    [400, 'invalid_client', 'invalid_client'],
    [401, 'invalid_client', 'invalid_client'],
    [400, 'invalid_request', 'invalid_request'],
    [400, 'invalid_scope', 'invalid_request'],
    [400, 'unsupported_grant_type', 'invalid_request'],
  ])('maps HTTP %i with %s to the follow-up %s', (status, code, reason) => {
    const parsed = parseRenewalResponse(oauth2, jsonResponse(status, { error: code }));
    expect(parsed).toEqual({
      kind: 'followUp',
      reason,
      httpStatus: status,
      serverError: code,
      message: expect.stringContaining(`HTTP ${status}, ${code}`),
    });
  });

  it("quotes partner-header's error description, trimmed and safe", () => {
    const parsed = parseRenewalResponse(
      PRESET_PROFILES['partner-header'],
      jsonResponse(400, {
        error: 'invalid_grant',
        error_description: 'Refresh token has expired or is invalid.',
      }),
    );
    expect(parsed.kind === 'followUp' && parsed.message).toBe(
      'The partner refused the refresh token: it has expired, was revoked or was already used ' +
        '(HTTP 400, invalid_grant: Refresh token has expired or is invalid.).',
    );
  });

  it.each([401, 403])('calls HTTP %i without a recognised code unauthorized', (status) => {
    const parsed = parseRenewalResponse(oauth2, jsonResponse(status, 'Forbidden'));
    expect(parsed).toMatchObject({ kind: 'followUp', reason: 'unauthorized', httpStatus: status });
  });

  it.each([400, 404, 410, 422])('calls HTTP %i without a recognised code refused', (status) => {
    expect(parseRenewalResponse(oauth2, jsonResponse(status, { error: 'nope' }))).toMatchObject({
      kind: 'followUp',
      reason: 'refused',
      serverError: 'nope',
    });
  });

  it('treats a redirect as refused and says it is not followed', () => {
    const parsed = parseRenewalResponse(
      oauth2,
      jsonResponse(302, '', { location: 'https://elsewhere.example' }),
    );
    expect(parsed).toMatchObject({ kind: 'followUp', reason: 'refused', httpStatus: 302 });
    expect(parsed.kind === 'followUp' && parsed.message).toMatch(/never follows redirects/);
  });

  it.each([500, 502, 504])('retries HTTP %i as a server error even with an HTML body', (status) => {
    const parsed = parseRenewalResponse(
      oauth2,
      jsonResponse(status, '<html><body>Bad gateway</body></html>'),
    );
    expect(parsed).toMatchObject({ kind: 'retry', reason: 'server_error', httpStatus: status });
  });

  it('retries a 5xx even when its body claims invalid_grant', () => {
    expect(parseRenewalResponse(oauth2, jsonResponse(500, { error: 'invalid_grant' }))).toMatchObject({
      kind: 'retry',
      reason: 'server_error',
    });
  });

  it('retries HTTP 408 as a timeout', () => {
    expect(parseRenewalResponse(oauth2, jsonResponse(408, ''))).toMatchObject({
      kind: 'retry',
      reason: 'timeout',
    });
  });

  it('retries 429 as rate limited, honouring Retry-After in seconds', () => {
    expect(parseRenewalResponse(oauth2, jsonResponse(429, '', { 'retry-after': '120' }))).toEqual({
      kind: 'retry',
      reason: 'rate_limited',
      httpStatus: 429,
      retryAfterMs: 120_000,
      message: expect.stringContaining('HTTP 429'),
    });
  });

  it("reads Retry-After as an HTTP date by the server's clock", () => {
    const headers = {
      date: new Date(RECEIVED_AT + 60_000).toUTCString(),
      'retry-after': new Date(RECEIVED_AT + 60_000 + 90_000).toUTCString(),
    };
    expect(parseRenewalResponse(oauth2, jsonResponse(503, '', headers))).toMatchObject({
      kind: 'retry',
      reason: 'rate_limited',
      retryAfterMs: 90_000,
    });
  });

  it('caps Retry-After at an hour and retries a 503 without one as a server error', () => {
    expect(parseRenewalResponse(oauth2, jsonResponse(429, '', { 'retry-after': '999999' }))).toMatchObject({
      retryAfterMs: 3_600_000,
    });
    const plain = parseRenewalResponse(oauth2, jsonResponse(503, ''));
    expect(plain).toMatchObject({ kind: 'retry', reason: 'server_error', httpStatus: 503 });
    expect(plain).not.toHaveProperty('retryAfterMs');
  });
});

describe('HTTP failures', () => {
  it('retries network failures and timeouts, and calls an oversized answer malformed', () => {
    expect(classifyHttpFailure(new HttpFailure('network', 'host: the connection was refused'))).toMatchObject(
      {
        kind: 'retry',
        reason: 'network',
      },
    );
    expect(classifyHttpFailure(new HttpFailure('timeout', 'slow'))).toMatchObject({
      kind: 'retry',
      reason: 'timeout',
    });
    expect(classifyHttpFailure(new HttpFailure('too_large', 'big'))).toMatchObject({
      kind: 'followUp',
      reason: 'malformed_response',
    });
  });
});

describe('secrets in server answers', () => {
  const SECRET = 'Zx9Qw7Lm3Rt5Yp1Kd8Vb2Nc6';
  const answers: Array<[string, HttpResponse]> = [
    [
      'error description',
      jsonResponse(400, { error: 'invalid_grant', error_description: `token ${SECRET} is revoked` }),
    ],
    ['error code', jsonResponse(400, { error: SECRET })],
    ['unknown code in a 401', jsonResponse(401, { error: `bad-${SECRET}` })],
    ['HTML page', jsonResponse(200, `<html>${SECRET}</html>`)],
    ['broken JSON', jsonResponse(200, `{"access_token":"${SECRET}"`)],
    ['numeric token beside it', jsonResponse(200, { access_token: 7, refresh_token: SECRET })],
    ['bad refresh token', jsonResponse(200, { access_token: SECRET, refresh_token: `${SECRET} x` })],
    ['a 500 body', jsonResponse(500, { error: 'server_error', error_description: SECRET })],
    ['a 404 body', jsonResponse(404, { error_description: `Refresh token ${SECRET}\u0007 unknown` })],
    ['a JWT in the description', jsonResponse(400, { error_description: `bad eyJhbGciOi.${SECRET}.sig` })],
  ];

  it.each(answers)('never repeats a secret-looking value from the %s', (_name, response) => {
    const parsed = parseRenewalResponse(oauth2, response);
    expect(parsed.kind).not.toBe('renewed');
    const shown = JSON.stringify(parsed);
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toMatch(/\\u0007/);
  });

  it('keeps plain prose of a description while hiding the token in it', () => {
    const parsed = parseRenewalResponse(
      oauth2,
      jsonResponse(400, {
        error: 'invalid_grant',
        error_description: `Refresh token ${SECRET} was revoked.`,
      }),
    );
    expect(parsed.kind === 'followUp' && parsed.message).toContain('Refresh token [hidden] was revoked.');
  });

  it('cuts a long description at 200 characters', () => {
    const parsed = parseRenewalResponse(
      oauth2,
      jsonResponse(400, { error: 'invalid_request', error_description: 'word '.repeat(100) }),
    );
    const description = parsed.kind === 'followUp' ? parsed.message.split('invalid_request: ')[1]! : '';
    expect([...description].length).toBeLessThanOrEqual(202);
  });
});
