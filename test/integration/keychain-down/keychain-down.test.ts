import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import type { AppReport, KeychainDownInput } from './keychain-down-protocol';
import { runInPrivateSession } from './private-session';

const KEYCHAIN_DOWN_SCRIPT = fileURLToPath(new URL('./fixtures/keychain-down.sh', import.meta.url));
/** The whole scenario; the app processes and the shell have shorter deadlines of their own. */
const SCENARIO_DEADLINE_MS = 50_000;

let simulator: Simulator;
let profileDirectory: string;
beforeEach(async () => {
  simulator = await startSimulator();
  profileDirectory = await mkdtemp(join(tmpdir(), 'tokentray-keychain-down-'));
});
afterEach(async () => {
  await simulator.close();
  await rm(profileDirectory, { recursive: true, force: true });
});

it(
  'gnome-keyring stopped mid-run: renewals go on with the data key in memory; a start without it is locked and renews nothing; the next start with it finds every token',
  async () => {
    // The grace window lets a refresh token through once more after a rotation the app could not store.
    const options = { rotate: true, accessLifetimeSec: 3600, graceWindowMs: 10 * 60_000 };
    const accounts = {
      busy: simulator.provision('oauth2', options),
      idle: simulator.provision('oauth2', options),
    };
    const input: KeychainDownInput = {
      simulatorUrl: simulator.url,
      accounts,
      profileDirectory,
      keychainService: `TokenTray-test-${randomUUID()}`,
      startAt: Date.now(),
    };
    const inputPath = join(profileDirectory, 'input.json');
    await writeFile(inputPath, JSON.stringify(input), { mode: 0o600 });

    const run = await runInPrivateSession(KEYCHAIN_DOWN_SCRIPT, [inputPath], SCENARIO_DEADLINE_MS);

    const reports = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as AppReport);
    expect(reports.filter((r) => r.phase === 'error')).toEqual([]);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const down = reports.find((r) => r.phase === 'down');
    const resume = reports.find((r) => r.phase === 'resume');
    if (down?.phase !== 'down' || resume?.phase !== 'resume') {
      throw new Error(`missing reports: ${run.stdout.slice(0, 500)}`);
    }

    // Before: a working keychain and a normal renewal.
    expect(down.keychainAtStart).toBe(true);
    expect(down.firstRenewal).toEqual({ kind: 'renewed' });
    expect(down.requests.beforeOutage).toEqual({ busy: 1, idle: 0 });
    // The keyring stops mid-request: the key is in memory, so the answer is stored like any other.
    expect(down.midFlight).toEqual({ kind: 'renewed' });
    expect(down.idleAfterDue).toMatchObject({ status: 'healthy', phase: 'idle', errorNamesKeychain: false });
    // The core asks the keychain every few minutes: the window shows it gone before anyone needs it.
    expect(down.keychainShownAwayUnasked).toBe(true);
    expect(down.manualRenewal).toEqual({ kind: 'renewed' });
    // Copy and verify work on the token sealed in the profile, with the key in memory.
    expect(down.copy).toEqual({ ok: true, sameToken: true, tokenLive: true });
    expect(down.verify).toEqual({ ok: true });
    // A rotation needs the keychain to store its new key: refused, saying so, and renewals still go on.
    expect(down.rotate).toEqual({
      ok: false,
      code: 'keychain_unavailable',
      namesOperation: true,
      namesKeychain: true,
      saysRenewalsGoOn: true,
    });
    expect(down.keychainShownAway).toBe(true);
    expect(down.renewalAfterRotate).toEqual({ kind: 'renewed' });
    // Everything that came due renewed (the busy connection too, its lifetime as short as the idle one's).
    expect(down.requests.whileDown.idle).toBe(2);
    expect(down.requests.whileDown.busy).toBeGreaterThanOrEqual(2);
    for (const name of ['busy', 'idle'] as const) {
      expect(down.connections[name]).toMatchObject({
        status: 'healthy',
        previousRefreshTokenLeft: false,
        storedAccessTokenLive: true,
      });
    }

    // Started without the keyring: locked, saying why; six hours later it has still asked nobody.
    expect(down.locked.reason).toBe('keychain_unavailable');
    expect(down.locked.renewal).toBe('secrets_locked');
    // "Start over" stores a new data key: with no keychain it is refused, saying so, and the profile stays locked.
    expect(down.locked.startOver).toMatchObject({
      ok: false,
      code: 'keychain_unavailable',
      namesOperation: true,
      namesKeychain: true,
    });
    expect(down.locked.reasonAfterStartOver).toBe('keychain_unavailable');
    expect(down.requests.whileLocked).toEqual(down.requests.whileDown);

    // Started again with the keyring: the tokens the first process stored are there and renew.
    expect(resume.keychainAtStart).toBe(true);
    for (const name of ['busy', 'idle'] as const) {
      expect(resume.connections[name]).toMatchObject({
        previousRefreshTokenLeft: false,
        storedAccessTokenLive: true,
      });
      expect(resume.manualRenewals[name]).toEqual({ kind: 'renewed' });
      expect(simulator.familyRevoked(accounts[name].key)).toBe(false);
    }
    expect(resume.requests.busy).toBeGreaterThanOrEqual(3);
    expect(resume.requests.idle).toBeGreaterThanOrEqual(3);

    // Nothing the processes printed holds a secret.
    for (const account of Object.values(accounts)) {
      for (const secret of [account.accessToken, account.refreshToken!, account.clientSecret!]) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    }
  },
  SCENARIO_DEADLINE_MS + 10_000,
);
