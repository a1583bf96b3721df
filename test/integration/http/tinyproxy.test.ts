import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCompanyProxy } from '../../support/company-proxy';
import type { CoreHarness } from '../../support/core-harness';
import type { TestCertificates } from '../../support/test-certificates';
import { startTinyproxy } from '../../support/tinyproxy';
import type { Tinyproxy } from '../../support/tinyproxy';
import type { TlsFront } from '../../support/tls-front';
import { connectOverTls, networkSettings, startCoreWithTlsPartner } from '../../support/tls-partner';

const PROXY_USER = 'desk42';
const PROXY_PASSWORD = 'tinyproxy-password-81c2';

let certs: TestCertificates;
let harness: CoreHarness;
let partner: TlsFront;
let tinyproxy: Tinyproxy;

beforeAll(async () => {
  ({ certs, harness, partner } = await startCoreWithTlsPartner());
  tinyproxy = await startTinyproxy({ user: PROXY_USER, password: PROXY_PASSWORD });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await partner.close();
  await tinyproxy.close();
});

/** The connection as the window's list shows it. */
function briefOf(id: string) {
  return harness.core
    .snapshot()
    .partners.flatMap((partner) => partner.connections)
    .find((connection) => connection.id === id);
}

/** Tinyproxy in settings with the test CA, and `password` for its user. */
function useTinyproxy(password: string): Promise<void> {
  return useCompanyProxy(
    harness,
    { url: tinyproxy.url, user: PROXY_USER, password },
    { extraCaPem: certs.caCert },
  );
}

describe("Debian's tinyproxy as the company proxy", () => {
  it('renews through it with CONNECT, as its own log shows, and a wrong password is the proxy refusal', async () => {
    await useTinyproxy(PROXY_PASSWORD);
    const { connection } = await connectOverTls(harness, 'oauth2', partner);
    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
    expect(
      tinyproxy.logLines().some((line) => line.includes(`CONNECT ${new URL(partner.origin).host}`)),
    ).toBe(true);

    await useTinyproxy('not-the-password');
    const refused = await connectOverTls(harness, 'partner-header', partner);
    expect(await harness.core.renewNow(refused.connection.id)).toMatchObject({
      kind: 'followUp',
      reason: 'proxy_refused',
    });
    expect(harness.simulator.requestCount(refused.provisioned.key)).toBe(0);

    const check = await harness.core.checkConnection(refused.connection.id);
    expect(check.steps.find((step) => step.step === 'proxy')).toMatchObject({
      result: 'failed',
      message: expect.stringMatching(/refused TokenTray's credentials/),
    });
  });

  it('a proxy that will not open a tunnel to the partner is a network failure naming the proxy, not a refusal by the partner', async () => {
    const strict = await startTinyproxy(undefined, [443]);
    try {
      harness.core.updateSettings({
        network: networkSettings({ proxyUrl: strict.url, proxyLoopback: true, extraCaPem: certs.caCert }),
      });
      const { connection, provisioned } = await connectOverTls(harness, 'oauth2', partner);

      const outcome = await harness.core.renewNow(connection.id);

      expect(outcome).toMatchObject({ kind: 'retry', reason: 'network' });
      expect(outcome.kind === 'retry' && outcome.message).toMatch(
        /proxy \S+ would not open a tunnel .*HTTP 403/,
      );
      expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    } finally {
      await strict.close();
    }
  });
});

describe("Debian's tinyproxy in front of a plain-http partner", () => {
  /** The simulator itself, on http://127.0.0.1: through the proxy, which forwards the request. */
  async function usePlainTinyproxy(password: string): Promise<void> {
    harness.core.updateSettings({
      network: networkSettings({ proxyUrl: tinyproxy.url, proxyUsername: PROXY_USER, proxyLoopback: true }),
    });
    await harness.core.setProxyPassword(password);
  }

  it("wrong proxy credentials are the proxy's refusal with its guidance, though tinyproxy answers them with 401, and the partner is never asked", async () => {
    await usePlainTinyproxy('not-the-password');
    const { connection, provisioned } = await harness.connect('oauth2');

    const outcome = await harness.core.renewNow(connection.id);

    expect(outcome).toMatchObject({
      kind: 'followUp',
      reason: 'proxy_refused',
      message: expect.stringMatching(/proxy \S+ refused TokenTray's credentials \(401\)/),
      guidance: expect.arrayContaining([expect.stringMatching(/proxy user name or password/)]),
    });
    expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    const check = await harness.core.checkConnection(connection.id);
    expect(check.steps.find((step) => step.step === 'proxy')).toMatchObject({
      result: 'failed',
      message: expect.stringMatching(/refused TokenTray's credentials \(401\)/),
    });
    expect(check.steps.filter((step) => step.step === 'proxy')).toHaveLength(1);
  });

  it('connections the proxy refused are planned again once the password is put right, with no renewal by hand', async () => {
    await usePlainTinyproxy('not-the-password');
    const { connection, provisioned } = await harness.connect('oauth2');
    expect(await harness.core.renewNow(connection.id)).toMatchObject({ reason: 'proxy_refused' });
    expect(briefOf(connection.id)).toMatchObject({ status: 'needsAction', nextRenewalAt: null });

    await harness.core.setProxyPassword(PROXY_PASSWORD);

    const after = briefOf(connection.id);
    expect(after?.status).toBe('healthy');
    // Planned again: its next renewal is on the schedule, and it goes through the proxy.
    expect(after?.nextRenewalAt).toEqual(expect.any(Number));
    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
  });

  it('connections the proxy refused are planned again once the network settings change, such as going around the proxy', async () => {
    await usePlainTinyproxy('not-the-password');
    const { connection } = await harness.connect('oauth2');
    expect(await harness.core.renewNow(connection.id)).toMatchObject({ reason: 'proxy_refused' });

    harness.core.updateSettings({
      network: networkSettings({ proxyUrl: tinyproxy.url, proxyLoopback: false }),
    });

    expect(briefOf(connection.id)).toMatchObject({ status: 'healthy', nextRenewalAt: expect.any(Number) });
    expect(await harness.core.renewNow(connection.id)).toMatchObject({ kind: 'renewed' });
  });

  it("the partner's own 401, forwarded by tinyproxy with the right credentials, is still the partner's refusal", async () => {
    await usePlainTinyproxy(PROXY_PASSWORD);
    const { connection, provisioned } = await harness.connect('oauth2');
    harness.simulator.inject(provisioned.key, {
      kind: 'status',
      status: 401,
      body: JSON.stringify({ error: 'invalid_client' }),
      headers: { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="partner"' },
    });

    const outcome = await harness.core.renewNow(connection.id);

    expect(outcome).toMatchObject({ kind: 'followUp', reason: 'invalid_client', httpStatus: 401 });
    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
    expect(tinyproxy.logLines().some((line) => line.includes(`POST ${harness.simulator.url}`))).toBe(true);
  });
});
