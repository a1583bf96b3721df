import { describe, expect, it } from 'vitest';
import { unknownLifetimeRenewal } from '../../../main/core/view/connection-status';
import { fakeClockHarnessPerTest } from '../../support/fake-clock-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const env = fakeClockHarnessPerTest();

function viewOf(id: string) {
  const view = env.harness.core
    .snapshot()
    .partners.flatMap((p) => p.connections)
    .find((c) => c.id === id);
  if (!view) throw new Error('connection not in the snapshot');
  return view;
}

describe('a connection whose partner never says how long its tokens last', () => {
  it('is renewed every hour after its last renewal, not once and then never again', async () => {
    const { provisioned, connection } = await env.harness.connect('oauth2', { omitExpiresIn: true });

    expect(await env.harness.core.renewNow(connection.id)).toMatchObject({
      kind: 'renewed',
      expiresAt: null,
    });
    const view = viewOf(connection.id);
    expect(view.lifetimeUnknown).toBe(true);
    expect(view.status).toBe('healthy');
    expect(view.nextRenewalAt! - env.clock.now()).toBeGreaterThan(59 * MINUTE);
    expect(unknownLifetimeRenewal(view, view.token)).toBe(
      'Renewed every hour because its lifetime is unknown.',
    );

    await env.runFor(59 * MINUTE);
    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(1);
    await env.runFor(MINUTE);
    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
    // And again, counted from that renewal: it stays planned.
    await env.runFor(HOUR);
    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(3);
    expect(viewOf(connection.id).status).toBe('healthy');
    expect(viewOf(connection.id).nextRenewalAt).not.toBeNull();
  });

  it("follows the connection's own interval, and says so", async () => {
    const { provisioned, connection } = await env.harness.connect(
      'oauth2',
      { omitExpiresIn: true },
      { policy: { unknownLifetimeIntervalMs: 10 * MINUTE } },
    );
    await env.harness.core.renewNow(connection.id);
    const view = viewOf(connection.id);
    expect(unknownLifetimeRenewal(view, view.token)).toBe(
      'Renewed every 10 minutes because its lifetime is unknown.',
    );

    await env.runFor(10 * MINUTE);
    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
    await env.runFor(10 * MINUTE);
    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(3);
  });

  it('renews once on start-up when the interval passed while the app was off', async () => {
    const { provisioned, connection } = await env.harness.connect('oauth2', { omitExpiresIn: true });
    await env.harness.core.renewNow(connection.id);
    await env.harness.core.stop();

    env.clock.jump(3 * HOUR);
    const core = await env.harness.restart();
    await core.idle();

    expect(env.harness.simulator.requestCount(provisioned.key)).toBe(2);
    expect(viewOf(connection.id).nextRenewalAt! - env.clock.now()).toBeGreaterThan(59 * MINUTE);
  });
});

describe('a connection whose partner writes its expiry in another form', () => {
  it('reads an RFC 1123 date in expires_in as the expiry, healthy and without a warning', async () => {
    const { connection } = await env.harness.connect('oauth2', {
      expiresInForm: 'date',
      accessLifetimeSec: 3600,
    });

    const outcome = await env.harness.core.renewNow(connection.id);

    expect(outcome).toMatchObject({ kind: 'renewed' });
    const expiresAt = outcome.kind === 'renewed' ? outcome.expiresAt! : 0;
    // RFC 1123 has whole seconds only.
    expect(Math.abs(expiresAt - (env.clock.now() + HOUR))).toBeLessThanOrEqual(1000);
    expect(viewOf(connection.id)).toMatchObject({ status: 'healthy', expiryWarning: null });
  });

  it('warns, naming the field and the shape but not the value, when the expiry is no time at all', async () => {
    const { connection } = await env.harness.connect('oauth2', { expiresInForm: 'word' });

    expect(await env.harness.core.renewNow(connection.id)).toMatchObject({
      kind: 'renewed',
      expiresAt: null,
    });

    const view = viewOf(connection.id);
    expect(view.status).toBe('expiringSoon');
    expect(view.expiryWarning).toContain('expires_in held a string that is neither a number nor a date');
    expect(view.expiryWarning).not.toContain('later');
    const [renewal] = env.harness.core.history({ connectionId: connection.id, limit: 1 });
    expect(renewal?.message).toMatch(/expiry the server sent could not be read/);
  });
});
