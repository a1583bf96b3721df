import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';
import type { Expected } from './fault-cases';
import { DEADLINE_MS, FAULT_CASES, RENEWABLE } from './fault-cases';
import { ShortDeadlineHttp } from './short-deadline-http';
import { shownTexts, storedState, viewOf } from './stored-state';

/** Long enough that no scheduled renewal comes due while the cases move the clock. */
const WEEK_SEC = 7 * 24 * 3600;
/** How long a stopped connection is watched for a retry that must not come. */
const QUIET_MS = 15 * 60_000;

function summary(expected: Expected): string {
  return expected.kind === 'retry'
    ? `retries later (${expected.reason}) and then renews`
    : `stops at needs action (${expected.reason})`;
}

for (const dialect of RENEWABLE) {
  describe(`${dialect}: every partner fault ends in the right outcome and changes no stored secret`, () => {
    let harness: CoreHarness;
    let clock: FakeClock;
    beforeAll(async () => {
      clock = new FakeClock(Date.now());
      const real = new AxiosHttpClient({ now: () => clock.now() });
      harness = await startCoreHarness({ clock, http: new ShortDeadlineHttp(real, DEADLINE_MS) });
    });
    afterAll(async () => {
      // Removing the partners clears the keychain once per connection, quicker than the harness's sweep.
      const partners = harness.core.snapshot().partners;
      await Promise.all(partners.map((partner) => harness.core.admin.removePartner(partner.id)));
      await harness.close();
    });

    for (const faultCase of FAULT_CASES) {
      const expected = faultCase.expected(dialect);
      it(`${faultCase.name}: ${summary(expected)}`, async () => {
        const { provisioned, connection } = await harness.connect(dialect, {
          accessLifetimeSec: WEEK_SEC,
          ...faultCase.provision,
        });
        const before = await storedState(harness, connection.id);
        harness.simulator.inject(provisioned.key, faultCase.fault);

        const outcome = await harness.core.renewNow(connection.id);

        expect(outcome).toMatchObject({ kind: expected.kind, reason: expected.reason });
        expect(outcome.httpStatus).toBe(expected.httpStatus);
        expect(await storedState(harness, connection.id)).toEqual(before);
        expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
        const texts = shownTexts(harness.core, connection.id);
        for (const secret of Object.values(before.secrets)) if (secret) expect(texts).not.toContain(secret);
        const view = viewOf(harness.core, connection.id);

        if (expected.kind === 'followUp') {
          expect(view.status).toBe('needsAction');
          expect(view.followUp?.reason).toBe(expected.reason);
          expect(view.followUp?.guidance.length).toBeGreaterThan(0);
          expect(view.followUp?.guidance.every((step) => step.trim().length > 0)).toBe(true);
          expect(view.nextAttemptAt).toBeNull();
          expect(view.nextRenewalAt).toBeNull();

          await clock.advanceAsync(QUIET_MS);
          await harness.core.idle();
          expect(harness.simulator.requestCount(provisioned.key)).toBe(1);
          expect(await storedState(harness, connection.id)).toEqual(before);
          return;
        }

        if (outcome.kind !== 'retry') throw new Error('a retry outcome was expected');
        expect(outcome.retryAfterMs).toBe(expected.retryAfterMs);
        const { nextAttemptAt } = outcome;
        expect(nextAttemptAt).toBeGreaterThan(clock.now());
        expect(nextAttemptAt! - clock.now()).toBeGreaterThanOrEqual(expected.retryAfterMs ?? 0);
        expect(view.status).toBe('retrying');
        expect(view.nextAttemptAt).toBe(nextAttemptAt);
        expect(view.nextRenewalAt).toBe(nextAttemptAt);

        // The fault was one answer only: the planned attempt, on the injected clock, renews.
        await clock.advanceAsync(nextAttemptAt! - clock.now());
        await harness.core.idle();

        expect(harness.simulator.requestCount(provisioned.key)).toBe(2);
        const after = viewOf(harness.core, connection.id);
        expect(after.status).toBe('healthy');
        expect(after.phase).toBe('idle');
        expect(after.nextAttemptAt).toBeNull();
        expect(after.token?.fingerprint).not.toBe(view.token?.fingerprint);
        const { secrets } = await storedState(harness, connection.id);
        expect(secrets.access).not.toBe(before.secrets.access);
        expect(harness.simulator.isAccessTokenLive(secrets.access!)).toBe(true);
        expect(harness.simulator.isRefreshTokenLive(secrets.refresh!)).toBe(true);
        expect(secrets.client).toBe(before.secrets.client);
        expect(secrets.previousRefresh).toBeNull();
        expect(harness.simulator.familyRevoked(provisioned.key)).toBe(false);
      });
    }

    it('a slow body that arrives within the deadline is read and renews', async () => {
      const { provisioned, connection } = await harness.connect(dialect, { accessLifetimeSec: WEEK_SEC });
      harness.simulator.inject(provisioned.key, { kind: 'slowBody', delayMs: 50 });

      const outcome = await harness.core.renewNow(connection.id);

      expect(outcome.kind).toBe('renewed');
      const access = await harness.vault.get(connection.id, 'accessToken');
      expect(harness.simulator.isAccessTokenLive(access!)).toBe(true);
      expect(viewOf(harness.core, connection.id).status).toBe('healthy');
    });
  });
}

describe('a late body after the partner rotated, without a grace window', () => {
  it('the retry with the old refresh token is refused, and the connection asks to be re-added', async () => {
    const clock = new FakeClock(Date.now());
    const real = new AxiosHttpClient({ now: () => clock.now() });
    const harness = await startCoreHarness({ clock, http: new ShortDeadlineHttp(real, DEADLINE_MS) });
    try {
      const { provisioned, connection } = await harness.connect('oauth2', {
        accessLifetimeSec: WEEK_SEC,
        rotate: true,
        graceWindowMs: 0,
      });
      harness.simulator.inject(provisioned.key, { kind: 'slowBody', delayMs: DEADLINE_MS * 3 });

      const first = await harness.core.renewNow(connection.id);
      expect(first).toMatchObject({ kind: 'retry', reason: 'timeout' });
      await clock.advanceAsync((first.kind === 'retry' ? first.nextAttemptAt! : 0) - clock.now());
      await harness.core.idle();

      // Never silently broken: the person is told, with the steps to get a working token again.
      const view = viewOf(harness.core, connection.id);
      expect(view.status).toBe('needsAction');
      expect(view.followUp?.reason).toBe('invalid_grant');
      expect(view.followUp?.guidance.join(' ')).toMatch(/re-add the partner/i);
      expect(await harness.vault.get(connection.id, 'refreshToken')).toBe(provisioned.refreshToken);
    } finally {
      await harness.close();
    }
  });
});
