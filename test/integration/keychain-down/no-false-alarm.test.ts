import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';

let harness: CoreHarness;
beforeEach(async () => {
  harness = await startCoreHarness({ clock: new FakeClock(Date.now()) });
});
afterEach(async () => {
  await harness.close();
});

it('removing partners while other connections change their secrets never says the keychain is down', async () => {
  const removed = [];
  for (let i = 0; i < 6; i++) removed.push(await harness.connect('oauth2', { rotate: true }));
  const renewing = [];
  for (let i = 0; i < 3; i++) renewing.push(await harness.connect('oauth2', { rotate: true }));

  // Each removal lists the service's items while others delete or rotate theirs.
  const outcomes = await Promise.allSettled([
    ...removed.map(({ connection }) => harness.core.admin.removePartner(connection.partnerId)),
    ...renewing.map(({ connection }) => harness.core.renewNow(connection.id)),
  ]);

  expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
  expect(harness.core.snapshot().keychainAvailable).toBe(true);
  const left = await harness.vault.listAccounts();
  for (const { connection } of removed) {
    expect(left.some((account) => account.startsWith(`${connection.id}/`))).toBe(false);
  }
  for (const { connection } of renewing) {
    const refresh = await harness.vault.get(connection.id, 'refreshToken');
    expect(harness.simulator.isRefreshTokenLive(refresh!)).toBe(true);
  }
});
