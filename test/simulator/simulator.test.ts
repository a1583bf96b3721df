import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  basicAuth,
  renewBearer,
  renewEnvelope,
  renewOAuth2,
  renewPartnerHeader,
  verifyToken,
} from './renew-requests';
import { startSimulator, type Simulator } from './simulator';

let simulator: Simulator;
let now: number;

beforeEach(async () => {
  now = Date.UTC(2030, 0, 1);
  simulator = await startSimulator({ now: () => now });
});
afterEach(() => simulator.close());

describe('oauth2 (RFC 6749 §6)', () => {
  it('renews with HTTP Basic and answers a no-store token response with a rotated refresh token', async () => {
    const account = simulator.provision('oauth2', { accessLifetimeSec: 120 });
    const response = await renewOAuth2(account);
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Date.parse(response.headers.get('date') ?? '')).toBe(now);
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 120,
      refresh_token: expect.any(String),
      scope: 'read write',
    });
    expect(body.refresh_token === account.refreshToken).toBe(false);
    expect(simulator.isAccessTokenLive(body.access_token)).toBe(true);
    expect(simulator.requestCount(account.key)).toBe(1);
  });

  it('accepts the client credentials in the body as well', async () => {
    const account = simulator.provision('oauth2');
    const response = await renewOAuth2(account, { clientAuth: 'body' });
    expect(response.status).toBe(200);
  });

  it('refuses Basic credentials that were not form-encoded before Base64', async () => {
    const account = simulator.provision('oauth2');
    const raw = Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64');
    const response = await fetch(account.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${raw}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: account.refreshToken ?? '' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await response.json()).error).toBe('invalid_client');
  });

  it('narrows the scope on request and refuses to widen it', async () => {
    const account = simulator.provision('oauth2', { scope: 'read write admin' });
    const narrowed = await (await renewOAuth2(account, { scope: 'read' })).json();
    const widened = await renewOAuth2(account, {
      scope: 'read delete',
      refreshToken: narrowed.refresh_token,
    });

    expect(narrowed.scope).toBe('read');
    expect(widened.status).toBe(400);
    expect((await widened.json()).error).toBe('invalid_scope');
  });

  it('answers the RFC error codes for a wrong grant type and a missing refresh token', async () => {
    const account = simulator.provision('oauth2');
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: basicAuth(account.clientId ?? '', account.clientSecret ?? ''),
    };
    const post = (form: Record<string, string>) =>
      fetch(account.endpoint, { method: 'POST', headers, body: new URLSearchParams(form) });

    const wrongGrant = await post({ grant_type: 'password', refresh_token: 'x' });
    const missingToken = await post({ grant_type: 'refresh_token' });
    expect([wrongGrant.status, (await wrongGrant.json()).error]).toEqual([400, 'unsupported_grant_type']);
    expect([missingToken.status, (await missingToken.json()).error]).toEqual([400, 'invalid_request']);
  });

  it('varies the expiry fields as the account asks', async () => {
    const asString = simulator.provision('oauth2', { expiresInAsString: true, refreshInSec: 40 });
    const withoutExpiry = simulator.provision('oauth2', { omitExpiresIn: true });
    const refreshLifetime = simulator.provision('oauth2', {
      refreshLifetimeSec: 86_400,
      sendRefreshExpiresIn: true,
    });

    const first = await (await renewOAuth2(asString)).json();
    const second = await (await renewOAuth2(withoutExpiry)).json();
    const third = await (await renewOAuth2(refreshLifetime)).json();
    expect([first.expires_in, first.refresh_in]).toEqual(['3600', 40]);
    expect('expires_in' in second).toBe(false);
    expect(third.refresh_expires_in).toBe(86_400);
  });
});

