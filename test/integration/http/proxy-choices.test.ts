import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { startForwardProxy } from '../../support/forward-proxy';
import type { ForwardProxy } from '../../support/forward-proxy';
import { makeTestCertificates } from '../../support/test-certificates';
import type { TestCertificates } from '../../support/test-certificates';
import type { TlsFront } from '../../support/tls-front';
import { connectOverTls, networkSettings, startTlsPartner } from '../../support/tls-partner';

/** A password as company directories allow them: each of these characters means something in a URL. */
const AWKWARD_PASSWORD = 'p%41ss@w:rd/%zz';
const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'].flatMap((name) => [
  name,
  name.toUpperCase(),
]);

let certs: TestCertificates;
let harness: CoreHarness;
let mutualPartner: TlsFront;
/** Every partner front started, closed at the end. */
const fronts: TlsFront[] = [];
/** The proxy the environment names. */
let environmentProxy: ForwardProxy;
/** The proxy the settings name, with credentials. */
let settingsProxy: ForwardProxy;

beforeAll(async () => {
  certs = makeTestCertificates();
  harness = await startCoreHarness();
  mutualPartner = await startTlsPartner(harness.simulator.url, certs, { mutual: true });
  environmentProxy = await startForwardProxy();
  settingsProxy = await startForwardProxy({ user: 'CORP\\desk42', password: AWKWARD_PASSWORD });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await mutualPartner.close();
  for (const front of fronts) await front.close();
  await environmentProxy.close();
  await settingsProxy.close();
});

afterEach(async () => {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  harness.core.updateSettings({ network: networkSettings() });
  await harness.core.setProxyPassword(null);
  environmentProxy.log.length = 0;
  settingsProxy.log.length = 0;
});

/** The settings proxy with its user name and `password`, loopback partners through it too, and the test CA. */
async function useSettingsProxy(password = AWKWARD_PASSWORD): Promise<void> {
  harness.core.updateSettings({
    network: networkSettings({
      proxyUrl: settingsProxy.url,
      proxyUsername: 'CORP\\desk42',
      proxyLoopback: true,
      extraCaPem: certs.caCert,
    }),
  });
  await harness.core.setProxyPassword(password);
}

/**
 * A partner at an address of its own: renewals reuse a proxy tunnel to the same address
 * (keep-alive), so a test that reads the proxy's log gives each request a new address.
 */
async function freshPartner(): Promise<TlsFront> {
  const front = await startTlsPartner(harness.simulator.url, certs);
  fronts.push(front);
  return front;
}

const hostOf = (front: TlsFront) => new URL(front.origin).host;

