import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { Keychain } from '../../../main/core/vault/secret-vault';
import { probeAhead } from '../../../main/web-host/probe-ahead';

const keychain = new KeytarVault({ service: `TokenTray-test-${randomUUID()}` });

afterAll(() => keychain.close());

/** The real keychain, counting the probes that reach it. */
function countingProbes(vault: Keychain): { vault: Keychain; probes: () => number } {
  let probes = 0;
  return {
    probes: () => probes,
    vault: {
      get: (id, kind) => vault.get(id, kind),
      set: (id, kind, secret) => vault.set(id, kind, secret),
      delete: (id, kind) => vault.delete(id, kind),
      deleteAll: (id) => vault.deleteAll(id),
      readItem: (account) => vault.readItem(account),
      writeItem: (account, value) => vault.writeItem(account, value),
      deleteItem: (account) => vault.deleteItem(account),
      listAccounts: () => vault.listAccounts(),
      readAccounts: (accounts) => vault.readAccounts(accounts),
      probe: () => {
        probes += 1;
        return vault.probe();
      },
    },
  };
}

describe('the keychain probed ahead of start-up', () => {
  it('asks the keychain at once and hands that answer to the first probe; a later probe asks again', async () => {
    const counted = countingProbes(keychain);
    const ahead = probeAhead(counted.vault);
    const askedAtOnce = counted.probes();
    const first = await ahead.probe();
    const afterFirst = counted.probes();
    const second = await ahead.probe();

    expect(askedAtOnce).toBe(1);
    expect(first).toBe(true);
    expect(afterFirst).toBe(1);
    expect(second).toBe(true);
    expect(counted.probes()).toBe(2);
  });

  it('stores, reads and deletes secrets in the keychain it wraps', async () => {
    const ahead = probeAhead(keychain);
    const connectionId = randomUUID();
    await ahead.set(connectionId, 'refreshToken', 'rt-probed-ahead');
    const read = await keychain.get(connectionId, 'refreshToken');
    await ahead.deleteAll(connectionId);

    expect(read).toBe('rt-probed-ahead');
    expect(await ahead.get(connectionId, 'refreshToken')).toBeNull();
  });
});
