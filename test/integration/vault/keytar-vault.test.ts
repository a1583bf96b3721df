import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { forkHelper } from '../../../main/core/vault/helper-process';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { SECRET_KINDS } from '../../../main/core/domain/secret-kinds';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('./fixtures/unreachable-keychain.ts', import.meta.url));

describe('KeytarVault on a real Secret Service', () => {
  const service = `TokenTray-test-${randomUUID()}`;
  const vault = new KeytarVault({ service });
  const connectionId = randomUUID();

  afterEach(async () => {
    for (const account of await vault.listAccounts()) {
      await vault.deleteAll(account.split('/')[0] ?? '');
    }
  });

  it('stores, reads back and deletes a secret', async () => {
    await vault.set(connectionId, 'refreshToken', 'rt-first');
    expect(await vault.get(connectionId, 'refreshToken')).toBe('rt-first');
    expect(await vault.listAccounts()).toEqual([`${connectionId}/refreshToken`]);

    await vault.delete(connectionId, 'refreshToken');
    expect(await vault.get(connectionId, 'refreshToken')).toBeNull();
  });

  it('reads the secrets of the accounts asked for in one call, and only those that exist', async () => {
    const other = randomUUID();
    await vault.set(connectionId, 'refreshToken', 'rt-asked');
    await vault.set(connectionId, 'clientSecret', 'cs-asked');
    await vault.set(other, 'refreshToken', 'rt-not-asked');

    const read = await vault.readAccounts([
      `${connectionId}/refreshToken`,
      `${connectionId}/clientSecret`,
      `${connectionId}/accessToken`,
    ]);

    expect([...read].sort()).toEqual([
      [`${connectionId}/clientSecret`, 'cs-asked'],
      [`${connectionId}/refreshToken`, 'rt-asked'],
    ]);
  });

  it('replaces a secret when it is set again', async () => {
    await vault.set(connectionId, 'accessToken', 'at-old');
    await vault.set(connectionId, 'accessToken', 'at-new');
    expect(await vault.get(connectionId, 'accessToken')).toBe('at-new');
  });

  it('reads null for a secret that was never stored, and deleting it is harmless', async () => {
    expect(await vault.get(connectionId, 'clientSecret')).toBeNull();
    await expect(vault.delete(connectionId, 'clientSecret')).resolves.toBeUndefined();
  });

  it('deleteAll leaves nothing of the connection in the keychain and keeps other connections', async () => {
    const other = randomUUID();
    for (const kind of SECRET_KINDS) await vault.set(connectionId, kind, `${kind}-value`);
    await vault.set(other, 'refreshToken', 'other-rt');

    await vault.deleteAll(connectionId);

    expect(await vault.listAccounts()).toEqual([`${other}/refreshToken`]);
    for (const kind of SECRET_KINDS) expect(await vault.get(connectionId, kind)).toBeNull();
    expect(await vault.get(other, 'refreshToken')).toBe('other-rt');
  });

  it('deletes a connection without listing the keychain, which reads every secret of the service', async () => {
    const asked: string[] = [];
    const counting = new KeytarVault({
      service,
      startHelper: (script) => {
        const helper = forkHelper(script);
        return {
          get pid() {
            return helper.pid;
          },
          send: (message) => {
            asked.push((message as { op: string }).op);
            helper.send(message);
          },
          onMessage: (listener) => helper.onMessage(listener),
          onExit: (listener) => helper.onExit(listener),
          kill: () => helper.kill(),
          hold: (held) => helper.hold(held),
        };
      },
    });
    try {
      await counting.set(connectionId, 'refreshToken', 'rt-gone');
      asked.length = 0;

      await counting.deleteAll(connectionId);

      expect(asked).not.toContain('list');
      expect(await counting.get(connectionId, 'refreshToken')).toBeNull();
    } finally {
      await counting.close();
    }
  });

  it('refuses to store an empty secret and keeps the stored one', async () => {
    await vault.set(connectionId, 'refreshToken', 'rt-kept');
    await expect(vault.set(connectionId, 'refreshToken', '')).rejects.toMatchObject({ code: 'empty_secret' });
    expect(await vault.get(connectionId, 'refreshToken')).toBe('rt-kept');
  });

  it('keeps unicode and 4 KiB secrets intact', async () => {
    const unicode = 'clé-秘密-🔑-Ωmega-\u00e9\u0301';
    const long = 'x'.repeat(2048) + 'y'.repeat(2048);
    await vault.set(connectionId, 'partnerToken', unicode);
    await vault.set(connectionId, 'accessToken', long);
    expect(await vault.get(connectionId, 'partnerToken')).toBe(unicode);
    const readLong = await vault.get(connectionId, 'accessToken');
    expect(readLong?.length).toBe(4096);
    expect(readLong === long).toBe(true);
  });

  it('probe answers true when the keychain works and leaves no probe account behind', async () => {
    expect(await vault.probe()).toBe(true);
    expect(await vault.listAccounts()).toEqual([]);
  });
});

describe('KeytarVault without a reachable keychain', () => {
  it('rejects every call with KeychainUnavailableError and probe answers false', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    delete env.DISPLAY;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', fixture, `TokenTray-test-${randomUUID()}`],
      {
        env,
        timeout: 15_000,
      },
    );
    const report = JSON.parse(stdout) as Record<string, unknown>;
    const unavailable = JSON.stringify({
      code: 'keychain_unavailable',
      name: 'KeychainUnavailableError',
      leaked: false,
    });

    expect(report).toEqual({ set: unavailable, get: unavailable, deleteAll: unavailable, probe: false });
  });
});
