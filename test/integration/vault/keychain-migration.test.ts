import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeychainUnavailableError } from '../../../main/core/domain';
import { dataKeyAccount } from '../../../main/core/vault/data-key';
import type { Keychain } from '../../../main/core/vault/secret-vault';
import { SealedVault } from '../../../main/core/vault/sealed-vault';
import { PROFILE_SECRETS } from '../../../main/core/vault/secret-vault';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { CountingKeychain } from '../../support/counting-keychain';
import { asLegacyProfile } from '../../support/legacy-profile';
import { profileOnDisk } from '../../support/profile-on-disk';

/** The real keychain, failing from the nth call of a kind on: a crash cut in at that step. */
class FailingKeychain extends CountingKeychain {
  failAt: { call: string; nth: number } | null = null;
  /** Deletions answer as done but delete nothing, as a keychain that ignores them would. */
  keepsDeleted = false;
  /** Reading or listing every item of the service fails, as it may time out on a very large keyring. */
  cannotList = false;
  /** While set, deletions wait for it: a keychain slow to delete, as a large keyring on disk is. */
  deletionsHeld: Promise<void> | null = null;
  constructor(inner: Keychain) {
    super(inner);
    const remove = this.delete;
    this.delete = async (id, kind) => {
      await this.deletionsHeld;
      if (!this.keepsDeleted) await remove(id, kind);
    };
    for (const call of ['get', 'delete', 'listAccounts', 'readAccounts'] as const) {
      const pass = this[call] as (...args: never[]) => Promise<unknown>;
      (this as Record<string, unknown>)[call] = (...args: never[]) => {
        const seen = this.calls.filter((name) => name === call).length;
        const listing = call === 'listAccounts' || call === 'readAccounts';
        if ((this.failAt?.call === call && seen >= this.failAt.nth) || (listing && this.cannotList)) {
          return Promise.reject(new KeychainUnavailableError('stopped for the test'));
        }
        return pass(...args);
      };
    }
  }
}

let harness: CoreHarness;
let keychain: FailingKeychain;
beforeEach(async () => {
  let wrapper: FailingKeychain | undefined;
  // One wrapper for every start, so a failure set before a restart applies to it.
  harness = await startCoreHarness({ wrapKeychain: (real) => (wrapper ??= new FailingKeychain(real)) });
  keychain = wrapper!;
});
afterEach(async () => {
  await harness.close();
});

/** A profile as the previous version left it: three connections, their secrets one keychain item each. */
async function legacyProfile() {
  const connections = [
    await harness.connect('oauth2', { rotate: true }),
    await harness.connect('oauth-tokens-envelope'),
    await harness.connect('partner-header'),
  ];
  const secrets = new Map<string, string | null>();
  for (const { connection } of connections) {
    for (const kind of ['clientSecret', 'refreshToken', 'accessToken'] as const) {
      secrets.set(`${connection.id}/${kind}`, await harness.vault.get(connection.id, kind));
    }
  }
  await harness.core.stop();
  await asLegacyProfile(harness.directory, harness.keychain);
  return { connections, secrets };
}

async function expectMigrated(legacy: Awaited<ReturnType<typeof legacyProfile>>) {
  const core = harness.core;
  // The old items are deleted after start-up, while the profile renews.
  await core.idle();
  expect(core.secretsLock()).toBeNull();
  for (const [place, value] of legacy.secrets) {
    const [id, kind] = place.split('/') as [string, 'clientSecret'];
    expect(await harness.vault.get(id, kind)).toBe(value);
  }
  // The keychain holds the data key and nothing else.
  const sealing = profileOnDisk(harness.directory).sealing!;
  expect(sealing.keychainItems).toBe('done');
  expect(await harness.keychain.listAccounts()).toEqual([
    dataKeyAccount(sealing.profileId, sealing.keyVersion),
  ]);
  for (const { connection } of legacy.connections) {
    expect((await core.renewNow(connection.id)).kind).toBe('renewed');
  }
}

