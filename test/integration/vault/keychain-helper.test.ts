import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainUnavailableError } from '../../../main/core/domain/errors';
import { CALL_TIMEOUT_MS, KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { SecretKind } from '../../../main/core/domain/secret-kinds';
import { FakeClock } from '../../support/fake-clock';

const run = promisify(execFile);
const parentFixture = fileURLToPath(new URL('./fixtures/helper-parent.ts', import.meta.url));

/** Alive and not a zombie waiting to be reaped (a container's init may never reap it). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The helper outlives its app by a moment at most; it is another process, so it is polled, with a deadline. */
async function untilGone(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 200 && isRunning(pid); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return !isRunning(pid);
}

function helperPidOf(vault: KeytarVault): number {
  const pid = vault.helperPid;
  if (pid === undefined) throw new Error('no keychain helper is running');
  return pid;
}

const vaults: KeytarVault[] = [];
function openVault(clock?: FakeClock): KeytarVault {
  const vault = new KeytarVault({ service: `TokenTray-test-${randomUUID()}`, clock });
  vaults.push(vault);
  return vault;
}

afterEach(async () => {
  for (const vault of vaults.splice(0)) {
    for (const account of await vault.listAccounts()) {
      const [connectionId, kind] = account.split('/') as [string, SecretKind];
      await vault.delete(connectionId, kind);
    }
    await vault.close();
  }
});

describe('the keychain helper', () => {
  it('serves many calls at once from one long-lived process', async () => {
    const vault = openVault();
    const ids = Array.from({ length: 40 }, () => randomUUID());
    await vault.probe();
    const pid = helperPidOf(vault);

    await Promise.all(ids.map((id) => vault.set(id, 'accessToken', `at-${id}`)));
    const read = await Promise.all(ids.map((id) => vault.get(id, 'accessToken')));

    expect(read).toEqual(ids.map((id) => `at-${id}`));
    expect(vault.helperPid).toBe(pid);
  });

  it('is replaced after it is killed, and the next call works', async () => {
    const vault = openVault();
    await vault.set('connection-1', 'refreshToken', 'rt-kept');
    const killed = helperPidOf(vault);

    process.kill(killed, 'SIGKILL');
    const read = await vault.get('connection-1', 'refreshToken');

    expect(read).toBe('rt-kept');
    expect(helperPidOf(vault)).not.toBe(killed);
    expect(isRunning(killed)).toBe(false);
  });

  it('a call the helper was killed under is asked again of a fresh one', async () => {
    const vault = openVault();
    await vault.set('connection-1', 'refreshToken', 'rt-kept');
    const killed = helperPidOf(vault);

    const reading = vault.get('connection-1', 'refreshToken');
    process.kill(killed, 'SIGKILL');

    expect(await reading).toBe('rt-kept');
    expect(helperPidOf(vault)).not.toBe(killed);
  });

  it('a helper that stops answering times out with KeychainUnavailableError, and the next call gets a fresh one', async () => {
    const clock = new FakeClock(Date.now());
    const vault = openVault(clock);
    const secret = `rt-${randomUUID()}`;
    await vault.set('connection-1', 'refreshToken', 'rt-kept');
    const hung = helperPidOf(vault);
    process.kill(hung, 'SIGSTOP');

    let settled = false;
    const writing = vault.set('connection-1', 'refreshToken', secret).finally(() => (settled = true));
    const failure = writing.catch((error: unknown) => error);
    await clock.advanceAsync(CALL_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await clock.advanceAsync(1);

    const error = await failure;
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toMatch(/did not answer in time/);
    expect((error as Error).message).not.toContain(secret);
    expect(await untilGone(hung)).toBe(true);
    // The stopped helper never wrote the new secret; a fresh one reads what the keychain holds.
    expect(await vault.get('connection-1', 'refreshToken')).toBe('rt-kept');
    expect(helperPidOf(vault)).not.toBe(hung);
  });

  it('gets secrets only over its IPC channel: never in its arguments or environment', async () => {
    const vault = openVault();
    const secret = `rt-${randomUUID()}`;
    await vault.set('connection-1', 'refreshToken', secret);
    const pid = helperPidOf(vault);

    const seen = readFileSync(`/proc/${pid}/cmdline`, 'utf8') + readFileSync(`/proc/${pid}/environ`, 'utf8');

    expect(seen).toContain('keychain-helper.mjs');
    expect(seen).not.toContain(secret);
  });

  it('is gone once close() resolves, and a later call starts another', async () => {
    const vault = openVault();
    await vault.get('connection-1', 'refreshToken');
    const closed = helperPidOf(vault);

    await vault.close();

    expect(isRunning(closed)).toBe(false);
    expect(vault.helperPid).toBeUndefined();
    await vault.set('connection-1', 'refreshToken', 'rt-after-close');
    expect(helperPidOf(vault)).not.toBe(closed);
  });

  it('does not keep its app running, and ends with it', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', parentFixture, `TokenTray-test-${randomUUID()}`, 'exit'],
      { timeout: 15_000 },
    );
    const pid = Number(stdout.trim());

    expect(pid).toBeGreaterThan(0);
    expect(await untilGone(pid)).toBe(true);
  });

  it('close() resolves in an app that has nothing else to do, with the helper gone', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', parentFixture, `TokenTray-test-${randomUUID()}`, 'close'],
      { timeout: 15_000 },
    );
    const [pid, closed] = stdout.trim().split('\n');

    expect(closed).toBe('closed');
    expect(isRunning(Number(pid))).toBe(false);
  });

  it('ends when its app is killed outright', async () => {
    const app = spawn(
      process.execPath,
      ['--import', 'tsx', parentFixture, `TokenTray-test-${randomUUID()}`, 'wait'],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const pid = await new Promise<number>((resolve, reject) => {
      app.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      app.once('exit', () => reject(new Error('the app ended before its helper started')));
    });
    expect(isRunning(pid)).toBe(true);

    app.kill('SIGKILL');

    expect(await untilGone(pid)).toBe(true);
  });
});
