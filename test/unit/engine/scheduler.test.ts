import { describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS, Scheduler } from '../../../main/core/engine/scheduler';
import type { SchedulerOptions } from '../../../main/core/engine/scheduler';
import { FakeClock } from '../../support/fake-clock';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function setup(options: SchedulerOptions = {}, onDue?: (key: string, scheduler: Scheduler) => void) {
  const clock = new FakeClock();
  const fired: string[] = [];
  const jumps: number[] = [];
  const errors: Array<{ error: unknown; key?: string }> = [];
  const scheduler: Scheduler = new Scheduler(
    clock,
    (key) => {
      fired.push(key);
      onDue?.(key, scheduler);
    },
    { onError: (error, key) => errors.push({ error, key }), ...options },
  );
  scheduler.onWallClockJump((delta) => jumps.push(delta));
  return { clock, scheduler, fired, jumps, errors, start: clock.now() };
}

describe('Scheduler', () => {
  it('keeps one live timer no matter how many connections are planned', () => {
    const { clock, scheduler, fired, start } = setup();
    for (let i = 0; i < 10_000; i++) scheduler.schedule(`c${i}`, start + (i + 1) * SECOND);
    scheduler.start();
    expect(clock.liveTimers).toBe(1);
    expect(scheduler.size).toBe(10_000);

    clock.advance(HOUR);
    expect(fired).toHaveLength(3_600);
    expect(fired.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
    expect(clock.liveTimers).toBe(1);
  });

  it('never asks for a delay above 2^31-1 ms, so a renewal 100 days away does not fire at once', () => {
    // Without wall-clock checks only the cap stands between the scheduler and Node's overflow.
    const { clock, scheduler, fired, start } = setup({ wallClockCheckMs: Number.POSITIVE_INFINITY });
    scheduler.schedule('far', start + 100 * DAY);
    scheduler.start();
    expect(clock.nextTimerInMs).toBe(MAX_TIMER_DELAY_MS);

    clock.advance(100 * DAY - 1);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['far']);
    expect(clock.largestDelayRequested).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
  });

  it('wakes every 30 seconds to check the wall clock even when nothing is due soon', () => {
    const { clock, scheduler, start } = setup();
    scheduler.schedule('later', start + DAY);
    scheduler.start();
    expect(clock.nextTimerInMs).toBe(30 * SECOND);
  });

  it('fires overdue entries on start, in due order, each only once', () => {
    const { clock, scheduler, fired, start } = setup();
    scheduler.schedule('a', start - 2 * SECOND);
    scheduler.schedule('b', start - 5 * SECOND);
    scheduler.schedule('c', start + MINUTE);
    scheduler.start();
    expect(fired).toEqual(['b', 'a']);

    clock.advance(MINUTE - 1);
    expect(fired).toEqual(['b', 'a']);
    clock.advance(1);
    expect(fired).toEqual(['b', 'a', 'c']);
    clock.advance(HOUR);
    expect(fired).toEqual(['b', 'a', 'c']);
    expect(scheduler.size).toBe(0);
  });

  it('after a sleep, the 30 s check fires overdue renewals and tells the jump listeners', () => {
    const { clock, scheduler, fired, jumps, start } = setup();
    scheduler.schedule('renew', start + 10 * MINUTE);
    scheduler.schedule('tomorrow', start + DAY);
    scheduler.start();

    clock.jump(2 * HOUR); // the laptop slept: the wall clock moved, the timer did not
    expect(fired).toEqual([]);
    clock.advance(30 * SECOND);

    expect(jumps).toEqual([2 * HOUR]);
    expect(fired).toEqual(['renew']);
    expect(clock.liveTimers).toBe(1);
  });

  it('replan on resume fires what is overdue at once and reports the jump', () => {
    const { clock, scheduler, fired, jumps, start } = setup();
    scheduler.schedule('renew', start + 10 * MINUTE);
    scheduler.start();

    clock.jump(HOUR);
    scheduler.replan();

    expect(fired).toEqual(['renew']);
    // Wall clock against the monotonic one: the jump exactly, however long ago the timer was armed.
    expect(jumps).toEqual([HOUR]);
    expect(clock.liveTimers).toBe(1);
  });

  it('jump listeners re-plan before the overdue entries fire', () => {
    const { clock, scheduler, fired, start } = setup();
    scheduler.onWallClockJump(() => scheduler.schedule('replanned', clock.now()));
    scheduler.schedule('renew', start + 10 * MINUTE);
    scheduler.start();

    clock.jump(HOUR);
    clock.advance(30 * SECOND);
    expect(fired).toEqual(['renew', 'replanned']);
  });

  it('reports the clock going backwards and does not fire what is now further away', () => {
    const { clock, scheduler, fired, jumps, start } = setup();
    scheduler.schedule('renew', start + 10 * MINUTE);
    scheduler.start();

    clock.jump(-HOUR);
    clock.advance(30 * SECOND);
    expect(jumps).toEqual([-HOUR]);
    expect(fired).toEqual([]);
  });

  it('ignores drift within the tolerance', () => {
    const { clock, scheduler, jumps } = setup();
    scheduler.start();
    clock.jump(4 * SECOND);
    clock.advance(30 * SECOND);
    expect(jumps).toEqual([]);
  });

  it('does not lose a backward jump when a sooner plan re-arms the timer before it wakes', () => {
    const { clock, scheduler, jumps, fired } = setup();
    scheduler.start();
    clock.jump(-HOUR);
    scheduler.schedule('soon', clock.now() + SECOND);
    clock.advance(0);
    expect(jumps).toEqual([-HOUR]);
    clock.advance(SECOND);
    expect(fired).toEqual(['soon']);
    expect(clock.liveTimers).toBe(1);
  });

  it('does not lose a sleep when an overdue plan re-arms the timer before it wakes', () => {
    const { clock, scheduler, jumps, fired, start } = setup();
    scheduler.start();
    clock.jump(HOUR);
    scheduler.schedule('overdue', start + 10 * SECOND);
    clock.advance(0);
    expect(jumps).toEqual([HOUR]);
    expect(fired).toEqual(['overdue']);
  });

  it('re-scheduling a key replaces its earlier plan, later or sooner', () => {
    const { clock, scheduler, fired, start } = setup();
    scheduler.start();
    scheduler.schedule('a', start + 10 * SECOND);
    scheduler.schedule('a', start + 20 * SECOND);
    scheduler.schedule('b', start + 20 * SECOND);
    scheduler.schedule('b', start + 5 * SECOND);
    expect(scheduler.dueAt('a')).toBe(start + 20 * SECOND);

    clock.advance(5 * SECOND);
    expect(fired).toEqual(['b']);
    clock.advance(5 * SECOND);
    expect(fired).toEqual(['b']);
    clock.advance(10 * SECOND);
    expect(fired).toEqual(['b', 'a']);
  });

  it('a cancelled key never fires', () => {
    const { clock, scheduler, fired, start } = setup();
    scheduler.start();
    scheduler.schedule('a', start + SECOND);
    scheduler.cancel('a');
    clock.advance(MINUTE);
    expect(fired).toEqual([]);
    expect(scheduler.dueAt('a')).toBeUndefined();
    expect(scheduler.size).toBe(0);
  });

  it('a callback that throws does not stop the others, and the error is reported with its key', () => {
    const boom = new Error('boom');
    const { clock, scheduler, fired, errors, start } = setup({}, (key) => {
      if (key === 'b') throw boom;
    });
    for (const key of ['a', 'b', 'c']) scheduler.schedule(key, start + SECOND);
    scheduler.start();
    clock.advance(SECOND);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(errors).toEqual([{ error: boom, key: 'b' }]);
  });

  it('a callback may plan its own key again, and it fires again then', () => {
    const { clock, scheduler, fired } = setup({}, (key, self) => {
      if (fired.length < 3) self.schedule(key, clock.now() + MINUTE);
    });
    scheduler.schedule('tick', clock.now() + MINUTE);
    scheduler.start();
    clock.advance(10 * MINUTE);
    expect(fired).toEqual(['tick', 'tick', 'tick']);
    expect(clock.liveTimers).toBe(1);
  });

  it('a key a callback plans for now fires after the current batch, not twice in it', () => {
    const { clock, scheduler, fired, start } = setup({}, (key, self) => {
      if (key === 'a' && fired.length === 1) self.schedule('a', clock.now());
    });
    scheduler.schedule('a', start + SECOND);
    scheduler.schedule('b', start + SECOND);
    scheduler.start();
    clock.advance(SECOND);
    expect(fired).toEqual(['a', 'b', 'a']);
  });

  it('a callback that cancels or postpones a later key of the same batch stops it firing now', () => {
    const { clock, scheduler, fired, start } = setup({}, (key, self) => {
      if (key !== 'a') return;
      self.cancel('b');
      self.schedule('c', start + HOUR);
    });
    for (const key of ['a', 'b', 'c']) scheduler.schedule(key, start + SECOND);
    scheduler.start();
    clock.advance(SECOND);
    expect(fired).toEqual(['a']);
    expect(scheduler.dueAt('c')).toBe(start + HOUR);
  });

  it('fires nothing after stop and holds no timer', () => {
    const { clock, scheduler, fired, start } = setup();
    scheduler.schedule('a', start + SECOND);
    scheduler.start();
    scheduler.stop();
    expect(clock.liveTimers).toBe(0);
    clock.advance(HOUR);
    expect(fired).toEqual([]);
    scheduler.replan();
    expect(fired).toEqual([]);
  });

  it('a stop from inside a callback keeps the rest of the batch for the next start', () => {
    const { clock, scheduler, fired, start } = setup({}, (_key, self) => self.stop());
    for (const key of ['a', 'b']) scheduler.schedule(key, start + SECOND);
    scheduler.start();
    clock.advance(SECOND);
    expect(fired).toEqual(['a']);
    expect(clock.liveTimers).toBe(0);
    expect(scheduler.dueAt('b')).toBe(start + SECOND);
  });
});
