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
      expect(outcome.kind === 'retry' && outcome.message).toMatch(/proxy would not open a tunnel .*HTTP 403/);
      expect(harness.simulator.requestCount(provisioned.key)).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
