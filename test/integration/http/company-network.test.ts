import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimDialect } from '../../simulator/simulator';
import { startForwardProxy } from '../../support/forward-proxy';
import type { ForwardProxy } from '../../support/forward-proxy';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { makeTestCertificates } from '../../support/test-certificates';
import type { TestCertificates } from '../../support/test-certificates';
import {
  connectOverTls as connectPartnerOverTls,
  networkSettings,
  startTlsPartner,
} from '../../support/tls-partner';
import type { ConnectionInput, ConnectionSecrets } from '../../../main/core/domain';
import type { TlsFront } from '../../support/tls-front';

const PROXY_USER = 'tokentray';
const PROXY_PASSWORD = 'proxy-password-7d1f';

let certs: TestCertificates;
let harness: CoreHarness;
let partner: TlsFront;
let mutualPartner: TlsFront;
let proxy: ForwardProxy;
let proxyUrl: string;
/** The proxy's own log of what it was asked to open: `CONNECT host:port` lines. */
let proxyLog: string[];

beforeAll(async () => {
  certs = makeTestCertificates();
  harness = await startCoreHarness();
  partner = await startTlsPartner(harness.simulator.url, certs);
  mutualPartner = await startTlsPartner(harness.simulator.url, certs, { mutual: true });
  proxy = await startForwardProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
  proxyUrl = proxy.url;
  proxyLog = proxy.log;
}, 60_000);

afterAll(async () => {
  await harness.close();
  await partner.close();
  await mutualPartner.close();
  await proxy.close();
});

afterEach(async () => {
  delete process.env.HTTPS_PROXY;
  delete process.env.NO_PROXY;
  harness.core.updateSettings({ network: network() });
  await harness.core.setProxyPassword(null);
  proxyLog.length = 0;
});

/** The company's set-up: the authenticating proxy (loopback partners too) and its CA, with `password`. */
async function useCompanyProxy(password = PROXY_PASSWORD): Promise<void> {
  harness.core.updateSettings({
    network: network({ proxyUrl, proxyUsername: PROXY_USER, proxyLoopback: true, extraCaPem: certs.caCert }),
  });
  await harness.core.setProxyPassword(password);
}

/** The network settings with everything off, and then what a test names. */
const network = networkSettings;

/** A partner on the simulator, reached over TLS at `front`. */
function connectOverTls(
  dialect: SimDialect,
  front: TlsFront = partner,
  overrides: Partial<ConnectionInput> = {},
  extraSecrets: Partial<ConnectionSecrets> = {},
) {
  return connectPartnerOverTls(harness, dialect, front, overrides, extraSecrets);
}

