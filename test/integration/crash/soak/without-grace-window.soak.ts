// `npm run test:soak` (vitest.soak.config.ts): the crash test at soak length; `npm test` runs 20 kills.
import { describe, it } from 'vitest';
import { expectLostOnesShownAfterKills } from '../killed-while-renewing';

describe('soak: a TokenTray process killed 200 times while rotating renewals run', () => {
  it('shows each connection lost without a grace window as needing action, never silently broken', () =>
    expectLostOnesShownAfterKills(200, 0x50a5));
});
