import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIN_RENEWAL_INTERVAL_MS } from '../../../main/core/engine/renewal-planner';
import type { Fault } from '../../simulator/simulator';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';
import { viewOf } from '../faults/stored-state';
import { MINUTE } from './time-support';

const YEAR_SEC = 365 * 24 * 3600;

let clock: FakeClock;
let harness: CoreHarness;
beforeEach(async () => {
  clock = new FakeClock(Date.now());
  harness = await startCoreHarness({ clock });
});
afterEach(async () => {
  await harness.close();
});

/** An oauth2 answer with exactly this `expires_in` (left out when undefined). */
function answerWith(expiresIn: unknown): Fault {
  const body: Record<string, unknown> = {
    access_token: `at-${Math.random().toString(36).slice(2)}`,
    token_type: 'Bearer',
  };
  if (expiresIn !== undefined) body.expires_in = expiresIn;
  return { kind: 'status', status: 200, body: JSON.stringify(body) };
}

async function runFor(ms: number): Promise<void> {
  await clock.advanceAsync(ms);
  await harness.core.idle();
}

describe('the lifetime a partner gives, as the window shows it', () => {
  it('"3600" as a string is an hour: healthy, expiring in an hour, renewing two thirds in', async () => {
    const { connection } = await harness.connect('oauth2', { expiresInAsString: true });

    expect((await harness.core.renewNow(connection.id)).kind).toBe('renewed');

    const view = viewOf(harness.core, connection.id);
    expect(view.status).toBe('healthy');
    expect(view.lifetimeUnknown).toBe(false);
    expect(Math.abs(view.token!.expiresAt! - (clock.now() + 60 * MINUTE))).toBeLessThan(1000);
    expect(view.nextRenewalAt! - clock.now()).toBeGreaterThan(39 * MINUTE);
  });

  for (const [label, fault] of [
    ['missing', undefined],
    ['more than ten years', 20 * YEAR_SEC],
  ] as const) {
    it(`${label}: the lifetime shows as unknown, never as a far-off expiry, and it renews again in an hour`, async () => {
      const { provisioned, connection } = await harness.connect('oauth2');
      harness.simulator.inject(provisioned.key, answerWith(fault));

      const outcome = await harness.core.renewNow(connection.id);

      expect(outcome).toMatchObject({ kind: 'renewed', expiresAt: null });
      const view = viewOf(harness.core, connection.id);
      // What the window shows: "healthy, lifetime unknown" with no expiry date and no countdown.
      expect(view.lifetimeUnknown).toBe(true);
      expect(view.token?.expiresAt).toBeNull();
      expect(view.token?.status).toBe('active');
      expect(view.status).toBe('healthy');
      // Not from the lifetime, which nobody knows: the policy's interval after this renewal.
      expect(view.nextRenewalAt! - clock.now()).toBeGreaterThan(59 * MINUTE);
      expect(view.nextRenewalAt! - clock.now()).toBeLessThanOrEqual(60 * MINUTE);
      expect(harness.core.snapshot().summary.nextExpiryAt).toBeNull();
      expect(harness.core.history({ connectionId: connection.id })[0]?.message).toMatch(/no lifetime/);
    });
  }

  for (const expiresIn of [0, -60]) {
    it(`${expiresIn}: the new token shows as expired and is renewed again after a pause, not in a loop`, async () => {
      const { provisioned, connection } = await harness.connect('oauth2');
      // The partner keeps answering so; a loop would send request after request at once.
      harness.simulator.inject(provisioned.key, answerWith(expiresIn), 3);

      const outcome = await harness.core.renewNow(connection.id);
      expect(outcome.kind).toBe('renewed');
      const view = viewOf(harness.core, connection.id);
      expect(view.token?.status).toBe('expired');
      expect(view.status).toBe('needsAction');
      expect(view.nextRenewalAt).toBe(clock.now() + MIN_RENEWAL_INTERVAL_MS);

      for (let i = 0; i < 5; i++) await runFor(0);
      expect(harness.simulator.requestCount(provisioned.key)).toBe(1);

      // One request per pause: the second and third bad answers, then a good one.
      for (const expected of [2, 3, 4]) {
        await runFor(MIN_RENEWAL_INTERVAL_MS);
        expect(harness.simulator.requestCount(provisioned.key)).toBe(expected);
      }
      expect(viewOf(harness.core, connection.id).status).toBe('healthy');
      expect(viewOf(harness.core, connection.id).token?.status).toBe('active');
    });
  }

  it('a token shorter than the five-minute lead time renews two thirds into its life, not at once', async () => {
    const { provisioned, connection } = await harness.connect('oauth2', { accessLifetimeSec: 180 });

    await harness.core.renewNow(connection.id);
    for (let i = 0; i < 5; i++) await runFor(0);

    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
    const untilRenewal = viewOf(harness.core, connection.id).nextRenewalAt! - clock.now();
    expect(untilRenewal).toBeGreaterThan(100_000);
    expect(untilRenewal).toBeLessThanOrEqual(120_000);

    await runFor(2 * MINUTE);
    expect(harness.simulator.requestCount(provisioned.key)).toBe(2);
    expect(viewOf(harness.core, connection.id).token?.status).toBe('active');
  });
});
