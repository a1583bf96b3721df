import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILE_LOCK_NAME } from '../../../main/core/store/profile-lock';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { INSTANCE_FILE_NAME } from '../../../main/web-host/instance-file';
import { profileText } from '../../support/profile-on-disk';
import { callApi } from '../../support/raw-http-request';
import { startServe, urlLine } from '../../support/serve-process';
import type { RunningServe } from '../../support/serve-process';

type RunningCli = RunningServe;

let profile: string;
const started: RunningCli[] = [];

beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'tokentray-cli-'));
});

afterEach(() => {
  for (const cli of started.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null && cli.child.pid)
      process.kill(-cli.child.pid, 'SIGKILL');
  }
  rmSync(profile, { recursive: true, force: true });
});

/** The browser host on this test's profile, stopped at the end of the test if still running. */
function startCli(
  extraEnv: NodeJS.ProcessEnv = {},
  keychainService = `TokenTray-test-${randomUUID()}`,
): RunningCli {
  const cli = startServe(profile, keychainService, extraEnv);
  started.push(cli);
  return cli;
}

/** The profile's own files (not a running host's lock or address), each as its bytes. */
function profileFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(profile)) {
    if (name === PROFILE_LOCK_NAME || name === INSTANCE_FILE_NAME) continue;
    files[name] = readFileSync(join(profile, name)).toString('base64');
  }
  return files;
}

function stopCli(cli: RunningCli): Promise<number | null> {
  process.kill(-(cli.child.pid ?? 0), 'SIGTERM');
  return cli.closed;
}

describe('npm run serve (the browser host CLI)', () => {
  it('prints exactly the one URL line, serves the API, and stops cleanly on SIGTERM', async () => {
    const cli = startCli();
    const { port, token } = await urlLine(cli);
    const snapshot = await callApi(port, token, 'getSnapshot', []);
    expect(snapshot.status).toBe(200);
    expect(existsSync(join(profile, PROFILE_LOCK_NAME))).toBe(true);

    process.kill(-(cli.child.pid ?? 0), 'SIGTERM');
    await cli.closed;

    expect(cli.stdout()).toMatch(
      new RegExp(`^TokenTray is running at http://127\\.0\\.0\\.1:${port}/\\?token=${token}\\n$`),
    );
    // A clean stop gives the profile back: the next TokenTray starts at once.
    expect(existsSync(join(profile, PROFILE_LOCK_NAME))).toBe(false);
    expect(cli.stderr()).not.toMatch(/error|exception/i);
  }, 60_000);

  it('refuses a second instance on the same profile with one sentence and its steps, and exits 1', async () => {
    const first = startCli();
    await urlLine(first);

    const second = startCli();
    const code = await second.closed;

    expect(code).toBe(1);
    expect(second.stdout()).toBe('');
    const printed = second.stderr().split('\n');
    // One sentence says why; the steps to take follow it, each on its own line.
    const lines = printed.filter((line) => line.includes('TokenTray') && !line.startsWith('  - '));
    expect(lines).toHaveLength(1);
    expect(printed.filter((line) => line.startsWith('  - ')).length).toBeGreaterThan(0);
    const [prefix, rest] = (lines[0] ?? '').split(`(${profile}). `);
    expect(prefix).toBe('Another TokenTray is already using this profile ');
    expect(rest).toMatch(/^TokenTray process \d+ on this computer still runs\.$/);
    process.kill(-(first.child.pid ?? 0), 'SIGTERM');
    await first.closed;
  }, 60_000);

  it('starts without a reachable keychain locked, says why and what to do, and stores no secret', async () => {
    const cli = startCli({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', DISPLAY: '' });
    const { port, token } = await urlLine(cli);
    const snapshot = await callApi(port, token, 'getSnapshot', []);
    const partner = await callApi(port, token, 'addPartner', [{ name: 'Acme' }]);
    const partnerId = (JSON.parse(partner.body) as { result: { id: string } }).result.id;
    const connection = await callApi(port, token, 'addConnection', [
      { partnerId, label: 'Portal token', dialect: 'manual' },
      { partnerToken: 'portal-token-value-1' },
    ]);

    expect(JSON.parse(snapshot.body)).toMatchObject({
      result: { keychainAvailable: false, secretsLock: { reason: 'keychain_unavailable' } },
    });
    expect(cli.stderr()).toMatch(/locked: .*keychain could not be reached/);
    expect(cli.stderr()).toContain('Secret Service');
    expect(connection.status).toBe(423);
    expect(JSON.parse(connection.body)).toMatchObject({ error: { code: 'secrets_locked' } });
    process.kill(-(cli.child.pid ?? 0), 'SIGTERM');
    await cli.closed;
    // Metadata only, and not even that for the refused connection.
    const stored = profileText(profile);
    expect(stored).not.toContain('portal-token-value-1');
    expect(stored).not.toContain('Portal token');
  }, 60_000);

  it('starts on a profile whose data key left the keychain locked, prints the reason and the steps, and changes nothing', async () => {
    const service = `TokenTray-test-${randomUUID()}`;
    const keychain = new KeytarVault({ service });
    try {
      const first = startCli({}, service);
      const made = await urlLine(first);
      const partner = await callApi(made.port, made.token, 'addPartner', [{ name: 'Acme' }]);
      const partnerId = (JSON.parse(partner.body) as { result: { id: string } }).result.id;
      const added = await callApi(made.port, made.token, 'addConnection', [
        { partnerId, label: 'Portal token', dialect: 'manual' },
        { partnerToken: 'portal-token-value-2' },
      ]);
      const connectionId = (JSON.parse(added.body) as { result: { id: string } }).result.id;
      await stopCli(first);
      // The keychain was reset: the data key is gone, the sealed token stays in the profile.
      for (const account of await keychain.listAccounts()) await keychain.deleteItem(account);
      const before = profileFiles();

      const locked = startCli({}, service);
      const { port, token } = await urlLine(locked);
      const snapshot = await callApi(port, token, 'getSnapshot', []);
      const renew = await callApi(port, token, 'renewNow', [connectionId]);
      await stopCli(locked);

      const printed = locked.stderr().split('\n');
      expect(printed[0]).toBe(
        "TokenTray is locked: The system keychain no longer holds this profile's data key: the keychain was reset or replaced, or the profile came from another computer.",
      );
      const steps = printed.filter((line) => line.startsWith('  - '));
      expect(steps.join('\n')).toMatch(/restore the keychain/);
      expect(steps.join('\n')).toMatch(/choose "Start over"/);
      expect(steps.join('\n')).toMatch(/nothing renews and nothing stored is changed or overwritten/);
      expect(JSON.parse(snapshot.body)).toMatchObject({
        result: { keychainAvailable: true, secretsLock: { reason: 'key_missing' } },
      });
      expect(renew.status).toBe(423);
      expect(JSON.parse(renew.body)).toMatchObject({ error: { code: 'secrets_locked' } });
      // Nothing written while locked, and no new key put in the keychain behind the person's back.
      expect(profileFiles()).toEqual(before);
      expect(await keychain.listAccounts()).toEqual([]);
      expect(locked.stderr()).not.toContain('portal-token-value-2');
    } finally {
      for (const account of await keychain.listAccounts()) await keychain.deleteItem(account);
      await keychain.close();
    }
  }, 90_000);
});
