import { describe, expect, it } from 'vitest';
import { CLOCK_CHECK_EVERY_MS, ClockJumpWatch, clockJumped } from '../../../main/electron/clock-jump';
import { FakeClock } from '../../support/fake-clock';

describe('noticing a clock change', () => {
  it('tells a jump of the wall clock from ordinary timer drift', () => {
    const before = { wall: 1_000_000, monotonic: 50_000 };
    expect(clockJumped(before, { wall: 1_015_020, monotonic: 65_000 })).toBe(false);
    expect(clockJumped(before, { wall: 1_015_000 + 3_600_000, monotonic: 65_000 })).toBe(true);
    expect(clockJumped(before, { wall: 1_015_000 - 60_000, monotonic: 65_000 })).toBe(true);
  });

  it('re-plans after the clock is set forward or back, and not while time runs normally', () => {
    const clock = new FakeClock();
    let jumped = 0;
    // The monotonic clock is the wall clock without the jumps: it moves with the timers only.
    let jumps = 0;
    const watch = new ClockJumpWatch({
      clock,
      monotonicNow: () => clock.now() - jumps,
      onJump: () => (jumped += 1),
    });
    const advance = (ms: number) => clock.advance(ms);
    const jump = (ms: number) => {
      jumps += ms;
      clock.jump(ms);
    };
    watch.start();
    advance(CLOCK_CHECK_EVERY_MS * 4);
    expect(jumped).toBe(0);
    jump(2 * 60 * 60_000);
    advance(CLOCK_CHECK_EVERY_MS);
    expect(jumped).toBe(1);
    jump(-10 * 60_000);
    advance(CLOCK_CHECK_EVERY_MS);
    expect(jumped).toBe(2);
    watch.stop();
    expect(clock.liveTimers).toBe(0);
  });
});
