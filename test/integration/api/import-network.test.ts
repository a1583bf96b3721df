import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '../../../main/core/domain';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { connectionFor } from '../../support/connection-for';
import { makeTestCertificates } from '../../support/test-certificates';
import type { TestCertificates } from '../../support/test-certificates';
import { apiClient } from './api-client';

const PASSPHRASE = 'moving day: correct horse battery';
/** The shape of a PEM certificate around bytes that are no certificate: only a real parse finds it out. */
const UNPARSEABLE_PEM = `-----BEGIN CERTIFICATE-----\n${Buffer.from('no certificate here, just text').toString('base64')}\n-----END CERTIFICATE-----\n`;

let certs: TestCertificates;
let source: CoreHarness;
const targets: CoreHarness[] = [];
const NETWORK = { bypassProxy: true, extraCaPem: '', timeoutSeconds: 20 };

beforeAll(async () => {
  certs = makeTestCertificates();
  NETWORK.extraCaPem = certs.caCert.trim();
  source = await startCoreHarness();
  const partner = source.core.admin.addPartner({ name: 'Globex Bank', network: NETWORK });
  const provisioned = source.simulator.provision('oauth2');
  const { input, secrets } = connectionFor(provisioned, partner.id, {
    label: 'Payments API',
    settings: { authMethod: 'basic', bodyShape: 'flat', clientCertificatePem: certs.clientCert },
  });
  await source.core.admin.addConnection(input, { ...secrets, clientKey: certs.clientKey });
}, 60_000);

afterAll(async () => {
  await source.close();
  for (const target of targets) await target.close();
});

async function newProfile(): Promise<CoreHarness> {
  const target = await startCoreHarness();
  targets.push(target);
  return target;
}

const partnersOf = (harness: CoreHarness): Partner[] => harness.core.view((sources) => sources.partners);
const firstConnectionOf = (harness: CoreHarness) =>
  harness.core.view((sources) => sources.partners.flatMap((p) => sources.connectionsOf(p.id)))[0];

describe("a partner's and a connection's network settings in files", () => {
  it("go with an export and a backup: the partner's CA, no-proxy and timeout, the connection's client certificate and, in the backup, its key", async () => {
    const plain = await newProfile();
    await apiClient(plain.core).call(
      'importData',
      (await apiClient(source.core).call('exportData')).contents,
    );
    const restored = await newProfile();
    const backup = await apiClient(source.core).call('exportBackup', PASSPHRASE);
    await apiClient(restored.core).call('importBackup', backup.contents, PASSPHRASE);

    for (const target of [plain, restored]) {
      const [partner] = partnersOf(target);
      expect(partner?.network).toEqual(NETWORK);
      expect(firstConnectionOf(target)?.settings.clientCertificatePem?.trim()).toBe(certs.clientCert.trim());
    }
    // Compared here, so a failure never prints the key.
    const key = await restored.vault.get(firstConnectionOf(restored)!.id, 'clientKey');
    expect(key?.trim() === certs.clientKey.trim()).toBe(true);
  });

  it('skip a partner whose CA and a connection whose client certificate do not parse, each with the field and why, and add the rest', async () => {
    const target = await newProfile();
    const connection = {
      partnerId: 'p1',
      dialect: 'oauth2',
      endpoint: 'https://bank.example/oauth/token',
      settings: { clientId: 'client-1', clientCertificatePem: UNPARSEABLE_PEM },
    };
    const file = {
      format: 'tokentray-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      partners: [
        { id: 'p1', name: 'Good Partner' },
        { id: 'p2', name: 'Broken CA', network: { extraCaPem: UNPARSEABLE_PEM } },
        { id: 'p3', name: 'Not PEM at all', network: { extraCaPem: 'my company CA' } },
      ],
      connections: [
        { ...connection, id: 'c1', label: 'Broken certificate' },
        { ...connection, id: 'c2', label: 'Fine', settings: { clientId: 'client-1' } },
      ],
    };

    const result = await apiClient(target.core).call('importData', JSON.stringify(file));

    expect(result).toMatchObject({ partnersAdded: 1, connectionsAdded: 1 });
    expect(result.skipped).toEqual([
      {
        item: 'Partner 2 "Broken CA"',
        reason: expect.stringMatching(/^network\.extraCaPem: .*does not parse/),
      },
      { item: 'Partner 3 "Not PEM at all"', reason: expect.stringMatching(/^network\.extraCaPem: /) },
      {
        item: 'Connection 1 "Broken certificate"',
        reason: expect.stringMatching(/^settings\.clientCertificatePem: .*does not parse/),
      },
    ]);
    expect(partnersOf(target).map((p) => p.name)).toEqual(['Good Partner']);
  });
});
