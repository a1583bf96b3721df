import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import type { AppReport, KeychainDownInput } from './keychain-down-protocol';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** The whole scenario; the app processes and the shell have shorter deadlines of their own. */
const SCENARIO_DEADLINE_MS = 50_000;

interface SessionRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the scenario in a D-Bus session of its own with its own gnome-keyring: the keyring the
 * other test workers share is never stopped. The whole process group is killed if it overruns.
 */
function runInPrivateSession(inputPath: string): Promise<SessionRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'dbus-run-session',
      [
        '--config-file',
        join(FIXTURES, 'session.conf'),
        '--',
        'bash',
        join(FIXTURES, 'keychain-down.sh'),
        inputPath,
      ],
      { cwd: REPO_ROOT, detached: true, env: { ...process.env, NODE_BIN: process.execPath } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, SCENARIO_DEADLINE_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

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
  'gnome-keyring stopped mid-run: the app says so, sends no renewal it could not store, and the same process renews everything once the keychain is back',
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

    const run = await runInPrivateSession(inputPath);

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
    // The keyring stops mid-request: the partner's answer cannot be stored, so it is not taken as done.
    expect(down.midFlight).toEqual({ kind: 'retry', reason: 'keychain_unavailable' });
    expect(down.requests.afterMidFlight).toEqual({ busy: 2, idle: 0 });
    // The window says the keychain is gone; what came due since asked the partners nothing.
    expect(down.keychainAvailableAfterDue).toBe(false);
    for (const view of [down.idleAfterDue, down.busyAfterDue]) {
      expect(view).toMatchObject({ status: 'retrying', phase: 'retrying', errorNamesKeychain: true });
      expect(view.nextAttemptAt).not.toBeNull();
    }
    expect(down.manualRenewal).toEqual({ kind: 'retry', reason: 'keychain_unavailable' });
    expect(down.requests.whileDown).toEqual(down.requests.afterMidFlight);

    // The keyring is back and the SAME process reaches it: each connection renews once with the
    // refresh token it had stored (the partner's grace window covers the rotation that could not be
    // stored), the new tokens are in the keychain, and nothing is lost.
    const resumed = down.sameProcessAfterRestart;
    expect(resumed.keychainAvailable).toBe(true);
    for (const name of ['busy', 'idle'] as const) {
      expect(resumed.connections[name]).toMatchObject({
        status: 'healthy',
        phase: 'idle',
        nextAttemptAt: null,
        previousRefreshTokenLeft: false,
        storedAccessTokenLive: true,
      });
      expect(resumed.fingerprintsChanged[name]).toBe(true);
    }
    expect(resumed.requests).toEqual({ busy: 3, idle: 1 });

    // Started again later on the same profile, the app finds exactly that, and the refresh tokens
    // the first process stored after the outage renew again.
    expect(resume.keychainAtStart).toBe(true);
    for (const name of ['busy', 'idle'] as const) {
      expect(resume.connections[name]).toMatchObject({
        status: 'healthy',
        previousRefreshTokenLeft: false,
        storedAccessTokenLive: true,
      });
      expect(resume.fingerprintsKept[name]).toBe(true);
      expect(resume.manualRenewals[name]).toEqual({ kind: 'renewed' });
      expect(simulator.familyRevoked(accounts[name].key)).toBe(false);
    }
    expect(resume.requests).toEqual({ busy: 4, idle: 2 });

    // Nothing the processes printed holds a secret.
    for (const account of Object.values(accounts)) {
      for (const secret of [account.accessToken, account.refreshToken!, account.clientSecret!]) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    }
  },
  SCENARIO_DEADLINE_MS + 10_000,
);
