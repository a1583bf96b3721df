import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS } from '../../../main/core/engine/scheduler';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';
import { viewOf } from '../faults/stored-state';
import type { Connected } from './time-support';
import { connectEveryDialect, DAY, HOUR, MINUTE, requestsOf } from './time-support';

/** How often the scheduler looks at the wall clock (DESIGN.md: "about every 30 seconds"). */
const WALL_CLOCK_CHECK_MS = 30_000;

let clock: FakeClock;
let harness: CoreHarness;
beforeEach(async () => {
  clock = new FakeClock(Date.now());
  harness = await startCoreHarness({ clock });
});
afterEach(async () => {
  await harness.close();
});

async function runFor(ms: number): Promise<void> {
  await clock.advanceAsync(ms);
  await harness.core.idle();
}

function renewedEntries(connected: Connected[]): number[] {
  return connected.map(
    ({ connection }) =>
      harness.core.history({ connectionId: connection.id }).filter((e) => e.action === 'renewed').length,
  );
}

describe('the wall clock jumps forward', () => {
  for (const [label, jump] of [
    ['five hours', 5 * HOUR],
    ['three days', 3 * DAY],
  ] as const) {
    it(`${label} ahead: at the next 30 s check each overdue connection renews once, planned again from the new time`, async () => {
      const connected = await connectEveryDialect(harness, { accessLifetimeSec: 3600 });

      clock.jump(jump);
      expect(requestsOf(harness, connected)).toEqual([0, 0, 0, 0]);
      await runFor(WALL_CLOCK_CHECK_MS);

      expect(requestsOf(harness, connected)).toEqual([1, 1, 1, 1]);
      for (const { connection } of connected) {
        const view = viewOf(harness.core, connection.id);
        expect(view.status).toBe('healthy');
        expect(view.token!.expiresAt! - clock.now()).toBeGreaterThan(59 * MINUTE);
        // Two thirds of the new hour-long life, less a little jitter.
        expect(view.nextRenewalAt! - clock.now()).toBeGreaterThan(39 * MINUTE);
        expect(view.nextRenewalAt! - clock.now()).toBeLessThanOrEqual(40 * MINUTE);
      }

      await runFor(10 * MINUTE);
      expect(requestsOf(harness, connected)).toEqual([1, 1, 1, 1]);
      expect(renewedEntries(connected)).toEqual([1, 1, 1, 1]);
      expect(clock.largestDelayRequested).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
    });
  }

  it("past a refresh token's 30-day life: one request, then needs action with re-add guidance, no retry loop", async () => {
    const { provisioned, connection } = await harness.connect('bearer-rotation', { accessLifetimeSec: 3600 });

    clock.jump(31 * DAY);
    await runFor(WALL_CLOCK_CHECK_MS);
    await runFor(HOUR);

    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
    const view = viewOf(harness.core, connection.id);
    expect(view.status).toBe('needsAction');
    expect(view.followUp?.reason).toBe('invalid_grant');
    expect(view.followUp?.guidance.join(' ')).toMatch(/re-add the partner/i);
    expect(view.nextRenewalAt).toBeNull();
  });
});

describe('the wall clock is set back', () => {
  it('two hours back: nothing renews early or twice, and each renews once when its time comes again', async () => {
    const connected = await connectEveryDialect(harness, { accessLifetimeSec: 3600 });
    const planned = connected.map(({ connection }) => viewOf(harness.core, connection.id).nextRenewalAt);

    clock.jump(-2 * HOUR);
    await runFor(WALL_CLOCK_CHECK_MS);

    expect(requestsOf(harness, connected)).toEqual([0, 0, 0, 0]);
    // Plans are absolute times: the tokens still expire when they did.
    expect(connected.map(({ connection }) => viewOf(harness.core, connection.id).nextRenewalAt)).toEqual(
      planned,
    );

    await runFor(2 * HOUR + 30 * MINUTE);
    expect(requestsOf(harness, connected)).toEqual([0, 0, 0, 0]);
    await runFor(15 * MINUTE);
    expect(requestsOf(harness, connected)).toEqual([1, 1, 1, 1]);
    await runFor(15 * MINUTE);
    expect(requestsOf(harness, connected)).toEqual([1, 1, 1, 1]);
    for (const { connection } of connected) {
      const view = viewOf(harness.core, connection.id);
      expect(view.status).toBe('healthy');
      expect(view.nextRenewalAt).toBeGreaterThan(clock.now());
    }
  });

  it('back, then forward past the due time, then back again: each connection renews exactly once', async () => {
    const connected = await connectEveryDialect(harness, { accessLifetimeSec: 3600 });

    clock.jump(-HOUR);
    await runFor(WALL_CLOCK_CHECK_MS);
    clock.jump(HOUR + 45 * MINUTE);
    await runFor(WALL_CLOCK_CHECK_MS);
    expect(requestsOf(harness, connected)).toEqual([1, 1, 1, 1]);

    clock.jump(-30 * MINUTE);
    await runFor(WALL_CLOCK_CHECK_MS);
    await runFor(WALL_CLOCK_CHECK_MS);

    expect(requestsOf(harness, connected)).toEqual([1, 1, 1, 1]);
    expect(renewedEntries(connected)).toEqual([1, 1, 1, 1]);
  });
});
