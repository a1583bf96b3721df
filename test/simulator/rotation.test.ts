import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renewBearer, renewOAuth2, renewPartnerHeader, revokeToken, verifyToken } from './renew-requests';
import { startSimulator, type Simulator } from './simulator';

let simulator: Simulator;
let now: number;

beforeEach(async () => {
  now = Date.UTC(2030, 0, 1);
  simulator = await startSimulator({ now: () => now });
});
afterEach(() => simulator.close());

describe('refresh token rotation with reuse detection', () => {
  it('revokes the whole family when a rotated-away refresh token comes back', async () => {
    const account = simulator.provision('oauth2');
    const renewed = await (await renewOAuth2(account)).json();
    const reuse = await renewOAuth2(account, { refreshToken: account.refreshToken });

    expect([reuse.status, (await reuse.json()).error]).toEqual([400, 'invalid_grant']);
    expect(simulator.familyRevoked(account.key)).toBe(true);
    expect(simulator.isAccessTokenLive(renewed.access_token)).toBe(false);
    expect(simulator.isRefreshTokenLive(renewed.refresh_token)).toBe(false);
    expect((await renewOAuth2(account, { refreshToken: renewed.refresh_token })).status).toBe(400);
  });

  it('accepts one reuse within the grace window, then treats the next as theft', async () => {
    const account = simulator.provision('partner-header', { graceWindowMs: 10_000 });
    await renewPartnerHeader(account);
    now += 5_000;
    const retry = await renewPartnerHeader(account, { refreshToken: account.refreshToken });
    const retried = await retry.json();
    const retriedWorks = simulator.isAccessTokenLive(retried.access_token);
    const revokedAfterRetry = simulator.familyRevoked(account.key);
    const second = await renewPartnerHeader(account, { refreshToken: account.refreshToken });

    expect(retry.status).toBe(200);
    expect(retriedWorks).toBe(true);
    expect(revokedAfterRetry).toBe(false);
    expect(second.status).toBe(400);
    expect(simulator.familyRevoked(account.key)).toBe(true);
  });

  it('treats a reuse after the grace window as theft', async () => {
    const account = simulator.provision('oauth2', { graceWindowMs: 1_000 });
    await renewOAuth2(account);
    now += 1_000;
    expect((await renewOAuth2(account, { refreshToken: account.refreshToken })).status).toBe(400);
    expect(simulator.familyRevoked(account.key)).toBe(true);
  });

  it('lets a non-rotating account use the same refresh token again and again', async () => {
    const account = simulator.provision('oauth2', { rotate: false });
    const first = await (await renewOAuth2(account)).json();
    const second = await renewOAuth2(account);

    expect('refresh_token' in first).toBe(false);
    expect(second.status).toBe(200);
    expect(simulator.familyRevoked(account.key)).toBe(false);
  });

  it('gets the family revoked in bearer-rotation when a client reuses the old pair after renewing', async () => {
    const account = simulator.provision('bearer-rotation');
    const renewed = await (await renewBearer(account)).json();
    const reuse = await renewBearer(account, {
      accessToken: renewed.accessToken,
      refreshToken: account.refreshToken,
    });

    expect(reuse.status).toBe(400);
    expect(simulator.familyRevoked(account.key)).toBe(true);
  });
});

describe('refresh token lifetime', () => {
  it('refuses an expired refresh token with invalid_grant', async () => {
    const account = simulator.provision('oauth2', { refreshLifetimeSec: 60 });
    now += 60_000;
    const response = await renewOAuth2(account);
    expect([response.status, (await response.json()).error]).toEqual([400, 'invalid_grant']);
    expect(simulator.familyRevoked(account.key)).toBe(false);
  });

  it('gives bearer-rotation refresh tokens 30 days, renewed with each rotation', async () => {
    const account = simulator.provision('bearer-rotation', { accessLifetimeSec: 60 });
    now += 29 * 24 * 3600_000;
    const renewed = await (await renewBearer(account)).json();
    now += 29 * 24 * 3600_000;
    const stillAlive = await renewBearer(account, renewed);
    const body = await stillAlive.json();
    now += 30 * 24 * 3600_000;
    const dead = await renewBearer(account, body);

    expect(stillAlive.status).toBe(200);
    expect(dead.status).toBe(400);
  });
});

describe('issued tokens', () => {
  it('are random, long and never repeat', async () => {
    const account = simulator.provision('partner-header');
    const tokens = [account.accessToken, account.refreshToken];
    for (let round = 0; round < 5; round += 1) {
      const body = await (await renewPartnerHeader(account, { refreshToken: tokens.at(-1) })).json();
      tokens.push(body.access_token, body.refresh_token);
    }
    expect(new Set(tokens).size).toBe(12);
    expect(tokens.every((token) => typeof token === 'string' && /^[A-Za-z0-9_-]{43,}$/.test(token))).toBe(
      true,
    );
  });
});

describe('revocation (RFC 7009)', () => {
  it('answers 200 for a token it does not know', async () => {
    const account = simulator.provision('oauth2');
    const response = await revokeToken(account, 'never-issued');
    expect(response.status).toBe(200);
    expect(simulator.revokedCount(account.key)).toBe(0);
  });

  it('revokes the whole family with the refresh token', async () => {
    const account = simulator.provision('oauth-tokens-envelope');
    const response = await revokeToken(account, account.refreshToken ?? '');

    expect(response.status).toBe(200);
    expect(simulator.isRefreshTokenLive(account.refreshToken ?? '')).toBe(false);
    expect((await verifyToken(account, account.accessToken)).status).toBe(401);
    expect(simulator.revokedCount(account.key)).toBe(1);
  });

  it('revokes only the access token when given one', async () => {
    const account = simulator.provision('oauth2');
    await revokeToken(account, account.accessToken);
    expect(simulator.isAccessTokenLive(account.accessToken)).toBe(false);
    expect(simulator.isRefreshTokenLive(account.refreshToken ?? '')).toBe(true);
  });

  it('refuses a client with the wrong secret', async () => {
    const account = simulator.provision('oauth2');
    const response = await revokeToken(account, account.refreshToken ?? '', 'wrong');
    expect(response.status).toBe(401);
    expect(simulator.isRefreshTokenLive(account.refreshToken ?? '')).toBe(true);
  });
});
