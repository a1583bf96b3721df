import type { NetworkSettings } from '../../main/core/domain/network';
import type { CoreHarness } from './core-harness';
import { networkSettings } from './tls-partner';

/** A company proxy as a test names it: where it listens and the login it asks for (Basic, RFC 7617). */
export interface CompanyProxy {
  url: string;
  user: string;
  password: string;
}

/**
 * The proxy in the core's network settings with its user name, this computer's addresses (where
 * the tests' partners listen) through it too, and its password stored as a person would enter it.
 */
export async function useCompanyProxy(
  harness: CoreHarness,
  proxy: CompanyProxy,
  settings: Partial<NetworkSettings> = {},
): Promise<void> {
  harness.core.updateSettings({
    network: networkSettings({
      proxyUrl: proxy.url,
      proxyUsername: proxy.user,
      proxyLoopback: true,
      ...settings,
    }),
  });
  await harness.core.setProxyPassword(proxy.password);
}

/** Back to no proxy, no extra CA and no proxy password: where each test of the network starts. */
export async function clearNetworkSettings(harness: CoreHarness): Promise<void> {
  harness.core.updateSettings({ network: networkSettings() });
  await harness.core.setProxyPassword(null);
}
