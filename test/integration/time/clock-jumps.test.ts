import { describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS } from '../../../main/core/engine/scheduler';
import { fakeClockHarnessPerTest } from '../../support/fake-clock-harness';
import { viewOf } from '../faults/stored-state';
import type { Connected } from './time-support';
import { connectEveryDialect, DAY, HOUR, MINUTE, requestsOf } from './time-support';

/** How often the scheduler looks at the wall clock (about every 30 seconds, to catch sleep and clock changes). */
const WALL_CLOCK_CHECK_MS = 30_000;

const env = fakeClockHarnessPerTest();

function renewedEntries(connected: Connected[]): number[] {
  return connected.map(
    ({ connection }) =>
      env.harness.core.history({ connectionId: connection.id }).filter((e) => e.action === 'renewed').length,
  );
}

describe('the wall env.clock jumps forward', () => {
  for (const [label, jump] of [
    ['five hours', 5 * HOUR],
    ['three days', 3 * DAY],
  ] as const) {
    it(`${label} ahead: at the next 30 s check each overdue connection renews once, planned again from the new time`, async () => {
      const connected = await connectEveryDialect(env.harness, { accessLifetimeSec: 3600 });

      env.clock.jump(jump);
      expect(requestsOf(env.harness, connected)).toEqual([0, 0, 0, 0]);
      await env.runFor(WALL_CLOCK_CHECK_MS);

      expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
      for (const { connection } of connected) {
        const view = viewOf(env.harness.core, connection.id);
        expect(view.status).toBe('healthy');
        expect(view.token!.expiresAt! - env.clock.now()).toBeGreaterThan(59 * MINUTE);
        // Two thirds of the new hour-long life, less a little jitter.
        expect(view.nextRenewalAt! - env.clock.now()).toBeGreaterThan(39 * MINUTE);
        expect(view.nextRenewalAt! - env.clock.now()).toBeLessThanOrEqual(40 * MINUTE);
      }

      await env.runFor(10 * MINUTE);
      expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
      expect(renewedEntries(connected)).toEqual([1, 1, 1, 1]);
      expect(env.clock.largestDelayRequested).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
    });
  }

  it("past a refresh token's 30-day life: one request, then needs action with re-add guidance, no retry loop", async () => {
    const { provisioned, connection } = await env.harness.connect('bearer-rotation', {
      accessLifetimeSec: 3600,
    });

    env.clock.jump(31 * DAY);
    await env.runFor(WALL_CLOCK_CHECK_MS);
    await env.runFor(HOUR);

    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(1);
    const view = viewOf(env.harness.core, connection.id);
    expect(view.status).toBe('needsAction');
    expect(view.followUp?.reason).toBe('invalid_grant');
    expect(view.followUp?.guidance.join(' ')).toMatch(/re-add the partner/i);
    expect(view.nextRenewalAt).toBeNull();
  });
});
