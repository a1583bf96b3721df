import { collectGarbage } from '../support/heap';
import { cpuMs, nsPerOp } from '../support/stats';
import { seededRandom, spreadDelays } from './due-times';

export interface TimerRun extends Record<string, number> {
  /** Per setTimeout of a connection not yet planned. */
  armNs: number;
  /** Per clearTimeout and setTimeout of a planned connection: what a re-plan costs this way. */
  rearmNs: number;
  /** Per clearTimeout when everything is dropped. */
  clearNs: number;
}

function noop(): void {}

/** The design the scheduler replaces: one real Node timer per connection, kept in a map to re-plan it. */
export function armTimers(keys: readonly string[], delays: Float64Array): Map<string, NodeJS.Timeout> {
  const timers = new Map<string, NodeJS.Timeout>();
  for (let index = 0; index < keys.length; index++) {
    // Unreferenced, as the app's system clock does, so the process can exit.
    timers.set(keys[index]!, setTimeout(noop, delays[index]!).unref());
  }
  return timers;
}

export function clearTimers(timers: Map<string, NodeJS.Timeout>): void {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
}

/** The same plan and re-plan as the scheduler run, with real timers (none fires: the shortest is a minute). */
export function runTimers(keys: readonly string[], seed: number): TimerRun {
  const count = keys.length;
  const random = seededRandom(seed);
  const firstDelays = spreadDelays(count, random);
  const secondDelays = spreadDelays(count, random);
  collectGarbage();

  let started = cpuMs();
  const timers = armTimers(keys, firstDelays);
  const armMs = cpuMs() - started;

  started = cpuMs();
  for (let index = 0; index < count; index++) {
    const key = keys[index]!;
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(noop, secondDelays[index]!).unref());
  }
  const rearmMs = cpuMs() - started;

  started = cpuMs();
  clearTimers(timers);
  const clearMs = cpuMs() - started;
  return { armNs: nsPerOp(armMs, count), rearmNs: nsPerOp(rearmMs, count), clearNs: nsPerOp(clearMs, count) };
}
