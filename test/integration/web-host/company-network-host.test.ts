import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '../../../main/core/domain';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { startSimulator } from '../../simulator/simulator';
import type { Simulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { startForwardProxy } from '../../support/forward-proxy';
import type { ForwardProxy } from '../../support/forward-proxy';
import { callApi } from '../../support/raw-http-request';
import { runTokentray } from '../../support/run-tokentray';
import { startServe, urlLine } from '../../support/serve-process';
import type { RunningServe } from '../../support/serve-process';
import { makeTestCertificates } from '../../support/test-certificates';
import type { TlsFront } from '../../support/tls-front';
import { networkSettings, startTlsPartner } from '../../support/tls-partner';

const keychainService = `TokenTray-test-${randomUUID()}`;
let folder: string;
let profile: string;
let simulator: Simulator;
let partnerFront: TlsFront;
let proxy: ForwardProxy;
let serve: RunningServe;
let api: (method: string, ...args: unknown[]) => Promise<unknown>;

beforeAll(async () => {
  execFileSync('npm', ['run', '--silent', 'build:cli']);
  folder = mkdtempSync(join(tmpdir(), 'tokentray-company-host-'));
  profile = join(folder, 'profile');
  const certs = makeTestCertificates();
  // The company's CA, trusted on this desktop the way Node tools are told to: NODE_EXTRA_CA_CERTS.
  const companyCa = join(folder, 'company-ca.pem');
  writeFileSync(companyCa, certs.caCert);
  simulator = await startSimulator();
  partnerFront = await startTlsPartner(simulator.url, certs);
  proxy = await startForwardProxy({ user: 'desk42', password: 'env-proxy-secret' });
  serve = startServe(profile, keychainService, {
    HTTPS_PROXY: `http://desk42:env-proxy-secret@${proxy.host}`,
    NO_PROXY: 'intranet.corp',
    NODE_EXTRA_CA_CERTS: companyCa,
  });
  const { port, token } = await urlLine(serve);
  api = async (method, ...args) => {
    const answer = await callApi(port, token, method, args);
    if (answer.status !== 200) throw new Error(`${method} answered ${answer.status}: ${answer.body}`);
    return (JSON.parse(answer.body) as { result: unknown }).result;
  };
  // Loopback partners through the proxy too, and a partner that brings a CA of its own (another one).
  await api('updateSettings', { network: networkSettings({ proxyLoopback: true }) });
  const partner = (await api('addPartner', {
    name: 'Globex Bank',
    network: { bypassProxy: false, extraCaPem: certs.clientCaCert, timeoutSeconds: null },
  })) as Partner;
  const provisioned = simulator.provision('oauth2');
  const { input, secrets } = connectionFor(provisioned, partner.id, {
    label: 'Payments API',
    endpoint: `${partnerFront.origin}${new URL(provisioned.endpoint).pathname}`,
    verifyUrl: undefined,
    revocationUrl: undefined,
  });
  await api('addConnection', input, secrets);
}, 120_000);

afterAll(async () => {
  if (serve.child.pid && serve.child.exitCode === null) process.kill(-serve.child.pid, 'SIGTERM');
  await serve.closed;
  await partnerFront.close();
  await proxy.close();
  await simulator.close();
  const keychain = new KeytarVault({ service: keychainService });
  for (const account of await keychain.listAccounts()) await keychain.deleteItem(account);
  await keychain.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('npm run serve and the tokentray command on a company desktop', () => {
  it("renew through HTTPS_PROXY with its credentials, trusting NODE_EXTRA_CA_CERTS's CA beside a partner's own", async () => {
    proxy.log.length = 0;

    const renewed = await runTokentray(profile, 'renew', 'Payments API');

    expect(renewed).toMatchObject({ code: 0, stdout: expect.stringContaining('Renewed Globex Bank') });
    expect(proxy.log).toEqual([`CONNECT ${new URL(partnerFront.origin).host}`]);
    const token = await runTokentray(profile, 'token', 'Payments API');
    expect(token.code).toBe(0);
    expect(simulator.isAccessTokenLive(token.stdout.trim())).toBe(true);
    expect(serve.stderr() + serve.stdout()).not.toContain('env-proxy-secret');
  });
});