describe('partner traffic through a company proxy', () => {
  it('renews every preset through an authenticating proxy with CONNECT, trusting the company CA from settings', async () => {
    await useCompanyProxy();

    for (const dialect of ['oauth2', 'oauth-tokens-envelope', 'partner-header', 'bearer-rotation'] as const) {
      const { provisioned, connection } = await connectOverTls(dialect);
      const outcome = await harness.core.renewNow(connection.id);
      expect(outcome, dialect).toMatchObject({ kind: 'renewed' });
      expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
    }
    expect(
      proxyLog.filter((line) => line === `CONNECT ${new URL(partner.origin).host}`).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('says the proxy refused the credentials, without asking the partner, when the password is wrong', async () => {
    await useCompanyProxy('not-the-password');
    const { provisioned, connection } = await connectOverTls('oauth2');

    const outcome = await harness.core.renewNow(connection.id);

    expect(outcome).toMatchObject({ kind: 'followUp', reason: 'proxy_refused' });
    expect(outcome.kind === 'followUp' && outcome.message).toContain(
      `the proxy ${new URL(proxyUrl).host} refused TokenTray's credentials (407)`,
    );
    expect(JSON.stringify(outcome)).not.toContain('not-the-password');
    expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
  });

  it('takes the proxy from HTTPS_PROXY, and NO_PROXY sends a partner around it', async () => {
    process.env.HTTPS_PROXY = `http://${PROXY_USER}:${PROXY_PASSWORD}@${new URL(proxyUrl).host}`;
    harness.core.updateSettings({ network: network({ proxyLoopback: true, extraCaPem: certs.caCert }) });
    const through = await connectOverTls('oauth2');
    expect(await harness.core.renewNow(through.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(proxyLog).toHaveLength(1);

    process.env.NO_PROXY = 'localhost';
    const around = await connectOverTls('partner-header');
    expect(await harness.core.renewNow(around.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(proxyLog).toHaveLength(1);
  });

  it('names the proxy HTTPS_PROXY gives when it refuses the credentials there, and the guidance says where to fix them', async () => {
    process.env.HTTPS_PROXY = `http://${PROXY_USER}:not-the-password@${new URL(proxyUrl).host}`;
    harness.core.updateSettings({ network: network({ proxyLoopback: true, extraCaPem: certs.caCert }) });
    const { provisioned, connection } = await connectOverTls('oauth2');

    const outcome = await harness.core.renewNow(connection.id);

    expect(outcome).toMatchObject({ kind: 'followUp', reason: 'proxy_refused' });
    const followUp = outcome.kind === 'followUp' ? outcome : null;
    expect(followUp?.message).toContain(
      `the proxy ${new URL(proxyUrl).host} refused TokenTray's credentials`,
    );
    expect(followUp?.guidance.join(' ')).toContain('HTTPS_PROXY');
    expect(JSON.stringify(outcome)).not.toContain('not-the-password');
    expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
  });

  it("goes direct to this computer's own addresses unless the settings say otherwise", async () => {
    harness.core.updateSettings({ network: network({ proxyUrl, extraCaPem: certs.caCert }) });
    const { connection } = await connectOverTls('oauth2');

    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
    expect(proxyLog).toEqual([]);
  });
});

describe('extra CA certificates', () => {
  it('refuses a partner whose certificate no trusted CA issued, naming the host and the setting that fixes it', async () => {
    const { provisioned, connection } = await connectOverTls('oauth2');

    const outcome = await harness.core.renewNow(connection.id);

    expect(outcome).toMatchObject({ kind: 'followUp', reason: 'tls_untrusted' });
    const message = outcome.kind === 'followUp' ? outcome.message : '';
    expect(message.toLowerCase()).toContain(new URL(partner.origin).host);
    expect(message).toContain('Settings → Network');
    expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
  });

  it("renews once the partner's own CA certificate is added to it, on top of Node's roots", async () => {
    const { connection, partner: record } = await connectOverTls('oauth2');
    harness.core.admin.updatePartner(record.id, {
      ...record,
      network: { bypassProxy: false, extraCaPem: certs.caCert, timeoutSeconds: null },
    });

    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
  });

  it("refuses a partner whose certificate is not valid yet as a certificate problem naming the host and this computer's clock", async () => {
    const earlyCerts = makeTestCertificates({ serverValidFromTomorrow: true });
    const early = await startTlsPartner(harness.simulator.url, earlyCerts);
    try {
      harness.core.updateSettings({ network: network({ extraCaPem: earlyCerts.caCert }) });
      const { provisioned, connection } = await connectOverTls('oauth2', early);

      const outcome = await harness.core.renewNow(connection.id);

      expect(outcome).toMatchObject({ kind: 'followUp', reason: 'tls_untrusted' });
      const message = outcome.kind === 'followUp' ? outcome.message : '';
      expect(message).toContain(`${new URL(early.origin).host}: the server's certificate is not valid yet`);
      expect(message).toContain("check this computer's date and time");
      expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    } finally {
      await early.close();
    }
  });

  it('refuses a CA bundle that does not parse with a field error, and stores nothing', () => {
    const broken = certs.caCert.replace(/[A-Za-z]{8}\n/, 'AAAAAAAA\n');

    expect(() => harness.core.updateSettings({ network: network({ extraCaPem: broken }) })).toThrow(
      expect.objectContaining({
        fieldErrors: { 'network.extraCaPem': expect.stringContaining('does not parse') },
      }),
    );
    expect(() =>
      harness.core.updateSettings({ network: network({ proxyUrl: 'proxy.example.com:3128' }) }),
    ).toThrow();
    expect(harness.core.getSettings().network).toEqual(network());
  });
});

describe('mutual TLS', () => {
  it('is refused without a client certificate, renews with it, and a wrong key is its own outcome', async () => {
    harness.core.updateSettings({ network: network({ extraCaPem: certs.caCert }) });
    const without = await connectOverTls('oauth2', mutualPartner);
    const certificate = {
      authMethod: 'basic',
      bodyShape: 'flat',
      clientCertificatePem: certs.clientCert,
    } as const;
    const withCertificate = await connectOverTls(
      'oauth2',
      mutualPartner,
      { settings: certificate },
      { clientKey: certs.clientKey },
    );
    const wrongKey = await connectOverTls(
      'oauth2',
      mutualPartner,
      { settings: certificate },
      { clientKey: certs.strayKey },
    );

    expect(await harness.core.renewNow(without.connection.id)).toMatchObject({
      kind: 'followUp',
      reason: 'tls_handshake',
    });
    expect(await harness.core.renewNow(withCertificate.connection.id)).toMatchObject({ kind: 'renewed' });
    expect(await harness.core.renewNow(wrongKey.connection.id)).toMatchObject({
      kind: 'followUp',
      reason: 'tls_handshake',
    });
    expect(harness.simulator.requestCount(without.provisioned.key)).toBe(0);
  });
});

describe('"Test connection"', () => {
  /** Each step's name and result, in order. */
  const resultsOf = (check: { steps: Array<{ step: string; result: string }> }) =>
    Object.fromEntries(check.steps.map((s) => [s.step, s.result]));

  it('walks DNS, the proxy CONNECT, TLS and an HTTP HEAD to the token endpoint, and renews nothing', async () => {
    await useCompanyProxy();
    const { provisioned, connection } = await connectOverTls('oauth2');
    const before = harness.core.view((sources) => sources.tokensOf(connection.id));

    const check = await harness.core.checkConnection(connection.id);

    expect(resultsOf(check)).toEqual({
      dns: 'passed',
      connect: 'passed',
      proxy: 'passed',
      tls: 'passed',
      http: 'passed',
    });
    expect(check.ok).toBe(true);
    expect(check.steps.find((s) => s.step === 'proxy')?.message).toContain('CONNECT answered 200');
    expect(check.steps.find((s) => s.step === 'tls')?.message).toContain('TokenTray test ca');
    // The simulator answers anything but POST with 405 before it looks at a credential.
    expect(check.steps.find((s) => s.step === 'http')?.message).toContain('HTTP 405');
    expect(proxyLog).toEqual([`CONNECT ${new URL(partner.origin).host}`]);
    expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    expect(harness.core.view((sources) => sources.tokensOf(connection.id))).toEqual(before);
    expect(JSON.stringify(check)).not.toContain(PROXY_PASSWORD);
    // The rotating refresh token was not spent: it is still live, and the next renewal rotates it.
    const refreshToken = await harness.vault.get(connection.id, 'refreshToken');
    expect(harness.simulator.isRefreshTokenLive(refreshToken ?? '')).toBe(true);
    expect(await harness.core.renewNow(connection.id)).toMatchObject({
      kind: 'renewed',
      rotatedRefreshToken: true,
    });
    expect(harness.simulator.familyRevoked(provisioned.key)).toBe(false);
  });

  it('stops at the proxy when it refuses the credentials (407), without reaching the partner', async () => {
    await useCompanyProxy('not-the-password');
    const { connection } = await connectOverTls('oauth2');

    const check = await harness.core.checkConnection(connection.id);

    expect(resultsOf(check)).toEqual({
      dns: 'passed',
      connect: 'passed',
      proxy: 'failed',
      tls: 'skipped',
      http: 'skipped',
    });
    expect(check.ok).toBe(false);
    expect(check.steps.find((s) => s.step === 'proxy')?.message).toMatch(/refused .*credentials \(407\)/);
    expect(JSON.stringify(check)).not.toContain('not-the-password');
  });

  it('names an untrusted certificate at the TLS step and the setting that fixes it', async () => {
    const { connection } = await connectOverTls('oauth2');

    const check = await harness.core.checkConnection(connection.id);

    expect(resultsOf(check)).toEqual({
      dns: 'passed',
      connect: 'passed',
      proxy: 'skipped',
      tls: 'failed',
      http: 'skipped',
    });
    expect(check.steps.find((s) => s.step === 'tls')?.message).toContain('Settings → Network');
  });

  it('says the partner refused the TLS handshake without a client certificate, and passes with one', async () => {
    harness.core.updateSettings({ network: network({ extraCaPem: certs.caCert }) });
    const without = await connectOverTls('oauth2', mutualPartner);
    const withCertificate = await connectOverTls(
      'oauth2',
      mutualPartner,
      { settings: { authMethod: 'basic', bodyShape: 'flat', clientCertificatePem: certs.clientCert } },
      { clientKey: certs.clientKey },
    );

    const refused = await harness.core.checkConnection(without.connection.id);
    const accepted = await harness.core.checkConnection(withCertificate.connection.id);

    expect(resultsOf(refused)).toMatchObject({ tls: 'failed', http: 'skipped' });
    expect(refused.steps.find((s) => s.step === 'tls')?.message).toMatch(/refused the TLS handshake/);
    expect(resultsOf(accepted)).toMatchObject({ tls: 'passed', http: 'passed' });
    expect(accepted.steps.find((s) => s.step === 'tls')?.message).toContain('client certificate was offered');
  });

  it('stops at DNS for a host name that does not exist, and at the connection for a closed port', async () => {
    const { connection: unknownHost } = await connectOverTls('oauth2');
    await harness.core.admin.updateConnection(unknownHost.id, {
      ...unknownHost,
      endpoint: 'https://partner.invalid/oauth/token',
    });
    const { connection: closedPort } = await connectOverTls('oauth2');
    await harness.core.admin.updateConnection(closedPort.id, {
      ...closedPort,
      endpoint: `https://127.0.0.1:${await closedPortNumber()}/oauth/token`,
    });

    const dns = await harness.core.checkConnection(unknownHost.id);
    const closed = await harness.core.checkConnection(closedPort.id);

    expect(resultsOf(dns)).toMatchObject({ dns: 'failed', connect: 'skipped', http: 'skipped' });
    expect(dns.steps[0]?.message).toContain('partner.invalid');
    expect(resultsOf(closed)).toMatchObject({ dns: 'passed', connect: 'failed', tls: 'skipped' });
    expect(closed.steps.find((s) => s.step === 'connect')?.message).toContain('refused');
  });
});

/** A port nothing listens on: bound, then closed again. */
async function closedPortNumber(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
