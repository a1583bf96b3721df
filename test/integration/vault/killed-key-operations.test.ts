import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../../main/core/api/core-api';
import { KeychainUnavailableError } from '../../../main/core/domain';
import { TokenTrayCore } from '../../../main/core/app';
import { openConfStore } from '../../../main/core/store/conf-store';
import { dataKeyAccount } from '../../../main/core/vault/data-key';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { sealedVersion } from '../../../main/core/vault/seal';
import type { SecretKind } from '../../../main/core/domain/secret-kinds';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { profileOnDisk } from '../../support/profile-on-disk';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/stopped-key-operation-child.ts', import.meta.url));

interface Stop {
  call: KeychainCall;
  nth: number;
  when: 'before' | 'after';
}
type KeychainCall =
  'readItem' | 'writeItem' | 'deleteItem' | 'listAccounts' | 'readAccounts' | 'get' | 'delete';

/** Stops just before the keychain gets its `nth` call of `call`. */
const stopBefore = (call: KeychainCall, nth: number): Stop => ({ call, nth, when: 'before' });
/** Stops just after the keychain answered its `nth` call of `call`. */
const stopAfter = (call: KeychainCall, nth: number): Stop => ({ call, nth, when: 'after' });

/**
 * Runs TokenTray on the profile in a process of its own until it reaches `stop`, then kills it
 * with SIGKILL there: no handler runs, nothing is flushed that was not already on disk.
 */
async function killAt(
  profile: { directory: string; service: string },
  operation: 'rotate' | 'start',
  stop: Stop,
): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CHILD,
      profile.directory,
      profile.service,
      operation,
      stop.call,
      String(stop.nth),
      stop.when,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (stdout.includes('stopped')) resolve();
    });
    void exited.then(() => reject(new Error(`the child never reached the stop: ${stdout}${stderr.trim()}`)));
  });
  child.kill('SIGKILL');
  await exited;
}

/** Every sealed secret of the profile, read by the running core: `connection/kind` → value. */
async function readSecrets(harness: CoreHarness): Promise<Map<string, string | null>> {
  const secrets = new Map<string, string | null>();
  for (const place of await harness.vault.listAccounts()) {
    const [id, kind] = place.split('/') as [string, SecretKind];
    secrets.set(place, await harness.vault.get(id, kind));
  }
  return secrets;
}

describe('a rotation of the data key killed with SIGKILL', () => {
  let harness: CoreHarness;
  afterEach(async () => {
    await harness.close();
  });

  // The rotation's steps, in order: announced (committed), new key stored, read back, every value
  // re-sealed and committed with the new version, old key deleted, its deletion committed.
  it.each([
    ['announced, before the new key is stored', stopBefore('writeItem', 1), 1],
    ['after the new key is stored, before it is read back', stopAfter('writeItem', 1), 1],
    [
      'after the new key is read back, before the re-sealed values are committed',
      stopAfter('readItem', 2),
      1,
    ],
    [
      'after the re-sealed values are committed, before the old key is deleted',
      stopBefore('deleteItem', 1),
      2,
    ],
    ['after the old key is deleted, before that is committed', stopAfter('deleteItem', 1), 2],
  ] as Array<[string, Stop, number]>)(
    'killed %s: the next start opens every secret unchanged under one key, which alone is in the keychain',
    async (_step, stop, keyVersion) => {
      harness = await startCoreHarness();
      const a = await harness.connect('oauth2', { rotate: true });
      const b = await harness.connect('partner-header');
      await harness.connect('manual');
      expect((await harness.core.renewNow(a.connection.id)).kind).toBe('renewed');
      const before = await readSecrets(harness);
      expect(before.size).toBeGreaterThanOrEqual(6);
      await harness.core.stop();

      await killAt({ directory: harness.directory, service: harness.keychain.service }, 'rotate', stop);
      const core = await harness.restart();
      await core.idle();

      expect(core.secretsLock()).toBeNull();
      expect(await readSecrets(harness)).toEqual(before);
      const { sealing, secrets } = profileOnDisk(harness.directory);
      // A rotation not committed is undone; one committed is finished: either way one key, all values under it.
      expect(sealing).toMatchObject({ keyVersion, rotatingTo: null, retiredVersion: null });
      const versions = Object.values(secrets).flatMap((kinds) =>
        Object.values(kinds).map((v) => sealedVersion(v!)),
      );
      expect(new Set(versions)).toEqual(new Set([keyVersion]));
      expect(await harness.keychain.listAccounts()).toEqual([dataKeyAccount(sealing!.profileId, keyVersion)]);
      expect((await core.renewNow(a.connection.id)).kind).toBe('renewed');
      expect((await core.renewNow(b.connection.id)).kind).toBe('renewed');
      // The person can rotate again: the next version is free, and every secret still opens after it.
      const renewed = await readSecrets(harness);
      expect(await core.rotateDataKey()).toEqual({ keyVersion: keyVersion + 1 });
      await harness.restart();
      expect(harness.core.secretsLock()).toBeNull();
      expect(await readSecrets(harness)).toEqual(renewed);
    },
    60_000,
  );
});

const PREVIOUS_VERSION = fileURLToPath(new URL('./fixtures/previous-version-profile', import.meta.url));

/** The previous version's profile in a folder of its own, and its keychain items in a service of its own. */
async function previousVersionProfile(): Promise<{
  directory: string;
  service: string;
  keychain: KeytarVault;
  items: Record<string, string>;
}> {
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-previous-'));
  await cp(PREVIOUS_VERSION, directory, { recursive: true, filter: (path) => !path.endsWith('.md') });
  await rm(join(directory, 'keychain-items.json'));
  const items = JSON.parse(await readFile(join(PREVIOUS_VERSION, 'keychain-items.json'), 'utf8')) as Record<
    string,
    string
  >;
  const service = `TokenTray-test-${randomUUID()}`;
  const keychain = new KeytarVault({ service });
  for (const [account, value] of Object.entries(items)) await keychain.writeItem(account, value);
  return { directory, service, keychain, items };
}

