import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { probeAhead } from '../../../main/web-host/probe-ahead';
import { CountingKeychain } from '../../support/counting-keychain';

const keychain = new KeytarVault({ service: `TokenTray-test-${randomUUID()}` });

afterAll(() => keychain.close());

/** The probes that reached the keychain through `counted`. */
const probesOf = (counted: CountingKeychain) => counted.calls.filter((call) => call === 'probe').length;

describe('the keychain probed ahead of start-up', () => {
  it('asks the keychain at once and hands that answer to the first probe; a later probe asks again', async () => {
    const counted = new CountingKeychain(keychain);
    const ahead = probeAhead(counted);
    const askedAtOnce = probesOf(counted);
    const first = await ahead.probe();
    const afterFirst = probesOf(counted);
    const second = await ahead.probe();

    expect(askedAtOnce).toBe(1);
    expect(first).toBe(true);
    expect(afterFirst).toBe(1);
    expect(second).toBe(true);
    expect(probesOf(counted)).toBe(2);
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
