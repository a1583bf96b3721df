import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TokenTrayError } from '../../../main/core/domain/errors';
import { clearNetworkSettings, useCompanyProxy } from '../../support/company-proxy';
import { startCoreHarness, type CoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';
import { startForwardProxy, type ForwardProxy } from '../../support/forward-proxy';
import { startOidcServer, type OidcServer } from '../../support/oidc-server';
import { addSignInConnection, signInAs } from './sign-in-support';

const PROXY_USER = 'desk42';
const PROXY_PASSWORD = 'sign-in-proxy-password';

let clock: FakeClock;
let harness: CoreHarness;
let oidc: OidcServer;
let proxy: ForwardProxy;

beforeAll(async () => {
  clock = new FakeClock(Date.now());
  harness = await startCoreHarness({ clock });
  oidc = await startOidcServer();
  proxy = await startForwardProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await oidc.close();
  await proxy.close();
});

afterEach(async () => {
  await clearNetworkSettings(harness);
  proxy.log.length = 0;
});

/** The company proxy in settings, this computer's addresses (the test's issuer) through it too. */
function useProxy(password = PROXY_PASSWORD): Promise<void> {
  return useCompanyProxy(harness, { url: proxy.url, user: PROXY_USER, password });
}

/** Signs in as a person would; the browser's part goes to the server directly, TokenTray's through its route. */
function signIn(connectionId: string) {
  return signInAs(harness.core, connectionId, 'alice');
}

describe('sign-in and discovery on a company network', () => {
  it('discovers the issuer through the proxy in settings, and names a proxy refusal as the reason it could not', async () => {
    await useProxy();

    const found = await harness.core.discoverIssuer(oidc.issuer);

    expect(found.tokenEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(proxy.log).toContain(`GET ${oidc.issuer}/.well-known/openid-configuration`);

    await useProxy('not-the-password');
    await expect(harness.core.discoverIssuer(oidc.issuer)).rejects.toMatchObject({
      fieldErrors: { 'settings.issuer': expect.stringMatching(/proxy \S+ refused/) },
    });
  });

  it("discovers the issuer for a connection being added on its partner's route: directly for a partner set to go without the proxy", async () => {
    await useProxy('not-the-password');
    const partner = harness.core.admin.addPartner({
      name: 'Partner beside the proxy',
      contactEmail: 'ops@partner.example',
      network: { bypassProxy: true, extraCaPem: null, timeoutSeconds: null },
    });
    proxy.log.length = 0;

    const found = await harness.core.discoverIssuer(oidc.issuer, partner.id);

    expect(found.tokenEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(proxy.log).toEqual([]);
    // Without the partner, the profile's proxy (refusing these credentials) applies.
    await expect(harness.core.discoverIssuer(oidc.issuer)).rejects.toMatchObject({
      fieldErrors: { 'settings.issuer': expect.stringMatching(/proxy \S+ refused/) },
    });
  });

  it("exchanges the sign-in's code through the proxy, and directly for a partner set to go without it", async () => {
    const proxied = await addSignInConnection(harness.core, clock, oidc);
    await useProxy();
    expect((await signIn(proxied.id)).account).toBe('alice@partner.example');
    expect(proxy.log).toContain(`POST ${proxied.endpoint}`);

    const direct = await addSignInConnection(harness.core, clock, oidc);
    const partner = harness.core.view((sources) => sources.partners).find((p) => p.id === direct.partnerId)!;
    harness.core.admin.updatePartner(direct.partnerId, {
      ...partner,
      network: { bypassProxy: true, extraCaPem: null, timeoutSeconds: null },
    });
    proxy.log.length = 0;
    expect((await signIn(direct.id)).account).toBe('alice@partner.example');
    expect(proxy.log).toEqual([]);
  });

  it('says the proxy refused the credentials when the code exchange meets a 407, and stores nothing', async () => {
    const connection = await addSignInConnection(harness.core, clock, oidc);
    await useProxy('not-the-password');

    const error = (await signIn(connection.id).then(
      () => null,
      (failure: TokenTrayError) => failure,
    ))!;

    expect(error.code).toBe('sign_in_unreachable');
    expect(error.message).toMatch(/proxy \S+ refused TokenTray's credentials \(407\)/);
    expect(error.guidance.join(' ')).toContain('Settings → Network');
    expect(JSON.stringify(error)).not.toContain('not-the-password');
    expect(await harness.vault.get(connection.id, 'refreshToken')).toBeNull();
  });
});
