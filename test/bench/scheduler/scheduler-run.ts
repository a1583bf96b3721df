import { Scheduler } from '../../../main/core/engine/scheduler';
import { FakeClock } from '../../support/fake-clock';
import { collectGarbage } from '../support/heap';
import { cpuMs, nsPerOp } from '../support/stats';
import { DAY, HOUR, MINUTE, seededRandom, spreadDelays } from './due-times';
import { OneTimerClock } from './one-timer-clock';

export const START_AT = Date.UTC(2025, 0, 15, 9, 0, 0);
/** A night with the lid closed: a third of the day's renewals are overdue on waking. */
export const SLEEP_MS = 8 * HOUR;

export interface SchedulerRun extends Record<string, number> {
  /** Per schedule() of a connection not yet planned. */
  planNs: number;
  /** Per schedule() of a planned connection after the resume. */
  replanNs: number;
  /** Per overdue connection that replan() fired on waking. */
  overdueNs: number;
  /** Per connection fired while the fake clock ran through the rest of the day. */
  drainNs: number;
  /** Timer wakes during the drain: one per distinct due time, plus the 30 s wall-clock checks. */
  drainWakes: number;
}

/**
 * 'n' connections planned over the next day, a night's sleep, every one planned
 * again, the overdue ones fired at once, and the rest drained on the fake clock.
 * Checks as it goes that one timer serves them all and each fires exactly once.
 */
export function runScheduler(keys: readonly string[], seed: number): SchedulerRun {
  const count = keys.length;
  const random = seededRandom(seed);
  const firstDelays = spreadDelays(count, random);
  const secondDelays = spreadDelays(count, random);
  const clock = new OneTimerClock(new FakeClock(START_AT));
  const fired = new Set<string>();
  const failures: unknown[] = [];
  let jumps = 0;
  const scheduler = new Scheduler(
    clock,
    (key) => {
      if (fired.has(key)) throw new Error(`${key} fired twice`);
      fired.add(key);
    },
    { onError: (error) => failures.push(error) },
  );
  scheduler.onWallClockJump(() => (jumps += 1));
  collectGarbage();

  const plannedAt = clock.now();
  let started = cpuMs();
  for (let index = 0; index < count; index++)
    scheduler.schedule(keys[index]!, plannedAt + firstDelays[index]!);
  const planMs = cpuMs() - started;
  scheduler.start();
  expectLiveTimers(clock, 1, 'after start');

  clock.fake.jump(SLEEP_MS);
  const wokeAt = clock.now();
  started = cpuMs();
  for (let index = 0; index < count; index++) {
    const overdue = plannedAt + firstDelays[index]! <= wokeAt;
    scheduler.schedule(keys[index]!, overdue ? wokeAt : wokeAt + secondDelays[index]!);
  }
  const replanMs = cpuMs() - started;
  started = cpuMs();
  scheduler.replan();
  const overdueMs = cpuMs() - started;
  const overdue = fired.size;

  const timersBeforeDrain = clock.timersSet;
  started = cpuMs();
  clock.fake.advance(DAY + 2 * MINUTE);
  const drainMs = cpuMs() - started;

  if (failures.length > 0) throw failures[0];
  if (fired.size !== count || scheduler.size !== 0) {
    throw new Error(`Fired ${fired.size} of ${count} connections; ${scheduler.size} still planned`);
  }
  if (jumps !== 1) throw new Error(`The sleep was reported ${jumps} times instead of once`);
  if (clock.mostLive !== 1) throw new Error(`At most ${clock.mostLive} timers were live instead of one`);
  // The wall-clock check stays armed while the scheduler runs, with nothing planned.
  expectLiveTimers(clock, 1, 'after the drain');
  scheduler.stop();
  expectLiveTimers(clock, 0, 'after stop');
  return {
    planNs: nsPerOp(planMs, count),
    replanNs: nsPerOp(replanMs, count),
    overdueNs: nsPerOp(overdueMs, overdue),
    drainNs: nsPerOp(drainMs, count - overdue),
    drainWakes: clock.timersSet - timersBeforeDrain,
  };
}

function expectLiveTimers(clock: OneTimerClock, expected: number, when: string): void {
  const live = clock.fake.liveTimers;
  if (live !== expected) throw new Error(`${live} live timers ${when}; expected ${expected}`);
}
