import { afterEach, beforeEach, expect, it } from 'vitest';
import { profileOnDisk } from '../../support/profile-on-disk';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

let harness: CoreHarness;
beforeEach(async () => {
  harness = await startCoreHarness();
});
afterEach(async () => {
  await harness.close();
});

it('100 concurrent renew requests for one connection send exactly one request to the server', async () => {
  const { provisioned, connection } = await harness.connect('oauth2', { rotate: true });
  // Hold the answer back so every call arrives while the first is still under way.
  harness.simulator.setResponseDelay(provisioned.key, 200);

  const outcomes = await Promise.all(Array.from({ length: 100 }, () => harness.core.renewNow(connection.id)));

  expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
  expect(harness.simulator.familyRevoked(provisioned.key)).toBe(false);
  expect(new Set(outcomes).size).toBe(1);
  expect(outcomes[0]).toMatchObject({ kind: 'renewed', rotatedRefreshToken: true });
  const refresh = await harness.vault.get(connection.id, 'refreshToken');
  expect(harness.simulator.isRefreshTokenLive(refresh!)).toBe(true);
});

it('renewals one after another each use the refresh token the previous one stored', async () => {
  const { provisioned, connection } = await harness.connect('bearer-rotation');

  for (let i = 0; i < 5; i++) expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');

  expect(harness.simulator.requestCount(provisioned.key)).toBe(5);
  expect(harness.simulator.familyRevoked(provisioned.key)).toBe(false);
});

it('a connection that renews again and again keeps only its newest token records', async () => {
  const { connection } = await harness.connect('partner-header');

  for (let i = 0; i < 14; i++) await harness.core.renewNow(connection.id);

  const view = harness.core.snapshot().partners[0]!.connections[0]!;
  expect(view.token?.status).toBe('active');
  expect(view.previousTokens.length).toBeLessThanOrEqual(5);
  const stored = profileOnDisk(harness.directory).tokens;
  expect(Object.values(stored).filter((t) => t.connectionId === connection.id)).toHaveLength(10);
});