describe('moving secrets kept one per keychain item into the sealed profile', () => {
  it('a profile made by the previous version is migrated at start-up: sealed, committed, read back, then removed from the keychain', async () => {
    const legacy = await legacyProfile();
    expect(profileOnDisk(harness.directory).sealing).toBeNull();
    const stored = [...legacy.secrets.values()].filter((value) => value !== null);
    expect((await harness.keychain.listAccounts()).length).toBe(stored.length);

    await harness.restart();

    await expectMigrated(legacy);
    expect(harness.core.history().map((entry) => entry.action)).toContain('secretsMigrated');
  });

  it('the proxy password, a keychain item of its own under the profile, is migrated with the rest', async () => {
    await harness.core.setProxyPassword('proxy-migration-pass-42');
    const legacy = await legacyProfile();
    legacy.secrets.set(`${PROFILE_SECRETS}/proxyPassword`, 'proxy-migration-pass-42');
    expect(await harness.keychain.get(PROFILE_SECRETS, 'proxyPassword')).toBe('proxy-migration-pass-42');

    await harness.restart();

    await expectMigrated(legacy);
  });

  it('start-up does not wait for the old items to be deleted: the profile renews meanwhile, and they go after', async () => {
    const legacy = await legacyProfile();
    let release!: () => void;
    keychain.deletionsHeld = new Promise((resolve) => (release = resolve));

    const core = await harness.restart();

    expect(core.secretsLock()).toBeNull();
    expect(profileOnDisk(harness.directory).sealing?.keychainItems).toBe('deleting');
    const first = legacy.connections[0]!.connection.id;
    expect((await core.renewNow(first)).kind).toBe('renewed');
    expect((await harness.keychain.listAccounts()).length).toBeGreaterThan(1);

    keychain.deletionsHeld = null;
    release();
    legacy.secrets.set(`${first}/refreshToken`, await harness.vault.get(first, 'refreshToken'));
    legacy.secrets.set(`${first}/accessToken`, await harness.vault.get(first, 'accessToken'));
    await expectMigrated(legacy);
  });

  it('reads the old items in one keychain call, not one per item', async () => {
    const legacy = await legacyProfile();
    const before = keychain.calls.length;

    await harness.restart();
    await harness.core.idle();

    const reads = keychain.calls.slice(before).filter((call) => call === 'get' || call === 'readAccounts');
    expect(reads).toEqual(['readAccounts']);
    await expectMigrated(legacy);
  });

  it('deletes the old items it read without listing the keychain again: its one listing checks what is left', async () => {
    const legacy = await legacyProfile();
    const before = keychain.calls.length;

    await harness.restart();
    await harness.core.idle();

    const calls = keychain.calls.slice(before);
    const deletions = calls.filter((call) => call === 'delete').length;
    expect(deletions).toBe([...legacy.secrets.values()].filter((value) => value !== null).length);
    // The listing comes after the last deletion: the check, not a second look for what to delete.
    expect(calls.filter((call) => call === 'listAccounts')).toEqual(['listAccounts']);
    expect(calls.lastIndexOf('delete')).toBeLessThan(calls.indexOf('listAccounts'));
    await expectMigrated(legacy);
  });

  it('a keychain that fails to read every item at once is read item by item for the items it lists, and the migration completes', async () => {
    const legacy = await legacyProfile();
    keychain.failAt = {
      call: 'readAccounts',
      nth: keychain.calls.filter((c) => c === 'readAccounts').length,
    };
    const before = keychain.calls.length;

    const core = await harness.restart();
    await core.idle();

    expect(core.secretsLock()).toBeNull();
    const gets = keychain.calls.slice(before).filter((call) => call === 'get').length;
    expect(gets).toBe([...legacy.secrets.values()].filter((value) => value !== null).length);
    keychain.failAt = null;
    await expectMigrated(legacy);
  });

  it('a crash while reading the keychain item by item (it cannot read them all at once) leaves the profile locked and untouched; the next start migrates everything', async () => {
    const legacy = await legacyProfile();
    keychain.cannotList = true;
    keychain.failAt = { call: 'get', nth: keychain.calls.filter((c) => c === 'get').length + 4 };

    const core = await harness.restart();
    expect(core.secretsLock()?.reason).toBe('keychain_unavailable');
    expect(profileOnDisk(harness.directory).secrets).toEqual({});
    expect((await harness.keychain.listAccounts()).length).toBeGreaterThan(1);

    keychain.failAt = null;
    await harness.restart();
    await expectMigrated(legacy);
  });

  it('a crash while emptying the keychain resumes by emptying it, never reading the old items again', async () => {
    const legacy = await legacyProfile();
    keychain.failAt = { call: 'delete', nth: keychain.calls.filter((c) => c === 'delete').length + 1 };

    const core = await harness.restart();
    await core.idle();
    // The secrets are sealed and committed: the profile is open and renews meanwhile.
    expect(core.secretsLock()).toBeNull();
    expect(profileOnDisk(harness.directory).sealing?.keychainItems).toBe('deleting');
    const renewed = legacy.connections[0]!.connection.id;
    expect((await core.renewNow(renewed)).kind).toBe('renewed');
    const newRefresh = await harness.vault.get(renewed, 'refreshToken');

    keychain.failAt = null;
    const getsBefore = keychain.calls.filter((c) => c === 'get').length;
    await harness.restart();
    // Only the deletions' own read-backs: no old item is taken for a secret again.
    expect(await harness.vault.get(renewed, 'refreshToken')).toBe(newRefresh);
    legacy.secrets.set(`${renewed}/refreshToken`, newRefresh);
    legacy.secrets.set(`${renewed}/accessToken`, await harness.vault.get(renewed, 'accessToken'));
    await expectMigrated(legacy);
    expect(keychain.calls.filter((c) => c === 'get').length - getsBefore).toBeLessThanOrEqual(
      legacy.connections.length * 6,
    );
  });

  it('a secret that does not read back the same after sealing leaves the profile locked and every old item in the keychain; the next start migrates', async () => {
    const legacy = await legacyProfile();
    const items = (await harness.keychain.listAccounts()).length;
    // The first read-back of the migration answers another value, as a bad write would.
    const readBack = vi.spyOn(SealedVault.prototype, 'get').mockResolvedValueOnce('not what was sealed');

    const core = await harness.restart();
    await core.idle();
    readBack.mockRestore();

    expect(core.secretsLock()).toMatchObject({
      reason: 'migration_unconfirmed',
      message: expect.stringMatching(/did not read back the same\. The keychain keeps every one/),
    });
    // The key is not lost: starting over, which would clear what the keychain still holds, is refused.
    await expect(core.startOver()).rejects.toMatchObject({ code: 'migration_unconfirmed' });
    expect(profileOnDisk(harness.directory).sealing?.keychainItems).toBe('pending');
    expect(await harness.keychain.listAccounts()).toHaveLength(items + 1);

    await harness.restart();
    await expectMigrated(legacy);
  });

  it('a keychain that keeps what it was told to delete leaves the migration unfinished, the profile open, and the next start finishes it', async () => {
    const legacy = await legacyProfile();
    keychain.keepsDeleted = true;

    const core = await harness.restart();
    await core.idle();

    expect(core.secretsLock()).toBeNull();
    expect(profileOnDisk(harness.directory).sealing?.keychainItems).toBe('deleting');
    expect((await harness.keychain.listAccounts()).length).toBeGreaterThan(1);

    keychain.keepsDeleted = false;
    await harness.restart();
    await expectMigrated(legacy);
  });

  it('a keychain that cannot read or list all its items at once is asked for each possible one instead, and the migration completes', async () => {
    const legacy = await legacyProfile();
    keychain.cannotList = true;

    const core = await harness.restart();
    await core.idle();

    expect(core.secretsLock()).toBeNull();
    expect(profileOnDisk(harness.directory).sealing?.keychainItems).toBe('done');
    keychain.cannotList = false;
    await expectMigrated(legacy);
  });
});