describe('which proxy a partner request takes', () => {
  it('takes the proxy from lower-case https_proxy; lower-case no_proxy naming the host and port sends it around', async () => {
    process.env.https_proxy = environmentProxy.url;
    harness.core.updateSettings({
      network: networkSettings({ proxyLoopback: true, extraCaPem: certs.caCert }),
    });
    const [first, second, third] = [await freshPartner(), await freshPartner(), await freshPartner()];
    const through = await connectOverTls(harness, 'oauth2', first);
    expect(await harness.core.renewNow(through.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(environmentProxy.log).toEqual([`CONNECT ${hostOf(first)}`]);

    // The same host on another port does not match: still through the proxy.
    process.env.no_proxy = `intranet.corp, ${hostOf(first)}`;
    const stillThrough = await connectOverTls(harness, 'partner-header', second);
    expect(await harness.core.renewNow(stillThrough.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(environmentProxy.log).toEqual([`CONNECT ${hostOf(first)}`, `CONNECT ${hostOf(second)}`]);

    process.env.no_proxy = `intranet.corp, ${hostOf(third)}`;
    const around = await connectOverTls(harness, 'oauth-tokens-envelope', third);
    expect(await harness.core.renewNow(around.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(environmentProxy.log).toHaveLength(2);
  });

  it('takes a proxy variable without a scheme as a plain http proxy', async () => {
    process.env.HTTPS_PROXY = environmentProxy.host;
    harness.core.updateSettings({
      network: networkSettings({ proxyLoopback: true, extraCaPem: certs.caCert }),
    });
    const partner = await freshPartner();
    const { connection } = await connectOverTls(harness, 'oauth2', partner);

    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
    expect(environmentProxy.log).toEqual([`CONNECT ${hostOf(partner)}`]);
  });

  it('NO_PROXY=* sends every partner around the proxy the environment names', async () => {
    process.env.HTTPS_PROXY = environmentProxy.url;
    process.env.NO_PROXY = '*';
    harness.core.updateSettings({
      network: networkSettings({ proxyLoopback: true, extraCaPem: certs.caCert }),
    });
    const { connection } = await connectOverTls(harness, 'oauth2', await freshPartner());

    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
    expect(environmentProxy.log).toEqual([]);
  });

  it('takes the proxy in settings over HTTPS_PROXY and NO_PROXY, with a user name and password holding % @ : and /', async () => {
    process.env.HTTPS_PROXY = environmentProxy.url;
    const partner = await freshPartner();
    process.env.NO_PROXY = hostOf(partner);
    await useSettingsProxy();
    const { connection } = await connectOverTls(harness, 'oauth2', partner);

    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
    expect(settingsProxy.log).toEqual([`CONNECT ${hostOf(partner)}`]);
    expect(environmentProxy.log).toEqual([]);
  });

  it('sends a partner set to go without the proxy direct, while the others go through it', async () => {
    await useSettingsProxy();
    const [directFront, proxiedFront] = [await freshPartner(), await freshPartner()];
    const direct = await connectOverTls(harness, 'oauth2', directFront);
    harness.core.admin.updatePartner(direct.partner.id, {
      ...direct.partner,
      network: { bypassProxy: true, extraCaPem: null, timeoutSeconds: null },
    });
    const proxied = await connectOverTls(harness, 'partner-header', proxiedFront);

    expect(await harness.core.renewNow(direct.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(settingsProxy.log).toEqual([]);
    expect(await harness.core.renewNow(proxied.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(settingsProxy.log).toEqual([`CONNECT ${hostOf(proxiedFront)}`]);
  });

  it("offers the connection's client certificate to the partner inside the proxy's CONNECT tunnel", async () => {
    await useSettingsProxy();
    const { connection, provisioned } = await connectOverTls(
      harness,
      'oauth2',
      mutualPartner,
      { settings: { authMethod: 'basic', bodyShape: 'flat', clientCertificatePem: certs.clientCert } },
      { clientKey: certs.clientKey },
    );

    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
    expect(settingsProxy.log).toEqual([`CONNECT ${new URL(mutualPartner.origin).host}`]);
    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
  });
});

describe('a proxy reached over https', () => {
  it("trusts the proxy's own certificate through the company CA in settings, for renewals as for the connection test", async () => {
    const tlsProxy = await startForwardProxy(undefined, {
      tls: { cert: certs.serverCert, key: certs.serverKey },
    });
    try {
      harness.core.updateSettings({
        network: networkSettings({ proxyUrl: tlsProxy.url, proxyLoopback: true, extraCaPem: certs.caCert }),
      });
      const partner = await freshPartner();
      const { connection } = await connectOverTls(harness, 'oauth2', partner);

      const check = await harness.core.checkConnection(connection.id);
      expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });

      expect(check.ok).toBe(true);
      expect(tlsProxy.log).toEqual([`CONNECT ${hostOf(partner)}`, `CONNECT ${hostOf(partner)}`]);
    } finally {
      await tlsProxy.close();
    }
  });
});

describe('a proxy that cannot be reached', () => {
  it('is named in the outcome, not the partner, when its port refuses connections, for https and plain-http partners', async () => {
    const closed = await startForwardProxy();
    await closed.close();
    harness.core.updateSettings({
      network: networkSettings({ proxyUrl: closed.url, proxyLoopback: true, extraCaPem: certs.caCert }),
    });
    const overTls = await connectOverTls(harness, 'oauth2', await freshPartner());
    const plain = await harness.connect('oauth2');

    for (const { connection, provisioned } of [overTls, plain]) {
      const outcome = await harness.core.renewNow(connection.id);
      expect(outcome).toMatchObject({ kind: 'retry', reason: 'network' });
      expect(outcome.kind === 'retry' && outcome.message).toContain(
        `the proxy ${closed.host}: the connection was refused`,
      );
      expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    }
  });

  it('names the proxy on https whose certificate is not trusted, and the setting that fixes it, for https and plain-http partners', async () => {
    const tlsProxy = await startForwardProxy(undefined, {
      tls: { cert: certs.serverCert, key: certs.serverKey },
    });
    try {
      // Without the company CA in the settings, the proxy's own certificate is not trusted.
      harness.core.updateSettings({
        network: networkSettings({ proxyUrl: tlsProxy.url, proxyLoopback: true }),
      });
      const overTls = await connectOverTls(harness, 'oauth2', await freshPartner());
      const plain = await harness.connect('oauth2');

      for (const { connection } of [overTls, plain]) {
        const outcome = await harness.core.renewNow(connection.id);
        expect(outcome).toMatchObject({ kind: 'followUp', reason: 'tls_untrusted' });
        expect(outcome.kind === 'followUp' && outcome.message).toMatch(
          new RegExp(`^the proxy ${tlsProxy.host}: .*not trusted.*Settings → Network`),
        );
      }
      expect(tlsProxy.log).toEqual([]);
    } finally {
      await tlsProxy.close();
    }
  });
});

describe('the deadline of a partner request', () => {
  it("is the partner's own timeout where it sets one, and the profile's otherwise", async () => {
    harness.core.updateSettings({
      network: networkSettings({ extraCaPem: certs.caCert, timeoutSeconds: 2 }),
    });
    const partner = await freshPartner();
    const own = await connectOverTls(harness, 'oauth2', partner);
    harness.core.admin.updatePartner(own.partner.id, {
      ...own.partner,
      network: { bypassProxy: false, extraCaPem: null, timeoutSeconds: 1 },
    });
    const profiles = await connectOverTls(harness, 'oauth2', partner);
    harness.simulator.inject(own.provisioned.key, { kind: 'timeout' });
    harness.simulator.inject(profiles.provisioned.key, { kind: 'timeout' });

    const [ownOutcome, profileOutcome] = await Promise.all([
      harness.core.renewNow(own.connection.id),
      harness.core.renewNow(profiles.connection.id),
    ]);

    expect(ownOutcome).toMatchObject({ kind: 'retry', reason: 'timeout' });
    expect(ownOutcome.kind === 'retry' && ownOutcome.message).toContain('did not answer within 1 s');
    expect(profileOutcome).toMatchObject({ kind: 'retry', reason: 'timeout' });
    expect(profileOutcome.kind === 'retry' && profileOutcome.message).toContain('did not answer within 2 s');
  });
});