describe('oauth-tokens-envelope', () => {
  it('renews a flat body with 201 and the dialect envelope, keeping the refresh token', async () => {
    const account = simulator.provision('oauth-tokens-envelope', {
      accessLifetimeSec: 600,
      scope: 'patients:view',
    });
    const response = await renewEnvelope(account);
    const body = await response.json();

    expect(response.status).toBe(201);
    expect(body.meta).toEqual({
      code: 201,
      url: `${simulator.url}/oauth/tokens`,
      type: 'object',
      request_id: expect.any(String),
    });
    expect(body.data).toEqual({
      value: expect.any(String),
      user_id: expect.any(String),
      name: 'access_token',
      id: expect.any(String),
      expires_at: now / 1000 + 600,
      details: { scope: 'patients:view', grant_type: 'refresh_token', client_id: account.clientId },
    });
    expect(simulator.isRefreshTokenLive(account.refreshToken ?? '')).toBe(true);
  });

  it('accepts the body wrapped as {"token": {...}}', async () => {
    const account = simulator.provision('oauth-tokens-envelope');
    expect((await renewEnvelope(account, { wrapped: true })).status).toBe(201);
  });

  it('answers 401 for a wrong client secret, 422 for a missing field and invalid_grant for a dead token', async () => {
    const account = simulator.provision('oauth-tokens-envelope');
    const badClient = await renewEnvelope(account, { clientSecret: 'wrong' });
    const missing = await fetch(account.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: account.clientId, client_secret: account.clientSecret }),
    });
    const deadToken = await renewEnvelope(account, { refreshToken: 'not-a-token' });

    expect([badClient.status, (await badClient.json()).error]).toEqual([401, 'invalid_client']);
    expect(missing.status).toBe(422);
    expect([deadToken.status, (await deadToken.json()).error]).toEqual([401, 'invalid_grant']);
  });
});

describe('partner-header', () => {
  it('renews with the partnerId and grantType headers and answers the dialect response', async () => {
    const account = simulator.provision('partner-header');
    const response = await renewPartnerHeader(account);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 3600,
      token_type: 'Bearer',
    });
  });

  it('refuses a partnerId that is not an int32 with 400 invalid_request', async () => {
    const account = simulator.provision('partner-header');
    for (const partnerId of ['abc', '2147483648', '12.5']) {
      const response = await renewPartnerHeader(account, { partnerId });
      expect([response.status, (await response.json()).error]).toEqual([400, 'invalid_request']);
    }
  });

  it('answers the dialect errors for a missing and an invalid refresh token', async () => {
    const account = simulator.provision('partner-header');
    const missing = await renewPartnerHeader(account, { refreshToken: '' });
    const invalid = await renewPartnerHeader(account, { refreshToken: 'unknown' });

    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Missing refresh token.',
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Refresh token has expired or is invalid.',
    });
  });
});

describe('bearer-rotation', () => {
  it('answers {accessToken, refreshToken} with the expiry only in the JWT exp claim', async () => {
    const account = simulator.provision('bearer-rotation', { accessLifetimeSec: 900 });
    const response = await renewBearer(account);
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'refreshToken']);
    expect(jwtClaims(body.accessToken).exp).toBe(now / 1000 + 900);
    expect(body.refreshToken === account.refreshToken).toBe(false);
  });

  it('revokes the previous access token at once', async () => {
    const account = simulator.provision('bearer-rotation');
    const body = await (await renewBearer(account)).json();

    expect((await verifyToken(account, account.accessToken)).status).toBe(401);
    expect((await verifyToken(account, body.accessToken)).status).toBe(200);
    expect(simulator.isAccessTokenLive(account.accessToken)).toBe(false);
  });

  it('needs the Version header and the current access token', async () => {
    const account = simulator.provision('bearer-rotation');
    const noVersion = await renewBearer(account, { version: null });
    const noBearer = await renewBearer(account, { accessToken: null });
    const unknownBearer = await renewBearer(account, { accessToken: 'forged' });

    expect(noVersion.status).toBe(400);
    expect(noBearer.status).toBe(401);
    expect(unknownBearer.status).toBe(401);
    expect(simulator.isRefreshTokenLive(account.refreshToken ?? '')).toBe(true);
  });
});

describe('manual', () => {
  it('issues a new partner token in the portal while the old one works until its own expiry', async () => {
    const account = simulator.provision('manual', { accessLifetimeSec: 60 });
    const renewed = simulator.issuePartnerToken(account.key, 365 * 24 * 3600);

    expect((await verifyToken(account, account.accessToken)).status).toBe(200);
    expect((await verifyToken(account, renewed.token)).status).toBe(200);
    now += 60_000;
    expect((await verifyToken(account, account.accessToken)).status).toBe(401);
    expect((await verifyToken(account, renewed.token)).status).toBe(200);
  });

  it('provisions without a refresh token, valid one year by default', () => {
    const account = simulator.provision('manual');
    expect(account.refreshToken).toBeUndefined();
    expect(account.expiresAt).toBe(now + 365 * 24 * 3600 * 1000);
  });
});

it('verify answers 401 for a token it never issued', async () => {
  const account = simulator.provision('oauth2');
  expect((await verifyToken(account, 'made-up')).status).toBe(401);
});

function jwtClaims(token: string): { exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}
