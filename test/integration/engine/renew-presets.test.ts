import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimDialect } from '../../simulator/simulator';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

const RENEWABLE: SimDialect[] = ['oauth2', 'oauth-tokens-envelope', 'partner-header', 'bearer-rotation'];
const HOUR = 3600;

describe('each preset renews end to end against the partner simulator', () => {
  let harness: CoreHarness;
  beforeEach(async () => {
    harness = await startCoreHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  for (const dialect of RENEWABLE) {
    it(`${dialect}: renew now stores a working token in the keychain with the server's expiry`, async () => {
      const { provisioned, connection } = await harness.connect(dialect, {
        accessLifetimeSec: HOUR,
        rotate: true,
      });
      const before = Date.now();

      const outcome = await harness.core.renewNow(connection.id);

      expect(outcome).toMatchObject({ kind: 'renewed' });
      const access = await harness.vault.get(connection.id, 'accessToken');
      const refresh = await harness.vault.get(connection.id, 'refreshToken');
      expect(access).not.toBe(provisioned.accessToken);
      expect(harness.simulator.isAccessTokenLive(access!)).toBe(true);
      expect(harness.simulator.isRefreshTokenLive(refresh!)).toBe(true);
      expect(await harness.vault.get(connection.id, 'previousRefreshToken')).toBeNull();
      expect(harness.simulator.requestCount(provisioned.key)).toBe(1);

      const view = harness.core.snapshot().partners[0]!.connections[0]!;
      expect(view.status).toBe('healthy');
      expect(view.token?.status).toBe('active');
      const serverExpiry =
        dialect === 'bearer-rotation' ? decodeJwt(access!).exp! * 1000 : before + HOUR * 1000;
      // Server times come in whole seconds.
      expect(Math.abs(view.token!.expiresAt! - serverExpiry)).toBeLessThan(2000);
      expect(view.previousTokens[0]?.status).toBe(dialect === 'bearer-rotation' ? 'revoked' : 'renewed');
      expect(harness.core.history({ connectionId: connection.id })[0]).toMatchObject({
        action: 'renewed',
        outcome: 'ok',
      });
    });
  }

  it('the envelope dialect also renews with a body wrapped as {"token": {...}}', async () => {
    const { connection } = await harness.connect('oauth-tokens-envelope', undefined, {
      settings: { bodyShape: 'wrapped', authMethod: 'basic' },
    });
    expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');
  });

  it('oauth2 with client authentication in the body renews', async () => {
    const { connection } = await harness.connect('oauth2', undefined, {
      settings: { authMethod: 'body', bodyShape: 'flat' },
    });
    expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');
  });

  it('a response without a refresh token keeps the stored one', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', { rotate: false });
    await harness.core.renewNow(connection.id);
    expect(await harness.vault.get(connection.id, 'refreshToken')).toBe(provisioned.refreshToken);
  });

  it('a manual token pasted in becomes New and the old one Renewed, still usable until its expiry', async () => {
    const { provisioned, connection } = await harness.connect('manual');
    const next = harness.simulator.issuePartnerToken(provisioned.key, 365 * 24 * HOUR);

    await harness.core.tokens.replaceManualToken(connection.id, next.token, next.expiresAt);

    const view = harness.core.snapshot().partners[0]!.connections[0]!;
    expect(view.token?.status).toBe('new');
    expect(view.token?.expiresAt).toBe(next.expiresAt);
    expect(view.previousTokens[0]?.status).toBe('renewed');
    expect(await harness.vault.get(connection.id, 'partnerToken')).toBe(next.token);
    expect(await harness.vault.get(connection.id, 'previousPartnerToken')).toBe(provisioned.accessToken);
    expect(harness.simulator.isAccessTokenLive(provisioned.accessToken)).toBe(true);
    expect((await harness.core.tokens.verify(connection.id)).ok).toBe(true);
    expect(harness.core.snapshot().partners[0]!.connections[0]!.token?.status).toBe('active');
  });

  it('a manual connection is never renewed by the engine', async () => {
    const { connection } = await harness.connect('manual');
    const outcome = await harness.core.renewNow(connection.id);
    expect(outcome).toMatchObject({ kind: 'followUp', reason: 'not_eligible' });
    expect(harness.core.snapshot().partners[0]!.connections[0]!.status).toBe('healthy');
  });
});
