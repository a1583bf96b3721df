import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renew } from './renew-requests';
import { startSimulator, type Provisioned, type Simulator } from './simulator';

let simulator: Simulator;

beforeEach(async () => {
  simulator = await startSimulator();
});
afterEach(() => simulator.close());

describe('control plane', () => {
  it('provisions an account that renews, and reports its stats', async () => {
    const account = await provisionOver(simulator.url, 'partner-header', { accessLifetimeSec: 2 });
    const renewal = await renew(account);
    const stats = await (await fetch(`${simulator.url}/_sim/stats/${account.key}`)).json();

    expect(account.expiresAt - Date.now()).toBeLessThanOrEqual(2_000);
    expect(renewal.status).toBe(200);
    expect(stats).toEqual({ requestCount: 1, familyRevoked: false, revokedCount: 0 });
  });

  it('injects faults for the next requests', async () => {
    const account = simulator.provision('oauth2');
    const injected = await post(simulator.url, 'inject', {
      key: account.key,
      fault: { kind: 'rateLimit' },
      times: 2,
    });
    const statuses = [
      (await renew(account)).status,
      (await renew(account)).status,
      (await renew(account)).status,
    ];

    expect(injected.status).toBe(204);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('issues manual partner tokens and tells whether a token is live', async () => {
    const account = simulator.provision('manual');
    const issued = await (
      await post(simulator.url, 'partner-token', { key: account.key, lifetimeSec: 60 })
    ).json();
    const status = await (await post(simulator.url, 'token-status', { token: issued.token })).json();

    expect(issued.expiresAt).toBeGreaterThan(Date.now());
    expect(status).toEqual({ accessLive: true, refreshLive: false });
  });

  it('sets a response delay for an account', async () => {
    const account = simulator.provision('oauth2');
    const response = await post(simulator.url, 'response-delay', { key: account.key, ms: 5_000 });
    expect(response.status).toBe(204);
    await expect(renew(account, AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('answers 404 for an unknown account, 400 for a malformed fault and 403 to a browser', async () => {
    const unknown = await fetch(`${simulator.url}/_sim/stats/nobody`);
    const malformed = await post(simulator.url, 'inject', { key: 'nobody', fault: { kind: 'meteor' } });
    const browser = await fetch(`${simulator.url}/_sim/provision`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ dialect: 'oauth2' }),
    });

    expect([unknown.status, malformed.status, browser.status]).toEqual([404, 400, 403]);
  });
});

describe('standalone simulator', () => {
  it('prints its address, serves the control plane to another process and stops on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [firstLine] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const url = /^Partner simulator at (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)?.[1] ?? '';

    const account = await provisionOver(url, 'oauth2');
    const renewal = await renew(account);
    child.kill('SIGTERM');
    const [exitCode] = await once(child, 'exit');

    expect(url).not.toBe('');
    expect(renewal.status).toBe(200);
    expect(exitCode).toBe(0);
  });
});

function post(url: string, route: string, body: unknown): Promise<Response> {
  return fetch(`${url}/_sim/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function provisionOver(url: string, dialect: string, options?: object): Promise<Provisioned> {
  const response = await post(url, 'provision', { dialect, options });
  if (response.status !== 200) throw new Error(`provision answered ${response.status}`);
  return (await response.json()) as Provisioned;
}
