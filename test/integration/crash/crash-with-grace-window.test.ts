import { describe, it } from 'vitest';
import { expectNothingLostAfterKills } from './killed-while-renewing';

// About a second a kill (a real process starts, recovers and renews), more on a busy machine.
const TIMEOUT_MS = 90_000;

describe('a TokenTray process killed at random moments while rotating renewals run', () => {
  it(
    'loses no connection when the partner has a grace window: 20 kills, every connection ends healthy',
    () => expectNothingLostAfterKills(20, 0x7e57),
    TIMEOUT_MS,
  );
});
