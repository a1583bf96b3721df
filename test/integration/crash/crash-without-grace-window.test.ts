import { describe, it } from 'vitest';
import { runCrashScenario } from './crash-run';
import { expectLostOnesShown } from './expect-outcomes';

const TIMEOUT_MS = 90_000;

describe('a TokenTray process killed at random moments while rotating renewals run', () => {
  it(
    'shows each connection lost without a grace window as needing action with re-add guidance, never silently broken',
    async () => {
      const result = await runCrashScenario({
        kills: 20,
        seed: 0xc0ffee,
        graceWindowMs: 0,
        killDelayMs: { min: 50, max: 400 },
      });
      console.log(result.line);

      expectLostOnesShown(result);
    },
    TIMEOUT_MS,
  );
});
