import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import {
  createDataKey,
  DamagedDataKeyError,
  DATA_KEY_BYTES,
  dataKeyAccount,
  DataKeyRing,
  deleteDataKey,
  readDataKey,
} from '../../../main/core/vault/data-key';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';

const keychain = new KeytarVault({ service: `TokenTray-test-${randomUUID()}` });
const profileId = randomUUID();
afterAll(async () => {
  for (const account of await keychain.listAccounts()) await keychain.deleteItem(account);
  await keychain.close();
});

it('a new data key is 256 random bits, one keychain item, read back the same', async () => {
  const key = await createDataKey(keychain, profileId, 1);
  expect(key.length).toBe(DATA_KEY_BYTES);
  expect(await readDataKey(keychain, profileId, 1)).toEqual(key);
  expect(await keychain.listAccounts()).toEqual([dataKeyAccount(profileId, 1)]);
  const other = await createDataKey(keychain, profileId, 2);
  expect(other.equals(key)).toBe(false);
  await deleteDataKey(keychain, profileId, 2);
  expect(await readDataKey(keychain, profileId, 2)).toBeNull();
});

it('a keychain item that is no 256-bit key is reported as damaged, never used', async () => {
  await keychain.writeItem(dataKeyAccount(profileId, 7), 'c2hvcnQ=');
  await expect(readDataKey(keychain, profileId, 7)).rejects.toBeInstanceOf(DamagedDataKeyError);
});

it('the key ring seals with its current version, keeps older ones for opening, and wipes forgotten keys', () => {
  const ring = new DataKeyRing();
  expect(ring.currentKey()).toBeNull();
  const first = Buffer.alloc(DATA_KEY_BYTES, 1);
  ring.add(1, first, { current: true });
  ring.add(2, Buffer.alloc(DATA_KEY_BYTES, 2), { current: false });
  expect(ring.currentKey()?.version).toBe(1);
  expect(ring.key(2)).toBeDefined();
  expect(JSON.stringify({ ring })).not.toContain(first.toString('base64'));
  ring.forget(1);
  expect(first.every((byte) => byte === 0)).toBe(true);
  expect(ring.currentKey()).toBeNull();
});