describe('a profile made by the previous version, migrated from one keychain item per secret', () => {
  let profile: Awaited<ReturnType<typeof previousVersionProfile>>;
  let core: TokenTrayCore | null = null;
  afterEach(async () => {
    await core?.stop();
    core = null;
    for (const account of await profile.keychain.listAccounts()) await profile.keychain.deleteItem(account);
    await profile.keychain.close();
    await rm(profile.directory, { recursive: true, force: true });
  });

  /** Opens the profile as the app does after the kill, and checks that nothing was lost or doubled. */
  async function expectMigratedWhole(): Promise<void> {
    // Read as text: opening the fixture as a profile would move it to this version's data format in place.
    const original = JSON.parse(await readFile(join(PREVIOUS_VERSION, 'tokentray.json'), 'utf8')) as {
      schemaVersion: number;
      partners: Record<string, unknown>;
      connections: Record<string, { id: string; label: string }>;
    };
    expect(original.schemaVersion).toBe(1);
    core = new TokenTrayCore({
      store: openConfStore({ directory: profile.directory }),
      keychain: profile.keychain,
    });
    await core.start();
    await core.idle();

    expect(core.secretsLock()).toBeNull();
    // Every secret the keychain held, each sealed exactly once, and nothing else.
    expect(core.secrets.storedPlaces().sort()).toEqual(Object.keys(profile.items).sort());
    for (const [account, value] of Object.entries(profile.items)) {
      const [id, kind] = account.split('/') as [string, SecretKind];
      expect(await core.secrets.get(id, kind), account).toBe(value);
    }
    const migrated = profileOnDisk(profile.directory);
    expect(Object.values(migrated.connections).map((c) => [c.id, c.label])).toEqual(
      Object.values(original.connections).map((c) => [c.id, c.label]),
    );
    expect(Object.keys(migrated.partners)).toEqual(Object.keys(original.partners));
    expect(migrated.sealing).toMatchObject({ keychainItems: 'done', keyVersion: 1, rotatingTo: null });
    // The keychain holds the data key and nothing else.
    expect(await profile.keychain.listAccounts()).toEqual([dataKeyAccount(migrated.sealing!.profileId, 1)]);
    expect(core.history().filter((entry) => entry.action === 'secretsMigrated')).toHaveLength(1);
    // The 16 KiB access token comes out whole through the copy path.
    const orders = Object.values(migrated.connections).find((c) => c.label === 'Orders API')!;
    const copied = await createCoreApi(core, { kind: 'browser' }).copyToken(orders.id);
    expect(copied.token).toHaveLength(16 * 1024);
    expect(copied.token).toBe(profile.items[`${orders.id}/accessToken`]);
  }

  it('opens with every secret sealed into it and the old items gone', async () => {
    profile = await previousVersionProfile();
    expect(profileOnDisk(profile.directory).sealing).toBeNull();
    expect(Object.keys(profile.items)).toHaveLength(9);

    await expectMigratedWhole();
  });

  it('started without a reachable keychain it is locked, and nothing of its secrets is written; started with it, it migrates whole', async () => {
    profile = await previousVersionProfile();
    // No keychain answers: probe says no, every call fails as keytar does without a Secret Service.
    const away = new Proxy(profile.keychain, {
      get: (_target, property) => () =>
        property === 'probe'
          ? Promise.resolve(false)
          : Promise.reject(new KeychainUnavailableError('no Secret Service is running')),
    });
    core = new TokenTrayCore({ store: openConfStore({ directory: profile.directory }), keychain: away });
    await core.start();
    expect(core.secretsLock()?.reason).toBe('keychain_unavailable');
    await core.stop();
    core = null;

    // The data version moves on at open (the previous file kept aside, as for every data version), but
    // no profile id, key name or migration step is recorded while nothing can be read.
    const left = profileOnDisk(profile.directory);
    expect(left.sealing).toBeNull();
    expect(left.secrets).toEqual({});
    expect(await readFile(join(profile.directory, 'tokentray.journal'), 'utf8')).toBe('');
    const previous = (await readdir(profile.directory)).find((name) => name.includes('.v1-backup-'));
    expect(await readFile(join(profile.directory, previous!))).toEqual(
      await readFile(join(PREVIOUS_VERSION, 'tokentray.json')),
    );
    expect((await profile.keychain.listAccounts()).sort()).toEqual(Object.keys(profile.items).sort());
    await expectMigratedWhole();
  });

  // The migration's steps, in order: the profile's id committed, its data key stored, read back and
  // committed; the old items read in one call; sealed and committed (then read back); those read
  // deleted one by one; what is left listed, and the migration committed as done.
  it.each([
    ['before the data key is stored', stopBefore('writeItem', 1)],
    ['after the data key is stored, before it is committed', stopAfter('writeItem', 1)],
    ['with the key committed, before the old items are read', stopBefore('readAccounts', 1)],
    ['with every old item read, before the sealed secrets are committed', stopAfter('readAccounts', 1)],
    ['with the sealed secrets committed and read back, before any deletion', stopBefore('delete', 1)],
    ['while deleting the old items', stopAfter('delete', 4)],
    ['with every old item deleted, before that is checked and committed', stopBefore('listAccounts', 1)],
  ] as Array<[string, Stop]>)(
    'killed %s: the next start finishes it with no secret lost or doubled',
    async (_step, stop) => {
      profile = await previousVersionProfile();

      await killAt(profile, 'start', stop);

      await expectMigratedWhole();
    },
    60_000,
  );
});
