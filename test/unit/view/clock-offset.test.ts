import { describe, expect, it } from 'vitest';
import {
  aheadOfPartnerMs,
  clockOffsetOf,
  connectionClockWarning,
} from '../../../main/core/view/clock-offset';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("this computer's clock against the partners'", () => {
  it('is unknown until a renewal answer measured it, and is the negated skew after', () => {
    expect(aheadOfPartnerMs({ clockSkewMs: 0, lastRenewedAt: null })).toBeNull();
    expect(aheadOfPartnerMs({ clockSkewMs: -HOUR, lastRenewedAt: 1 })).toBe(HOUR);
  });

  it('warns past five minutes either way, and says which way', () => {
    expect(connectionClockWarning(4 * MINUTE)).toBeNull();
    expect(connectionClockWarning(3 * HOUR)).toMatch(/3 hours ahead of this partner's/);
    expect(connectionClockWarning(-7 * MINUTE)).toMatch(/7 minutes behind this partner's/);
  });

  it('takes the median, so one partner with a wrong clock does not make the whole window warn', () => {
    const oneOff = clockOffsetOf([0, 500, -300, 2 * HOUR]);
    expect(oneOff?.warning).toBeNull();
    expect(oneOff?.measured).toBe(4);
    const allOff = clockOffsetOf([HOUR, HOUR + 1_000, HOUR - 1_000]);
    expect(allOff?.aheadMs).toBe(HOUR);
    expect(allOff?.warning).toMatch(/1 hour ahead of the partners' clocks/);
    expect(clockOffsetOf([])).toBeNull();
  });
});
