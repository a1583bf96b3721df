import { describe, it } from 'vitest';
import { expectLostOnesShownAfterKills } from './killed-while-renewing';

const TIMEOUT_MS = 90_000;

describe('a TokenTray process killed at random moments while rotating renewals run', () => {
  it(
    'shows each connection lost without a grace window as needing action with re-add guidance, never silently broken',
    () => expectLostOnesShownAfterKills(20, 0xc0ffee),
    TIMEOUT_MS,
  );
});
