import { expect, it } from 'vitest';
import { fakeClockHarnessPerTest } from '../../support/fake-clock-harness';
import { viewOf } from '../faults/stored-state';
import { connectEveryDialect, HOUR, MINUTE, requestsOf } from './time-support';

const env = fakeClockHarnessPerTest();

/** A laptop asleep: the wall env.clock moves on, the timers do not run. */
function sleepFor(ms: number): void {
  env.clock.jump(ms);
}

it('on resume after an eight-hour sleep, overdue connections renew at once, each once, however many wake-ups follow', async () => {
  const connected = await connectEveryDialect(env.harness, { accessLifetimeSec: 3600 }, 2);

  sleepFor(8 * HOUR);
  // The shell's resume hook; no timer has run yet.
  env.harness.core.replan();
  await env.harness.core.idle();
  expect(requestsOf(env.harness, connected)).toEqual(connected.map(() => 1));

  // A env.clock-change event and the 30 s check arrive too.
  env.harness.core.replan();
  await env.clock.advanceAsync(30_000);
  await env.harness.core.idle();

  expect(requestsOf(env.harness, connected)).toEqual(connected.map(() => 1));
  for (const { connection } of connected) {
    const view = viewOf(env.harness.core, connection.id);
    expect(view.status).toBe('healthy');
    expect(view.nextRenewalAt).toBeGreaterThan(env.clock.now() + 30 * MINUTE);
  }
});

it('a sleep that ends before anything is due renews nothing and keeps every plan', async () => {
  const connected = await connectEveryDialect(env.harness, { accessLifetimeSec: 3600 });
  const planned = connected.map(({ connection }) => viewOf(env.harness.core, connection.id).nextRenewalAt);

  sleepFor(10 * MINUTE);
  env.harness.core.replan();
  await env.harness.core.idle();

  expect(requestsOf(env.harness, connected)).toEqual([0, 0, 0, 0]);
  expect(connected.map(({ connection }) => viewOf(env.harness.core, connection.id).nextRenewalAt)).toEqual(
    planned,
  );
});

it('a sleep through a retry backoff: resume sends the retry once, and it renews', async () => {
  const { provisioned, connection } = await env.harness.connect('oauth2', { accessLifetimeSec: 3600 });
  env.harness.simulator.inject(provisioned.key, { kind: 'status', status: 503 });
  const first = await env.harness.core.renewNow(connection.id);
  expect(first).toMatchObject({ kind: 'retry', reason: 'server_error' });

  sleepFor(HOUR);
  env.harness.core.replan();
  await env.harness.core.idle();
  await env.clock.advanceAsync(30_000);
  await env.harness.core.idle();

  expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
  const view = viewOf(env.harness.core, connection.id);
  expect(view.status).toBe('healthy');
  expect(view.nextAttemptAt).toBeNull();
});

it('without the resume hook, the 30 s wall-env.clock check alone catches up after a sleep', async () => {
  const connected = await connectEveryDialect(env.harness, { accessLifetimeSec: 3600 });

  sleepFor(2 * HOUR);
  await env.clock.advanceAsync(30_000);
  await env.harness.core.idle();

  expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
});
