import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/core/app';
import type { ConnectionView } from '../../../main/core/view/snapshot';
import { fakeClockHarnessPerTest } from '../../support/fake-clock-harness';
import { viewOf } from '../faults/stored-state';
import type { Connected } from './time-support';
import { connectEveryDialect, DAY, HOUR, MINUTE, requestsOf } from './time-support';

/** How often the scheduler compares the wall clock with the monotonic one. */
const CHECK_MS = 30_000;

// This computer's clock is set; the partner's keeps true time.
const env = fakeClockHarnessPerTest({ partnerClock: 'untouched' });

function views(connected: Connected[]): ConnectionView[] {
  return connected.map(({ connection }) => viewOf(env.harness.core, connection.id));
}

function lapsesOf(connected: Connected[]): number[] {
  return connected.map(({ provisioned }) => env.harness.simulator.accessLapses(provisioned.key));
}

function needsActionHeard(): CoreEvent[] {
  const heard: CoreEvent[] = [];
  env.harness.core.subscribe((event) => {
    if (event.type === 'needsAction') heard.push(event);
  });
  return heard;
}

/** An oauth2 account whose refresh token lives a day and says so, renewed once so its deadline is known. */
async function connectWithDayLongRefresh() {
  const connected = await env.harness.connect('oauth2', {
    accessLifetimeSec: 3600,
    refreshLifetimeSec: DAY / 1000,
    sendRefreshExpiresIn: true,
  });
  expect((await env.harness.core.renewNow(connected.connection.id)).kind).toBe('renewed');
  await env.harness.core.idle();
  expect(viewOf(env.harness.core, connected.connection.id).refreshExpiresAt).not.toBeNull();
  return connected;
}

describe("this computer's clock is set back", () => {
  it('one hour back: every learned time moves back with it, and each connection renews once, before its token expires at the partner', async () => {
    const connected = await connectEveryDialect(env.harness, { accessLifetimeSec: 3600 });
    const before = views(connected);

    env.clock.jump(-HOUR);
    await env.runFor(CHECK_MS);

    const after = views(connected);
    expect(after.map((v) => v.token?.expiresAt)).toEqual(before.map((v) => v.token!.expiresAt! - HOUR));
    expect(after.map((v) => v.nextRenewalAt)).toEqual(before.map((v) => v.nextRenewalAt! - HOUR));
    expect(after.map((v) => v.status)).toEqual(['healthy', 'healthy', 'healthy', 'healthy']);
    expect(requestsOf(env.harness, connected)).toEqual([0, 0, 0, 0]);

    // Two thirds of the hour, as planned before the change: long before the partner's expiry.
    await env.runFor(45 * MINUTE);
    expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
    expect(lapsesOf(connected)).toEqual([0, 0, 0, 0]);
    expect(views(connected).map((v) => v.status)).toEqual(['healthy', 'healthy', 'healthy', 'healthy']);
  });

  it('back, forward past the due time, then back again: each connection renews exactly once, and no token lapses', async () => {
    const connected = await connectEveryDialect(env.harness, { accessLifetimeSec: 3600 });

    env.clock.jump(-HOUR);
    await env.runFor(CHECK_MS);
    env.clock.jump(HOUR + 45 * MINUTE);
    await env.runFor(CHECK_MS);
    expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);

    env.clock.jump(-30 * MINUTE);
    await env.runFor(CHECK_MS);
    await env.runFor(CHECK_MS);

    expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
    expect(lapsesOf(connected)).toEqual([0, 0, 0, 0]);
  });

  it('a shift is stored once: after a restart the times are where the shift put them, not shifted again', async () => {
    const { connection } = await env.harness.connect('oauth2', { accessLifetimeSec: 3600 });
    env.clock.jump(-HOUR);
    await env.runFor(CHECK_MS);
    const shifted = viewOf(env.harness.core, connection.id);

    await env.harness.restart();

    const restarted = viewOf(env.harness.core, connection.id);
    expect(restarted.token?.expiresAt).toBe(shifted.token?.expiresAt);
    expect(restarted.nextRenewalAt).toBe(shifted.nextRenewalAt);
  });

  it('set back while TokenTray was stopped: start-up moves the times back by what it can see and renews each connection once', async () => {
    const connected = await connectEveryDialect(env.harness, { accessLifetimeSec: 3600 });
    const before = views(connected);

    // No timer runs between the jump and the restart: only the new process sees the clock behind.
    env.clock.jump(-HOUR);
    await env.harness.restart();
    await env.runFor(0);

    expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
    const after = views(connected);
    expect(after.map((v) => v.status)).toEqual(['healthy', 'healthy', 'healthy', 'healthy']);
    for (const [i, view] of after.entries()) {
      expect(view.token!.expiresAt! - env.clock.now()).toBeGreaterThan(59 * MINUTE);
      // The earlier token's end moved back with the clock.
      expect(view.previousTokens[0]?.expiresAt).toBe(before[i]!.token!.expiresAt! - HOUR);
    }
    await env.runFor(30 * MINUTE);
    expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
    expect(lapsesOf(connected)).toEqual([0, 0, 0, 0]);
  });
});

