import { afterEach, expect, it } from 'vitest';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';
import { viewOf } from '../faults/stored-state';
import { ConcurrencyCountingHttp } from '../../support/concurrency-counting-http';
import { connectEveryDialect, DAY, HOUR, requestsOf } from './time-support';

let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

it('tokens that expired while the app was off renew at start-up, each once, never more at a time than the limit', async () => {
  const clock = new FakeClock(Date.now());
  const counting = new ConcurrencyCountingHttp(new AxiosHttpClient({ now: () => clock.now() }));
  harness = await startCoreHarness({ clock, http: counting });
  harness.core.updateSettings({ concurrency: { global: 2, perHost: 2 } });
  const connected = await connectEveryDialect(harness, { accessLifetimeSec: 3600 }, 3);
  // Answers take a moment, so that renewals overlap if the limit lets them.
  for (const { provisioned } of connected) harness.simulator.setResponseDelay(provisioned.key, 25);
  await harness.core.stop();

  clock.jump(2 * DAY);
  const core = await harness.restart();
  await core.idle();

  expect(requestsOf(harness, connected)).toEqual(connected.map(() => 1));
  expect(counting.maxInFlight).toBe(2);
  expect(core.snapshot().summary.counts.healthy).toBe(connected.length);
  for (const { connection } of connected) {
    expect(viewOf(core, connection.id).token!.expiresAt).toBeGreaterThan(clock.now());
  }

  await clock.advanceAsync(60_000);
  await core.idle();
  expect(requestsOf(harness, connected)).toEqual(connected.map(() => 1));
});

it('one whose refresh token also died while the app was off asks to be re-added; the others renew', async () => {
  const clock = new FakeClock(Date.now());
  harness = await startCoreHarness({ clock });
  const bearer = await harness.connect('bearer-rotation', { accessLifetimeSec: 3600 });
  const oauth2 = await harness.connect('oauth2', { accessLifetimeSec: 3600 });
  await harness.core.stop();

  // bearer-rotation's refresh tokens live about 30 days.
  clock.jump(31 * DAY);
  const core = await harness.restart();
  await core.idle();
  await clock.advanceAsync(HOUR);
  await core.idle();

  expect(harness.simulator.requestCount(bearer.provisioned.key)).toBe(1);
  const dead = viewOf(core, bearer.connection.id);
  expect(dead.status).toBe('needsAction');
  expect(dead.followUp?.reason).toBe('invalid_grant');
  expect(dead.followUp?.guidance.join(' ')).toMatch(/re-add the partner/i);
  expect(viewOf(core, oauth2.connection.id).status).toBe('healthy');
  expect(core.snapshot().summary.worstStatus).toBe('needsAction');
});
