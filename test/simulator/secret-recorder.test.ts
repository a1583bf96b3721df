import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renewBearer, renewOAuth2 } from './renew-requests';
import { startSimulator, type Simulator } from './simulator';

let dir: string;
let simulator: Simulator;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokentray-sim-secrets-'));
});
afterEach(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

const recorded = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean);

describe('the opt-in secret recorder', () => {
  it('records every client secret, access token and refresh token the simulator hands out', async () => {
    const file = join(dir, 'secrets.txt');
    simulator = await startSimulator({ recordSecretsTo: file });
    const oauth2 = simulator.provision('oauth2');
    const bearer = simulator.provision('bearer-rotation');
    const renewed = await (await renewOAuth2(oauth2)).json();
    const rotated = await (await renewBearer(bearer)).json();

    const secrets = await recorded(file);
    const issued = [
      oauth2.clientSecret,
      oauth2.accessToken,
      oauth2.refreshToken,
      bearer.accessToken,
      bearer.refreshToken,
      renewed.access_token,
      renewed.refresh_token,
      rotated.accessToken,
      rotated.refreshToken,
    ];
    for (const secret of issued) expect(secret && secrets.includes(secret)).toBe(true);
    expect(secrets).toHaveLength(new Set(secrets).size);
  });

  it('writes nothing unless asked to', async () => {
    simulator = await startSimulator();
    simulator.provision('oauth2');
    await expect(readFile(join(dir, 'secrets.txt'), 'utf8')).rejects.toThrow();
  });
});
