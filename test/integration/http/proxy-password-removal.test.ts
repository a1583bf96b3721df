import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionId } from '../../../main/core/domain';
import { PROFILE_SECRETS } from '../../../main/core/vault/secret-vault';
import { apiClient } from '../api/api-client';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { secretsOnDisk } from '../../support/secrets-on-disk';
import { startTinyproxy } from '../../support/tinyproxy';
import type { Tinyproxy } from '../../support/tinyproxy';
import { networkSettings } from '../../support/tls-partner';

const PROXY_USER = 'desk42';
const PROXY_PASSWORD = 'removable-proxy-password-5e07';

let harness: CoreHarness;
let tinyproxy: Tinyproxy;

beforeAll(async () => {
  harness = await startCoreHarness();
  tinyproxy = await startTinyproxy({ user: PROXY_USER, password: PROXY_PASSWORD });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await tinyproxy.close();
});

describe('removing the stored proxy password through the API', () => {
  it('deletes the sealed password, records it without the password, and the next renewal asks the proxy without credentials', async () => {
    const api = apiClient(harness.core);
    // The simulator is on 127.0.0.1, plain http: sent through tinyproxy, which forwards it.
    await api.call('updateSettings', {
      network: networkSettings({ proxyUrl: tinyproxy.url, proxyUsername: PROXY_USER, proxyLoopback: true }),
    });
    await api.call('setProxyPassword', PROXY_PASSWORD);
    const { connection, provisioned } = await harness.connect('oauth2');
    expect(await api.call('renewNow', connection.id)).toMatchObject({ kind: 'renewed' });
    expect((await api.call('getSnapshot')).proxyPasswordStored).toBe(true);

    await api.call('setProxyPassword', null);

    expect((await api.call('getSnapshot')).proxyPasswordStored).toBe(false);
    const sealed = secretsOnDisk(harness.directory, harness.keychain);
    expect(await sealed.get(PROFILE_SECRETS as ConnectionId, 'proxyPassword')).toBeNull();
    const history = await api.call('getHistory', {});
    expect(history.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['proxyPasswordStored', 'proxyPasswordRemoved']),
    );
    expect(JSON.stringify(history)).not.toContain(PROXY_PASSWORD);
    // tinyproxy answers a request without credentials 407, and wrong ones (a user name alone) 401.
    expect(await api.call('renewNow', connection.id)).toMatchObject({
      kind: 'followUp',
      reason: 'proxy_refused',
      message: expect.stringMatching(/proxy \S+ refused TokenTray's credentials \(407\)/),
    });
    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);

    // Durable: a restart finds no password, and removing none again adds no line of history.
    const core = await harness.restart();
    const again = apiClient(core);
    expect((await again.call('getSnapshot')).proxyPasswordStored).toBe(false);
    await again.call('setProxyPassword', null);
    const removals = (await again.call('getHistory', {})).filter(
      (entry) => entry.action === 'proxyPasswordRemoved',
    );
    expect(removals).toHaveLength(1);
  });

  it('is never sent to another proxy: pointing the setting elsewhere removes it, other network changes keep it', async () => {
    const api = apiClient(harness.core);
    const other = `http://127.0.0.1:${new URL(tinyproxy.url).port === '1' ? 2 : 1}`;
    const through = (proxyUrl: string, proxyLoopback = true) =>
      api.call('updateSettings', {
        network: networkSettings({ proxyUrl, proxyUsername: PROXY_USER, proxyLoopback }),
      });
    await through(tinyproxy.url);
    await api.call('setProxyPassword', PROXY_PASSWORD);

    // The same proxy, another choice: the password stays.
    await through(tinyproxy.url, false);
    expect((await api.call('getSnapshot')).proxyPasswordStored).toBe(true);

    await through(other);
    expect((await api.call('getSnapshot')).proxyPasswordStored).toBe(false);
    const sealed = secretsOnDisk(harness.directory, harness.keychain);
    expect(await sealed.get(PROFILE_SECRETS as ConnectionId, 'proxyPassword')).toBeNull();
    const [latest] = await api.call('getHistory', { limit: 1 });
    expect(latest).toMatchObject({
      action: 'proxyPasswordRemoved',
      message: expect.stringMatching(/proxy changed/),
    });
    expect(JSON.stringify(await api.call('getHistory', {}))).not.toContain(PROXY_PASSWORD);
  });
});
