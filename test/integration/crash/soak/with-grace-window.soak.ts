// `npm run test:soak` (vitest.soak.config.ts): the crash test at soak length; `npm test` runs 20 kills.
import { describe, it } from 'vitest';
import { expectNothingLostAfterKills } from '../killed-while-renewing';

describe('soak: a TokenTray process killed 200 times while rotating renewals run', () => {
  it('loses no connection when the partner has a grace window', () =>
    expectNothingLostAfterKills(200, 0x50a4));
});
