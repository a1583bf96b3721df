// `npm run test:soak` (vitest.soak.config.ts): the crash test at soak length; `npm test` runs 20 kills.
import { describe, it } from 'vitest';
import { runCrashScenario } from '../crash-run';
import { expectLostOnesShown } from '../expect-outcomes';

describe('soak: a TokenTray process killed 200 times while rotating renewals run', () => {
  it('shows each connection lost without a grace window as needing action, never silently broken', async () => {
    const result = await runCrashScenario({
      kills: 200,
      seed: 0x50a5,
      graceWindowMs: 0,
      killDelayMs: { min: 50, max: 400 },
    });
    console.log(result.line);

    expectLostOnesShown(result);
  });
});
