import { describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import type { Connection } from '../../../main/core/domain';
import type { CoreHarness } from '../../support/core-harness';
import type { FakeClock } from '../../support/fake-clock';
import { MACHINE_CLIENT, type OidcServer } from '../../support/oidc-server';
import { startForEachTest } from './sign-in-support';

const LIFETIME_S = 60;

describe('client credentials against a real authorization server', () => {
  let clock: FakeClock;
  let harness: CoreHarness;
  let oidc: OidcServer;
  startForEachTest({ accessTokenTtl: LIFETIME_S }, (world) => ({ clock, harness, oidc } = world));

  async function addMachineConnection(core: TokenTrayCore, clientSecret: string): Promise<Connection> {
    const partner = core.admin.addPartner({ name: 'Machine partner', contactEmail: 'ops@partner.example' });
    const connection = await core.admin.addConnection(
      {
        partnerId: partner.id,
        label: 'Orders API',
        dialect: 'oauth2',
        endpoint: `${oidc.issuer}/token`,
        settings: {
          clientId: MACHINE_CLIENT.clientId,
          grant: 'client_credentials',
          scope: 'orders:read',
          authMethod: 'basic',
          bodyShape: 'flat',
        },
        // The server's tokens live a minute: a five-minute lead time would call them expiring at once.
        policy: { leadTimeMs: 10_000 },
      },
      { clientSecret },
    );
    // The planner renews a connection without a token at once.
    await clock.advanceAsync(0);
    await core.idle();
    return connection;
  }

  it('gets a token at once and renews it on schedule with the client credentials alone', async () => {
    const { core } = harness;
    const connection = await addMachineConnection(core, MACHINE_CLIENT.clientSecret);
    const first = core.snapshot().partners[0]?.connections[0];
    expect(first?.status).toBe('healthy');
    expect(first?.token?.scope).toBe('orders:read');
    expect(oidc.tokenRequests.client_credentials).toBe(1);
    expect(await harness.vault.get(connection.id, 'refreshToken')).toBeNull();

    // Two thirds of the lifetime, and a little more for the jitter.
    await clock.advanceAsync((LIFETIME_S * 1000 * 2) / 3 + 1000);
    await core.idle();
    expect(oidc.tokenRequests.client_credentials).toBe(2);
    const renewed = core.snapshot().partners[0]?.connections[0];
    expect(renewed?.status).toBe('healthy');
    expect(renewed?.token?.fingerprint).not.toBe(first?.token?.fingerprint);
    expect(core.history({ connectionId: connection.id }).filter((e) => e.action === 'renewed')).toHaveLength(
      2,
    );
  });

  it('ends in needs action after one request when the client secret is wrong', async () => {
    const { core } = harness;
    await addMachineConnection(core, 'not-the-secret');
    const view = core.snapshot().partners[0]?.connections[0];
    expect(view?.status).toBe('needsAction');
    expect(view?.followUp?.reason).toBe('invalid_client');
    expect(oidc.tokenRequests.client_credentials).toBe(1);

    await clock.advanceAsync(10 * 60_000);
    await core.idle();
    expect(oidc.tokenRequests.client_credentials).toBe(1);
  });
});
