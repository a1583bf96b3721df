import { describe, expect, it } from 'vitest';
import { MIN_RENEWAL_INTERVAL_MS } from '../../../main/core/engine/renewal-planner';
import type { Fault } from '../../simulator/simulator';
import { fakeClockHarnessPerTest } from '../../support/fake-clock-harness';
import { viewOf } from '../faults/stored-state';
import { MINUTE } from './time-support';

const YEAR_SEC = 365 * 24 * 3600;

const env = fakeClockHarnessPerTest();

/** An oauth2 answer with exactly this `expires_in` (left out when undefined). */
function answerWith(expiresIn: unknown): Fault {
  const body: Record<string, unknown> = {
    access_token: `at-${Math.random().toString(36).slice(2)}`,
    token_type: 'Bearer',
  };
  if (expiresIn !== undefined) body.expires_in = expiresIn;
  return { kind: 'status', status: 200, body: JSON.stringify(body) };
}

describe('the lifetime a partner gives, as the window shows it', () => {
  it('"3600" as a string is an hour: healthy, expiring in an hour, renewing two thirds in', async () => {
    const { connection } = await env.harness.connect('oauth2', { expiresInAsString: true });

    expect((await env.harness.core.renewNow(connection.id)).kind).toBe('renewed');

    const view = viewOf(env.harness.core, connection.id);
    expect(view.status).toBe('healthy');
    expect(view.lifetimeUnknown).toBe(false);
    expect(Math.abs(view.token!.expiresAt! - (env.clock.now() + 60 * MINUTE))).toBeLessThan(1000);
    expect(view.nextRenewalAt! - env.clock.now()).toBeGreaterThan(39 * MINUTE);
  });

  for (const [label, fault] of [
    ['missing', undefined],
    ['more than ten years', 20 * YEAR_SEC],
  ] as const) {
    it(`${label}: the lifetime shows as unknown, never as a far-off expiry, and it renews again in an hour`, async () => {
      const { provisioned, connection } = await env.harness.connect('oauth2');
      env.harness.simulator.inject(provisioned.key, answerWith(fault));

      const outcome = await env.harness.core.renewNow(connection.id);

      expect(outcome).toMatchObject({ kind: 'renewed', expiresAt: null });
      const view = viewOf(env.harness.core, connection.id);
      // What the window shows: "healthy, lifetime unknown" with no expiry date and no countdown.
      expect(view.lifetimeUnknown).toBe(true);
      expect(view.token?.expiresAt).toBeNull();
      expect(view.token?.status).toBe('active');
      expect(view.status).toBe('healthy');
      // Not from the lifetime, which nobody knows: the policy's interval after this renewal.
      expect(view.nextRenewalAt! - env.clock.now()).toBeGreaterThan(59 * MINUTE);
      expect(view.nextRenewalAt! - env.clock.now()).toBeLessThanOrEqual(60 * MINUTE);
      expect(env.harness.core.snapshot().summary.nextExpiryAt).toBeNull();
      expect(env.harness.core.history({ connectionId: connection.id })[0]?.message).toMatch(/no lifetime/);
    });
  }

  for (const expiresIn of [0, -60]) {
    it(`${expiresIn}: the new token shows as expired and is renewed again after a pause, not in a loop`, async () => {
      const { provisioned, connection } = await env.harness.connect('oauth2');
      // The partner keeps answering so; a loop would send request after request at once.
      env.harness.simulator.inject(provisioned.key, answerWith(expiresIn), 3);

      const outcome = await env.harness.core.renewNow(connection.id);
      expect(outcome.kind).toBe('renewed');
      const view = viewOf(env.harness.core, connection.id);
      expect(view.token?.status).toBe('expired');
      // Not "needs action": the refresh token works and the next renewal is due in seconds.
      expect(view.status).toBe('renewing');
      expect(view.nextRenewalAt).toBe(env.clock.now() + MIN_RENEWAL_INTERVAL_MS);

      for (let i = 0; i < 5; i++) await env.runFor(0);
      expect(env.harness.simulator.requestCount(provisioned.key)).toBe(1);

      // One request per pause: the second and third bad answers, then a good one.
      for (const expected of [2, 3, 4]) {
        await env.runFor(MIN_RENEWAL_INTERVAL_MS);
        expect(env.harness.simulator.requestCount(provisioned.key)).toBe(expected);
      }
      expect(viewOf(env.harness.core, connection.id).status).toBe('healthy');
      expect(viewOf(env.harness.core, connection.id).token?.status).toBe('active');
    });
  }

  it('a token shorter than the five-minute lead time renews two thirds into its life, not at once', async () => {
    const { provisioned, connection } = await env.harness.connect('oauth2', { accessLifetimeSec: 180 });

    await env.harness.core.renewNow(connection.id);
    for (let i = 0; i < 5; i++) await env.runFor(0);

    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(1);
    const untilRenewal = viewOf(env.harness.core, connection.id).nextRenewalAt! - env.clock.now();
    expect(untilRenewal).toBeGreaterThan(100_000);
    expect(untilRenewal).toBeLessThanOrEqual(120_000);

    await env.runFor(2 * MINUTE);
    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
    expect(viewOf(env.harness.core, connection.id).token?.status).toBe('active');
  });
});
