import { describe, it } from 'vitest';
import { runCrashScenario } from './crash-run';
import { expectNothingLost } from './expect-outcomes';

// About a second a kill (a real process starts, recovers and renews), more on a busy machine.
const TIMEOUT_MS = 90_000;

describe('a TokenTray process killed at random moments while rotating renewals run', () => {
  it(
    'loses no connection when the partner has a grace window: 20 kills, every connection ends healthy',
    async () => {
      const result = await runCrashScenario({
        kills: 20,
        seed: 0x7e57,
        graceWindowMs: 60_000,
        killDelayMs: { min: 50, max: 400 },
      });
      console.log(result.line);

      expectNothingLost(result);
    },
    TIMEOUT_MS,
  );
});
