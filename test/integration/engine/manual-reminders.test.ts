import { afterEach, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/core/app';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { FakeClock } from '../../support/fake-clock';

const DAY = 24 * 60 * 60_000;
let harness: CoreHarness;
afterEach(async () => {
  await harness.close();
});

it('a manual token reminds at 30, 14, 7, 3 and 1 days before expiry, each once, never again daily', async () => {
  const clock = new FakeClock(Date.now());
  harness = await startCoreHarness({ clock });
  const reminders: number[] = [];
  harness.core.subscribe((event: CoreEvent) => {
    if (event.type === 'reminder') reminders.push(event.reminder.days);
  });
  const { connection, provisioned } = await harness.connect('manual');
  // The portal issues a token for 40 days, pasted in at once: it becomes the current one.
  const next = harness.simulator.issuePartnerToken(provisioned.key, 40 * 24 * 3600);
  await harness.core.tokens.replaceManualToken(connection.id, next.token, next.expiresAt);

  for (let day = 0; day < 45; day++) {
    clock.advance(DAY);
    await harness.core.idle();
  }

  expect(reminders).toEqual([30, 14, 7, 3, 1]);
  const view = harness.core.snapshot().partners[0]!.connections[0]!;
  expect(view.status).toBe('needsAction');
  expect(view.token?.status).toBe('expired');
});

it('after days switched off, only the most urgent overdue reminder fires', async () => {
  const clock = new FakeClock(Date.now());
  harness = await startCoreHarness({ clock });
  await harness.connect('manual', { accessLifetimeSec: 20 * 24 * 3600 });
  await harness.core.stop();

  clock.jump(15 * DAY);
  const after: number[] = [];
  const core = await harness.restart((event) => {
    if (event.type === 'reminder') after.push(event.reminder.days);
  });
  clock.advance(60_000);

  expect(after).toEqual([7]);
  expect(core.snapshot().partners[0]!.connections[0]!.status).toBe('expiringSoon');
});
