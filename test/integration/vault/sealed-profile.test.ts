import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../../main/core/api/core-api';
import { KeychainUnavailableError, TokenTrayError } from '../../../main/core/domain';
import { dataKeyAccount } from '../../../main/core/vault/data-key';
import { ClipboardGuard } from '../../../main/electron/clipboard-guard';
import { FakeClock } from '../../support/fake-clock';
import type { Keychain } from '../../../main/core/vault/secret-vault';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { CountingKeychain } from '../../support/counting-keychain';
import { profileOnDisk } from '../../support/profile-on-disk';

let harness: CoreHarness;
afterEach(async () => {
  await harness.close();
});

function errorCode(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: unknown) => (error instanceof TokenTrayError ? error.code : String(error)),
  );
}

describe('secrets sealed in the profile', () => {
  it('a 16 KiB access token and a 4 KiB refresh token are stored, renewed, copied and read after a restart whole', async () => {
    harness = await startCoreHarness();
    const tokenLength = { access: 16 * 1024, refresh: 4 * 1024 };
    const { provisioned, connection } = await harness.connect('oauth2', { rotate: true, tokenLength });
    expect(provisioned.accessToken).toHaveLength(16 * 1024);
    expect(await harness.vault.get(connection.id, 'accessToken')).toBe(provisioned.accessToken);

    expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');
    const access = await harness.vault.get(connection.id, 'accessToken');
    const refresh = await harness.vault.get(connection.id, 'refreshToken');
    expect(access).toHaveLength(16 * 1024);
    expect(refresh).toHaveLength(4 * 1024);
    expect(harness.simulator.isAccessTokenLive(access!)).toBe(true);
    expect(harness.simulator.isRefreshTokenLive(refresh!)).toBe(true);
    const copied = await createCoreApi(harness.core, { kind: 'browser' }).copyToken(connection.id);
    expect(copied.token).toBe(access);
    // The desktop app's path: main writes the clipboard through its guard; the window gets no token.
    let clipboard = '';
    const guard = new ClipboardGuard(
      {
        readText: async () => clipboard,
        writeText: async (text) => void (clipboard = text),
        clear: () => void (clipboard = ''),
      },
      new FakeClock(Date.now()),
    );
    const desktop = createCoreApi(harness.core, {
      kind: 'electron',
      copyToClipboard: (token, seconds) => guard.copy(token, seconds),
    });
    expect((await desktop.copyToken(connection.id)).token).toBeUndefined();
    expect(clipboard).toBe(access);

    await harness.restart();
    expect(await harness.vault.get(connection.id, 'accessToken')).toBe(access);
    expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');
  });

  it('renewing, copying, verifying and revoking make no keychain call; the keychain holds one item, the data key', async () => {
    let keychain!: CountingKeychain;
    harness = await startCoreHarness({ wrapKeychain: (real) => (keychain = new CountingKeychain(real)) });
    const { connection } = await harness.connect('oauth2', { rotate: true });
    const api = createCoreApi(harness.core, { kind: 'browser' });
    keychain.calls.length = 0;

    for (let i = 0; i < 3; i++) expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');
    await api.copyToken(connection.id);
    expect((await api.verifyToken(connection.id)).ok).toBe(true);
    await api.revokeAllTokens(connection.partnerId);
    await harness.core.idle();

    expect(keychain.calls).toEqual([]);
    const sealing = profileOnDisk(harness.directory).sealing!;
    expect(await harness.keychain.listAccounts()).toEqual([dataKeyAccount(sealing.profileId, 1)]);
  });

  it('with the keychain reset between runs the profile is locked and nothing is overwritten; starting over asks every connection for its credentials', async () => {
    harness = await startCoreHarness();
    const first = await harness.connect('oauth2', { rotate: true });
    const second = await harness.connect('oauth-tokens-envelope');
    await harness.core.stop();
    for (const account of await harness.keychain.listAccounts()) await harness.keychain.deleteItem(account);
    const before = profileOnDisk(harness.directory);

    const core = await harness.restart();
    expect(core.secretsLock()?.reason).toBe('key_missing');
    expect(core.snapshot().secretsLock?.guidance.join(' ')).toMatch(/Start over/);
    // No row goes on saying "healthy" while nothing can renew.
    const lockedViews = core.snapshot().partners.flatMap((p) => p.connections);
    expect(lockedViews.map((view) => view.status)).toEqual(['paused', 'paused']);
    expect(await errorCode(core.renewNow(first.connection.id))).toBe('secrets_locked');
    expect(await errorCode(core.admin.removeConnection(second.connection.id))).toBe('secrets_locked');
    const partner = core.admin.addPartner({ name: 'Late partner' });
    expect(
      await errorCode(
        core.admin.addConnection(
          { partnerId: partner.id, label: 'Portal', dialect: 'manual' },
          { partnerToken: 'portal-token-while-locked' },
        ),
      ),
    ).toBe('secrets_locked');
    await core.idle();
    // Nothing renewed, no secret replaced, no new key written behind the person's back.
    expect(harness.simulator.requestCount(first.provisioned.key)).toBe(0);
    expect(profileOnDisk(harness.directory).secrets).toEqual(before.secrets);
    expect(profileOnDisk(harness.directory).sealing).toEqual(before.sealing);
    expect(await harness.keychain.listAccounts()).toEqual([]);

    // Still locked after another restart, until the person chooses to start over.
    const again = await harness.restart();
    expect(again.secretsLock()?.reason).toBe('key_missing');
    await createCoreApi(again, { kind: 'browser' }).startOver();

    expect(again.secretsLock()).toBeNull();
    expect(again.snapshot().secretsLock).toBeNull();
    const views = again.snapshot().partners.flatMap((p) => p.connections);
    expect(views.map((view) => view.followUp?.reason)).toEqual(['needs_credentials', 'needs_credentials']);
    expect(views.every((view) => view.status === 'needsAction')).toBe(true);
    expect(await harness.vault.listAccounts()).toEqual([]);
    expect(again.history().map((entry) => entry.action)).toContain('startedOver');

    // New credentials for one connection: it renews under the new key, and after a restart too.
    const { provisioned, connection } = first;
    await again.admin.updateConnection(connection.id, connection, {
      clientSecret: provisioned.clientSecret,
      refreshToken: provisioned.refreshToken,
    });
    expect((await again.renewNow(connection.id)).kind).toBe('renewed');
    const restarted = await harness.restart();
    expect(restarted.secretsLock()).toBeNull();
    expect((await restarted.renewNow(connection.id)).kind).toBe('renewed');
  });

  it('a keychain key that does not open the profile locks it, and starting over is not offered while it opens', async () => {
    harness = await startCoreHarness();
    const { connection } = await harness.connect('oauth2');
    expect(await errorCode(harness.core.startOver())).toBe('not_locked');
    await harness.core.stop();
    const [account] = await harness.keychain.listAccounts();
    await harness.keychain.writeItem(account!, randomBytes(32).toString('base64'));

    const core = await harness.restart();
    expect(core.secretsLock()?.reason).toBe('key_mismatch');
    expect(await errorCode(core.renewNow(connection.id))).toBe('secrets_locked');
    expect(core.snapshot().secretsLock?.message).toMatch(/does not open/);
  });

  it('a profile locked because the keychain was out of reach at start-up is not started over once it is back: its key stays, and a restart opens it', async () => {
    let away = false;
    // The real keychain, answering nothing while `away`: gnome-keyring stopped, then started again.
    const awayWhile = (real: Keychain): Keychain =>
      new Proxy(real, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) =>
            away
              ? property === 'probe'
                ? Promise.resolve(false)
                : Promise.reject(new KeychainUnavailableError('stopped for the test'))
              : (value as (...a: unknown[]) => unknown).apply(target, args);
        },
      });
    harness = await startCoreHarness({ wrapKeychain: awayWhile });
    const { connection } = await harness.connect('oauth2', { rotate: true });
    const refreshToken = await harness.vault.get(connection.id, 'refreshToken');
    await harness.core.stop();
    const before = profileOnDisk(harness.directory);
    const keyItems = await harness.keychain.listAccounts();
    away = true;
    const core = await harness.restart();
    expect(core.secretsLock()?.reason).toBe('keychain_unavailable');
    away = false;

    const refused = await createCoreApi(core, { kind: 'browser' })
      .startOver()
      .then(
        () => null,
        (error: unknown) => error as TokenTrayError,
      );

    expect(refused?.code).toBe('keychain_unavailable');
    expect(refused?.message).toMatch(/could not start over.*not lost/);
    expect(refused?.guidance.join(' ')).toMatch(/Restart TokenTray/);
    expect(core.secretsLock()?.reason).toBe('keychain_unavailable');
    expect(await harness.keychain.listAccounts()).toEqual(keyItems);
    expect(profileOnDisk(harness.directory).secrets).toEqual(before.secrets);
    const reopened = await harness.restart();
    expect(reopened.secretsLock()).toBeNull();
    expect(await harness.vault.get(connection.id, 'refreshToken')).toBe(refreshToken);
    expect((await reopened.renewNow(connection.id)).kind).toBe('renewed');
  });
});
