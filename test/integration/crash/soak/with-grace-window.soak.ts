// `npm run test:soak` (vitest.soak.config.ts): the crash test at soak length; `npm test` runs 20 kills.
import { describe, it } from 'vitest';
import { runCrashScenario } from '../crash-run';
import { expectNothingLost } from '../expect-outcomes';

describe('soak: a TokenTray process killed 200 times while rotating renewals run', () => {
  it('loses no connection when the partner has a grace window', async () => {
    const result = await runCrashScenario({
      kills: 200,
      seed: 0x50a4,
      graceWindowMs: 60_000,
      killDelayMs: { min: 50, max: 400 },
    });
    console.log(result.line);

    expectNothingLost(result);
  });
});
