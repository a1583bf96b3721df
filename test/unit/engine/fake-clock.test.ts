import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock';

describe('FakeClock', () => {
  it('fires due timers in order, including ones set by callbacks during the advance', () => {
    const clock = new FakeClock(1_000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 5);
    }, 10);
    clock.setTimeout(() => fired.push('late'), 100);
    clock.advance(50);
    expect(fired).toEqual(['a@1010', 'c@1015', 'b@1020']);
    expect(clock.now()).toBe(1_050);
    expect(clock.liveTimers).toBe(1);
  });

  it('moves the wall clock on jump without firing timers', () => {
    const clock = new FakeClock(1_000);
    let fired = 0;
    clock.setTimeout(() => fired++, 10);
    clock.jump(60_000);
    expect(clock.now()).toBe(61_000);
    expect(fired).toBe(0);
    clock.advance(10);
    expect(fired).toBe(1);
  });

  it('fires a timer above 2^31-1 ms after 1 ms, as Node does', () => {
    const clock = new FakeClock();
    let fired = 0;
    clock.setTimeout(() => fired++, 2 ** 31);
    clock.advance(1);
    expect(fired).toBe(1);
    expect(clock.largestDelayRequested).toBe(2 ** 31);
  });

  it('lets async callbacks settle between firings with advanceAsync', async () => {
    const clock = new FakeClock();
    const steps: string[] = [];
    clock.setTimeout(async () => {
      await Promise.resolve();
      await Promise.resolve();
      steps.push('first settled');
    }, 10);
    clock.setTimeout(() => steps.push('second fired'), 20);
    await clock.advanceAsync(30);
    expect(steps).toEqual(['first settled', 'second fired']);
  });
});
