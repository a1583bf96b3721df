import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { EXIT } from '../../../main/cli/exit-codes';
import { KEYCHAIN_AWAY_WHILE_RUNNING } from '../../../main/core/domain/guidance';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { runInPrivateSession } from './private-session';
import type { StatusCommandInput, StatusCommandReport } from './status-command-protocol';

const STATUS_COMMAND_SCRIPT = fileURLToPath(new URL('./fixtures/status-command.sh', import.meta.url));
/** The whole scenario; the app process has a shorter deadline of its own. */
const SCENARIO_DEADLINE_MS = 50_000;

let simulator: Simulator;
let profileDirectory: string;
beforeAll(() => {
  // The command as shipped: bundled to plain JavaScript.
  execFileSync('npm', ['run', '--silent', 'build:cli']);
}, 60_000);
beforeEach(async () => {
  simulator = await startSimulator();
  profileDirectory = await mkdtemp(join(tmpdir(), 'tokentray-status-keychain-down-'));
});
afterEach(async () => {
  await simulator.close();
  await rm(profileDirectory, { recursive: true, force: true });
});

it(
  'tokentray status, once the running instance met a stopped gnome-keyring, says what the window says (renewals go on, key operations are refused), not "locked", and token still answers',
  async () => {
    const account = simulator.provision('oauth2', { accessLifetimeSec: 3600 });
    const input: StatusCommandInput = {
      account,
      profileDirectory,
      keychainService: `TokenTray-test-${randomUUID()}`,
    };
    const inputPath = join(profileDirectory, 'input.json');
    await writeFile(inputPath, JSON.stringify(input), { mode: 0o600 });

    const run = await runInPrivateSession(STATUS_COMMAND_SCRIPT, [inputPath], SCENARIO_DEADLINE_MS);

    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const line = run.stdout.split('\n').find((text) => text.startsWith('{'));
    if (!line) throw new Error(`no report: ${run.stdout.slice(0, 500)}`);
    const report = JSON.parse(line) as StatusCommandReport;

    expect(report.before.code).toBe(EXIT.ok);
    expect(report.before.stdout).not.toContain(KEYCHAIN_AWAY_WHILE_RUNNING.title);
    expect(report.rotationRefused).toBe(true);

    expect(report.after.code).toBe(EXIT.keychainAway);
    expect(report.after.stdout).toContain(KEYCHAIN_AWAY_WHILE_RUNNING.title);
    expect(report.after.stdout).toContain(KEYCHAIN_AWAY_WHILE_RUNNING.effect);
    expect(report.after.stdout).toContain(KEYCHAIN_AWAY_WHILE_RUNNING.refused);
    expect(report.after.stdout).not.toMatch(/locked/i);
    const json = JSON.parse(report.afterJson.stdout) as { keychainAvailable: boolean; locked: string | null };
    expect(report.afterJson.code).toBe(EXIT.keychainAway);
    expect(json).toMatchObject({ keychainAvailable: false, locked: null });

    // The token is read with the data key in memory.
    expect(report.token).toMatchObject({ code: EXIT.ok, storedToken: true });

    for (const secret of [account.accessToken, account.refreshToken!, account.clientSecret!]) {
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  },
  SCENARIO_DEADLINE_MS + 10_000,
);
