import type { ConnectionInput, ConnectionSecrets } from '../../main/core/domain';
import type { NetworkSettings } from '../../main/core/domain/network';
import type { SimDialect } from '../simulator/simulator';
import { connectionFor } from './connection-for';
import type { CoreHarness } from './core-harness';
import { startCoreHarness } from './core-harness';
import type { TestCertificates } from './test-certificates';
import { makeTestCertificates } from './test-certificates';
import type { TlsFront } from './tls-front';
import { startTlsFront } from './tls-front';

/** The network settings with everything off, and then what a test names. */
export function networkSettings(overrides: Partial<NetworkSettings> = {}): NetworkSettings {
  return {
    proxyUrl: null,
    proxyUsername: null,
    proxyLoopback: false,
    extraCaPem: null,
    timeoutSeconds: 30,
    ...overrides,
  };
}

/** A partner of its own with a connection to an account on the harness's simulator, reached over TLS at `front`. */
export async function connectOverTls(
  harness: CoreHarness,
  dialect: SimDialect,
  front: TlsFront,
  overrides: Partial<ConnectionInput> = {},
  extraSecrets: Partial<ConnectionSecrets> = {},
) {
  const provisioned = harness.simulator.provision(dialect);
  const endpoint = `${front.origin}${new URL(provisioned.endpoint).pathname}`;
  const partner = harness.core.admin.addPartner({
    name: `Partner ${dialect} ${provisioned.key}`,
    contactEmail: 'ops@partner.example',
  });
  const { input, secrets } = connectionFor(provisioned, partner.id, {
    endpoint,
    verifyUrl: undefined,
    revocationUrl: undefined,
    ...overrides,
  });
  const connection = await harness.core.admin.addConnection(input, { ...secrets, ...extraSecrets });
  return { provisioned, connection, partner };
}

/**
 * A partner over TLS: a front for the simulator at `simulatorUrl` with the test CA's server
 * certificate; `mutual` also asks for a client certificate from the test's client CA.
 */
export function startTlsPartner(
  simulatorUrl: string,
  certs: TestCertificates,
  options: { mutual?: boolean } = {},
): Promise<TlsFront> {
  return startTlsFront(Number(new URL(simulatorUrl).port), {
    cert: certs.serverCert,
    key: certs.serverKey,
    ...(options.mutual && { requestCert: true, rejectUnauthorized: true, ca: certs.clientCaCert }),
  });
}

/** A core, and a partner it reaches over TLS with a certificate from the test CA: where a test of the company network starts. */
export async function startCoreWithTlsPartner(): Promise<{
  certs: TestCertificates;
  harness: CoreHarness;
  partner: TlsFront;
}> {
  const certs = makeTestCertificates();
  const harness = await startCoreHarness();
  const partner = await startTlsPartner(harness.simulator.url, certs);
  return { certs, harness, partner };
}