describe("this computer's clock is set forward", () => {
  it('ten minutes ahead: no connection shows needs action, each renews once at the next check, none lapses', async () => {
    const connected = await connectEveryDialect(env.harness, { accessLifetimeSec: 600 });

    env.clock.jump(10 * MINUTE);
    // Every access token looks expired by this clock, but each has a live refresh token and a renewal due.
    expect(views(connected).map((v) => v.status)).toEqual(['renewing', 'renewing', 'renewing', 'renewing']);
    await env.runFor(CHECK_MS);

    expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
    expect(views(connected).map((v) => v.status)).toEqual(['healthy', 'healthy', 'healthy', 'healthy']);
    await env.runFor(4 * MINUTE);
    expect(requestsOf(env.harness, connected)).toEqual([1, 1, 1, 1]);
    expect(lapsesOf(connected)).toEqual([0, 0, 0, 0]);
  });

  it("two days ahead, past the refresh token's known life, then back: the partner is asked once, renews, and nothing needs action", async () => {
    const heard = needsActionHeard();
    const { provisioned, connection } = await connectWithDayLongRefresh();

    env.clock.jump(2 * DAY);
    await env.runFor(CHECK_MS);

    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
    let view = viewOf(env.harness.core, connection.id);
    expect(view.status).toBe('healthy');
    expect(view.followUp).toBeNull();
    expect(view.refreshExpiresAt! - env.clock.now()).toBeGreaterThan(DAY - MINUTE);
    // The partner's Date header says what is wrong: this computer's clock.
    expect(view.clockWarning).toMatch(/clock is 2 days ahead of this partner's/);
    expect(env.harness.core.snapshot().clockOffset?.warning).toMatch(
      /clock is 2 days ahead of the partners'/,
    );

    env.clock.jump(-2 * DAY);
    await env.runFor(CHECK_MS);

    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
    view = viewOf(env.harness.core, connection.id);
    expect(view.status).toBe('healthy');
    // Counted from the answer, on the corrected clock: an hour's token, a day's refresh token.
    expect(view.token!.expiresAt! - env.clock.now()).toBeGreaterThan(HOUR - 2 * MINUTE);
    expect(view.token!.expiresAt! - env.clock.now()).toBeLessThanOrEqual(HOUR);
    expect(view.refreshExpiresAt! - env.clock.now()).toBeGreaterThan(DAY - 2 * MINUTE);
    expect(view.clockWarning).toBeNull();
    expect(env.harness.core.snapshot().clockOffset?.warning).toBeNull();

    await env.runFor(45 * MINUTE);
    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(3);
    expect(env.harness.simulator.accessLapses(provisioned.key)).toBe(0);
    expect(env.harness.simulator.familyRevoked(provisioned.key)).toBe(false);
    expect(heard).toEqual([]);
  });

  it('a verdict by this clock the partner cannot confirm says so, asks to check the clock rather than revoke, and is looked at again when the clock changes', async () => {
    const { provisioned, connection } = await connectWithDayLongRefresh();

    env.clock.jump(2 * DAY);
    env.harness.simulator.inject(provisioned.key, { kind: 'reset' });
    await env.runFor(CHECK_MS);
    await env.runFor(HOUR);

    // One attempt to confirm, then a person is asked; no retry loop.
    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
    const stuck = viewOf(env.harness.core, connection.id);
    expect(stuck.status).toBe('needsAction');
    expect(stuck.followUp?.reason).toBe('refresh_expired_locally');
    expect(stuck.followUp?.message).toMatch(/by this computer's clock/i);
    expect(stuck.followUp?.guidance.join(' ')).toMatch(/check this computer's date, time and time zone/i);
    expect(stuck.followUp?.guidance.join(' ')).not.toMatch(/revoke/i);

    env.clock.jump(-2 * DAY);
    await env.runFor(CHECK_MS);

    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(3);
    const view = viewOf(env.harness.core, connection.id);
    expect(view.status).toBe('healthy');
    expect(view.followUp).toBeNull();
    expect(env.harness.simulator.familyRevoked(provisioned.key)).toBe(false);
  });

  it('the partner confirms the refresh token is dead: needs action once, still without revoking working credentials', async () => {
    const { provisioned, connection } = await connectWithDayLongRefresh();

    env.clock.jump(2 * DAY);
    env.harness.simulator.inject(provisioned.key, { kind: 'invalidGrant' });
    await env.runFor(CHECK_MS);
    await env.runFor(HOUR);

    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
    const view = viewOf(env.harness.core, connection.id);
    expect(view.status).toBe('needsAction');
    expect(view.followUp?.reason).toBe('refresh_expired_locally');
    expect(view.followUp?.message).toMatch(/by this computer's clock.*no longer accepts it/i);
    expect(view.followUp?.guidance.join(' ')).not.toMatch(/revoke/i);
    expect(view.followUp?.byLocalClock).toBeUndefined();
  });
});
