import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renew, renewOAuth2, revokeToken } from './renew-requests';
import { startSimulator, type Fault, type Simulator } from './simulator';

let simulator: Simulator;

beforeEach(async () => {
  simulator = await startSimulator();
});
afterEach(() => simulator.close());

describe('fault injection', () => {
  it('answers an injected status with its body and headers', async () => {
    const account = simulator.provision('oauth2');
    simulator.inject(account.key, {
      kind: 'status',
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
    });
    const response = await renew(account);

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('Bad Gateway');
  });

  it('sends Retry-After with a 503 and with a rate limit', async () => {
    const account = simulator.provision('partner-header');
    simulator.inject(account.key, { kind: 'status', status: 503, headers: { 'Retry-After': '7' } });
    simulator.inject(account.key, { kind: 'rateLimit', retryAfterSec: 30 });
    const unavailable = await renew(account);
    const limited = await renew(account);

    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '7']);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '30']);
  });

  it('never answers a timed-out request, so a short deadline fires', async () => {
    const account = simulator.provision('oauth2');
    simulator.inject(account.key, { kind: 'timeout' });
    await expect(renew(account, AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(simulator.requestCount(account.key)).toBe(1);
  });

  it('sends the headers of a slow body at once and holds the body back', async () => {
    const account = simulator.provision('oauth2');
    simulator.inject(account.key, { kind: 'slowBody', delayMs: 10_000 });
    const response = await renew(account, AbortSignal.timeout(500));

    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('cuts the connection on a reset, which fetch reports as a network error', async () => {
    const account = simulator.provision('bearer-rotation');
    simulator.inject(account.key, { kind: 'reset' });
    await expect(renew(account)).rejects.toThrow(/fetch failed/);
  });

  it('sends bodies that do not parse or do not fit the dialect', async () => {
    const account = simulator.provision('oauth-tokens-envelope');
    const faults: Fault[] = [
      { kind: 'malformedJson' },
      { kind: 'htmlPage' },
      { kind: 'wrongTypes' },
      { kind: 'missingFields' },
    ];
    for (const fault of faults) simulator.inject(account.key, fault);

    const malformed = await (await renew(account)).text();
    const html = await renew(account);
    const wrongTypes = await (await renew(account)).json();
    const missing = await (await renew(account)).json();

    expect(() => JSON.parse(malformed)).toThrow(SyntaxError);
    expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(typeof wrongTypes.data.value).toBe('number');
    expect(missing.data.value).toBeUndefined();
  });

  it('sends a valid JSON body of exactly the oversized length', async () => {
    const account = simulator.provision('oauth2');
    simulator.inject(account.key, { kind: 'oversized', bytes: 5_000_000 });
    const body = await (await renew(account)).text();

    expect(Buffer.byteLength(body)).toBe(5_000_000);
    expect(JSON.parse(body).token_type).toBe('Bearer');
  });

  it("answers invalid_grant and invalid_client in the dialect's own shape", async () => {
    const account = simulator.provision('partner-header');
    simulator.inject(account.key, { kind: 'invalidGrant' });
    simulator.inject(account.key, { kind: 'invalidClient' });
    const grant = await renew(account);
    const client = await renew(account);

    expect([grant.status, await grant.json()]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Refresh token has expired or is invalid.' },
    ]);
    expect([client.status, (await client.json()).error]).toEqual([401, 'invalid_client']);
  });

  it('applies a fault the given number of times, counts every request and leaves the tokens alone', async () => {
    const account = simulator.provision('oauth2');
    simulator.inject(account.key, { kind: 'status', status: 500 }, 2);
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await renewOAuth2(account)).status);

    expect(statuses).toEqual([500, 500, 200]);
    expect(simulator.requestCount(account.key)).toBe(3);
    expect(simulator.familyRevoked(account.key)).toBe(false);
  });

  it('applies to the revocation endpoint too, so a 503 there can be retried', async () => {
    const account = simulator.provision('oauth2');
    simulator.inject(account.key, { kind: 'status', status: 503 });
    const first = await revokeToken(account, account.refreshToken ?? '');
    const second = await revokeToken(account, account.refreshToken ?? '');

    expect([first.status, second.status]).toEqual([503, 200]);
    expect(simulator.isRefreshTokenLive(account.refreshToken ?? '')).toBe(false);
    expect(simulator.requestCount(account.key)).toBe(0);
  });

  it('holds renewal answers back by the response delay', async () => {
    const account = simulator.provision('oauth2');
    simulator.setResponseDelay(account.key, 250);
    const started = performance.now();
    const response = await renew(account);

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });
});
