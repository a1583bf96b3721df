import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../../main/core/api/core-api';
import { dataKeyAccount } from '../../../main/core/vault/data-key';
import { sealedVersion } from '../../../main/core/vault/seal';
import { openConfStore } from '../../../main/core/store/conf-store';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { profileOnDisk } from '../../support/profile-on-disk';

let harness: CoreHarness;
beforeEach(async () => {
  harness = await startCoreHarness();
});
afterEach(async () => {
  await harness.close();
});

function versionsOnDisk(): number[] {
  const { secrets } = profileOnDisk(harness.directory);
  return [
    ...new Set(
      Object.values(secrets).flatMap((kinds) => Object.values(kinds).map((v) => sealedVersion(v!)!)),
    ),
  ];
}

describe('rotating the data key', () => {
  it('re-seals every secret under a new key version, keeps them all readable, and leaves one key in the keychain', async () => {
    const a = await harness.connect('oauth2', { rotate: true });
    const b = await harness.connect('partner-header');
    const before = {
      a: await harness.vault.get(a.connection.id, 'refreshToken'),
      b: await harness.vault.get(b.connection.id, 'accessToken'),
    };

    expect(await createCoreApi(harness.core, { kind: 'browser' }).rotateDataKey()).toEqual({ keyVersion: 2 });

    expect(versionsOnDisk()).toEqual([2]);
    expect(await harness.vault.get(a.connection.id, 'refreshToken')).toBe(before.a);
    expect(await harness.vault.get(b.connection.id, 'accessToken')).toBe(before.b);
    const { profileId } = profileOnDisk(harness.directory).sealing!;
    expect(await harness.keychain.listAccounts()).toEqual([dataKeyAccount(profileId, 2)]);
    expect((await harness.core.renewNow(a.connection.id)).kind).toBe('renewed');
    await harness.restart();
    expect(harness.core.secretsLock()).toBeNull();
    expect((await harness.core.renewNow(b.connection.id)).kind).toBe('renewed');
  });

  it('a crash before the re-sealed values are committed keeps the old key in use; start-up removes the unfinished new key', async () => {
    const { connection } = await harness.connect('oauth2', { rotate: true });
    await harness.core.stop();
    const { profileId } = profileOnDisk(harness.directory).sealing!;
    // What a crash after storing the new key leaves: the rotation announced, the new key in the keychain.
    const store = openConfStore({ directory: harness.directory });
    store.set('sealing', { ...store.get('sealing')!, rotatingTo: 2 });
    await harness.keychain.writeItem(dataKeyAccount(profileId, 2), Buffer.alloc(32, 7).toString('base64'));

    const core = await harness.restart();

    expect(core.secretsLock()).toBeNull();
    expect(versionsOnDisk()).toEqual([1]);
    expect(profileOnDisk(harness.directory).sealing).toMatchObject({ keyVersion: 1, rotatingTo: null });
    expect(await harness.keychain.listAccounts()).toEqual([dataKeyAccount(profileId, 1)]);
    expect((await core.renewNow(connection.id)).kind).toBe('renewed');
    // A rotation after that takes the next version afresh.
    expect(await core.rotateDataKey()).toEqual({ keyVersion: 2 });
    expect((await core.renewNow(connection.id)).kind).toBe('renewed');
  });

  it('a crash after the rotation was committed opens with the new key and removes the old one', async () => {
    const { connection } = await harness.connect('oauth2', { rotate: true });
    const { profileId } = profileOnDisk(harness.directory).sealing!;
    const keyOne = await harness.keychain.readItem(dataKeyAccount(profileId, 1));
    await harness.core.rotateDataKey();
    await harness.core.stop();
    // As if the process died before deleting the old key's item.
    await harness.keychain.writeItem(dataKeyAccount(profileId, 1), keyOne!);
    const store = openConfStore({ directory: harness.directory });
    store.set('sealing', { ...store.get('sealing')!, retiredVersion: 1 });

    const core = await harness.restart();

    expect(core.secretsLock()).toBeNull();
    expect(await harness.keychain.listAccounts()).toEqual([dataKeyAccount(profileId, 2)]);
    expect((await core.renewNow(connection.id)).kind).toBe('renewed');
  });
});
