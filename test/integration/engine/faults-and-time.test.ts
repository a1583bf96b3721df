import { afterEach, describe, expect, it } from 'vitest';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import type { Fault } from '../../simulator/simulator';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { ConcurrencyCountingHttp } from '../../support/concurrency-counting-http';
import { FakeClock } from '../../support/fake-clock';

const DAY = 24 * 60 * 60_000;
let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('transient failures are retried, refusals stop at needs action', () => {
  it('two 503s are retried with backoff on the injected clock, then the renewal succeeds', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startCoreHarness({ clock });
    const { provisioned, connection } = await harness.connect('oauth2', { accessLifetimeSec: 3600 });
    harness.simulator.inject(provisioned.key, { kind: 'status', status: 503 }, 2);

    const first = await harness.core.renewNow(connection.id);
    expect(first).toMatchObject({ kind: 'retry', reason: 'server_error', httpStatus: 503 });
    expect(harness.core.snapshot().partners[0]!.connections[0]!.status).toBe('retrying');

    for (let attempt = 0; attempt < 2; attempt++) {
      const { nextAttemptAt } = harness.core.snapshot().partners[0]!.connections[0]!;
      clock.advance(nextAttemptAt! - clock.now());
      await harness.core.idle();
    }

    expect(harness.simulator.requestCount(provisioned.key)).toBe(3);
    const view = harness.core.snapshot().partners[0]!.connections[0]!;
    expect(view.status).toBe('healthy');
    expect(view.token?.status).toBe('active');
  });

  it('a 429 with Retry-After waits at least that long before trying again', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startCoreHarness({ clock });
    const { provisioned, connection } = await harness.connect('partner-header');
    harness.simulator.inject(provisioned.key, { kind: 'rateLimit', retryAfterSec: 120 });

    const outcome = await harness.core.renewNow(connection.id);

    expect(outcome).toMatchObject({ kind: 'retry', reason: 'rate_limited', retryAfterMs: 120_000 });
    expect(outcome.kind === 'retry' && outcome.nextAttemptAt! - clock.now()).toBeGreaterThanOrEqual(120_000);
    clock.advance(119_000);
    await harness.core.idle();
    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
  });

  for (const [fault, reason] of [
    [{ kind: 'invalidGrant' }, 'invalid_grant'],
    [{ kind: 'invalidClient' }, 'invalid_client'],
  ] as const) {
    it(`${fault.kind} stops at needs action with the reason and guidance, and nothing retries`, async () => {
      const clock = new FakeClock(Date.now());
      harness = await startCoreHarness({ clock });
      const { provisioned, connection } = await harness.connect('oauth2');
      harness.simulator.inject(provisioned.key, fault, 5);

      const outcome = await harness.core.renewNow(connection.id);
      clock.advance(60 * 60_000);
      await harness.core.idle();

      expect(outcome).toMatchObject({ kind: 'followUp', reason });
      const view = harness.core.snapshot().partners[0]!.connections[0]!;
      expect(view.status).toBe('needsAction');
      expect(view.followUp?.reason).toBe(reason);
      expect(view.followUp?.guidance.length).toBeGreaterThan(0);
      expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
    });
  }
});

describe('after a sleep longer than the token lifetime', () => {
  it('one network error on waking is retried, not sent to needs action, while the refresh token lives', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startCoreHarness({ clock });
    const { provisioned } = await harness.connect('oauth2', { accessLifetimeSec: 600 });
    await harness.core.stop();
    clock.jump(2 * 60 * 60_000);
    harness.simulator.inject(provisioned.key, { kind: 'reset' });

    const core = await harness.restart();
    await core.idle();
    const waking = core.snapshot().partners[0]!.connections[0]!;
    expect(waking.status).toBe('retrying');

    clock.advance(waking.nextAttemptAt! - clock.now());
    await core.idle();
    const view = core.snapshot().partners[0]!.connections[0]!;
    expect(view.status).toBe('healthy');
    expect(harness.simulator.requestCount(provisioned.key)).toBe(2);
  });
});

describe('renewals happen when they are due, not before', () => {
  it('a token with a one-year lifetime is not renewed early, and is renewed at two thirds of its life', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startCoreHarness({ clock });
    const { provisioned } = await harness.connect('oauth2', { accessLifetimeSec: 365 * 24 * 3600 });

    clock.advance(200 * DAY);
    await harness.core.idle();
    expect(harness.simulator.requestCount(provisioned.key)).toBe(0);

    clock.advance(50 * DAY);
    await harness.core.idle();
    expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
    expect(harness.core.snapshot().partners[0]!.connections[0]!.status).toBe('healthy');
  });

  it('overdue connections renew after a restart, each once, within the concurrency limit', async () => {
    const clock = new FakeClock(Date.now());
    const counting = new ConcurrencyCountingHttp(new AxiosHttpClient({ now: () => clock.now() }));
    harness = await startCoreHarness({ clock, http: counting });
    harness.core.updateSettings({ concurrency: { global: 3, perHost: 3 } });
    const accounts = [];
    for (let i = 0; i < 12; i++) accounts.push(await harness.connect('oauth2', { accessLifetimeSec: 600 }));
    for (const { provisioned } of accounts) harness.simulator.setResponseDelay(provisioned.key, 30);
    await harness.core.stop();

    // The laptop was off for 20 minutes: every token expired meanwhile.
    clock.jump(20 * 60_000);
    const core = await harness.restart();
    await core.idle();

    for (const { provisioned } of accounts) expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
    expect(counting.maxInFlight).toBeLessThanOrEqual(3);
    expect(counting.maxInFlight).toBeGreaterThan(1);
    expect(core.snapshot().summary.counts.healthy).toBe(12);
  });
});

describe('malformed answers change no stored secret', () => {
  const cases: Fault[] = [
    { kind: 'malformedJson' },
    { kind: 'htmlPage' },
    { kind: 'wrongTypes' },
    { kind: 'missingFields' },
    { kind: 'oversized', bytes: 2 * 1024 * 1024 },
    {
      kind: 'status',
      status: 200,
      body: '<html>Maintenance</html>',
      headers: { 'content-type': 'text/html' },
    },
  ];
  for (const fault of cases) {
    it(`${fault.kind}${'status' in fault ? ` ${fault.status}` : ''}: a follow-up outcome, secrets untouched`, async () => {
      harness = await startCoreHarness();
      const { provisioned, connection } = await harness.connect('oauth2', { rotate: true });
      const before = await readSecrets(harness, connection.id);
      harness.simulator.inject(provisioned.key, fault);

      const outcome = await harness.core.renewNow(connection.id);

      expect(outcome).toMatchObject({ kind: 'followUp', reason: 'malformed_response' });
      expect(await readSecrets(harness, connection.id)).toEqual(before);
      expect(await harness.vault.get(connection.id, 'previousRefreshToken')).toBeNull();
      expect(harness.core.snapshot().partners[0]!.connections[0]!.token?.fingerprint).toBeDefined();
    });
  }
});

async function readSecrets(h: CoreHarness, id: string) {
  return {
    access: await h.vault.get(id, 'accessToken'),
    refresh: await h.vault.get(id, 'refreshToken'),
    client: await h.vault.get(id, 'clientSecret'),
  };
}

/** The real HTTP client, counting how many requests are under way at once. */
