import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';
import { viewOf } from '../faults/stored-state';
import { connectEveryDialect, HOUR, MINUTE, requestsOf } from './time-support';

let clock: FakeClock;
let harness: CoreHarness;
beforeEach(async () => {
  clock = new FakeClock(Date.now());
  harness = await startCoreHarness({ clock });
});
afterEach(async () => {
  await harness.close();
});

/** A laptop asleep: the wall clock moves on, the timers do not run. */
function sleepFor(ms: number): void {
  clock.jump(ms);
}

it('on resume after an eight-hour sleep, overdue connections renew at once, each once, however many wake-ups follow', async () => {
  const connected = await connectEveryDialect(harness, { accessLifetimeSec: 3600 }, 2);

  sleepFor(8 * HOUR);
  // The shell's resume hook; no timer has run yet.
  harness.core.replan();
  await harness.core.idle();
  expect(requestsOf(harness, connected)).toEqual(connected.map(() => 1));

  // A clock-change event and the 30 s check arrive too.
  harness.core.replan();
  await clock.advanceAsync(30_000);
  await harness.core.idle();

  expect(requestsOf(harness, connected)).toEqual(connected.map(() => 1));
  for (const { connection } of connected) {
    const view = viewOf(harness.core, connection.id);
    expect(view.status).toBe('healthy');
    expect(view.nextRenewalAt).toBeGreaterThan(clock.now() + 30 * MINUTE);
  }
});

it('a sleep that ends before anything is due renews nothing and keeps every plan', async () => {
  const connected = await connectEveryDialect(harness, { accessLifetimeSec: 3600 });
  const planned = connected.map(({ connection }) => viewOf(harness.core, connection.id).nextRenewalAt);

  sleepFor(10 * MINUTE);
  harness.core.replan();
  await harness.core.idle();

  expect(requestsOf(harness, connected)).toEqual([0, 0, 0, 0]);
  expect(connected.map(({ connection }) => viewOf(harness.core, connection.id).nextRenewalAt)).toEqual(
    planned,
  );
});

it('a sleep through a retry backoff: resume sends the retry once, and it renews', async () => {
  const { provisioned, connection } = await harness.connect('oauth2', { accessLifetimeSec: 3600 });
  harness.simulator.inject(provisioned.key, { kind: 'status', status: 503 });
  const first = await harness.core.renewNow(connection.id);
  expect(first).toMatchObject({ kind: 'retry', reason: 'server_error' });

  sleepFor(HOUR);
  harness.core.replan();
  await harness.core.idle();
  await clock.advanceAsync(30_000);
  await harness.core.idle();

  expect(harness.simulator.requestCount(provisioned.key)).toBe(2);
  const view = viewOf(harness.core, connection.id);
  expect(view.status).toBe('healthy');
  expect(view.nextAttemptAt).toBeNull();
});

it('without the resume hook, the 30 s wall-clock check alone catches up after a sleep', async () => {
  const connected = await connectEveryDialect(harness, { accessLifetimeSec: 3600 });

  sleepFor(2 * HOUR);
  await clock.advanceAsync(30_000);
  await harness.core.idle();

  expect(requestsOf(harness, connected)).toEqual([1, 1, 1, 1]);
});
