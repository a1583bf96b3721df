import { Scheduler } from '../../../main/core/engine/scheduler';
import { FakeClock } from '../../support/fake-clock';
import { bytesPerItem } from '../support/heap';
import { seededRandom, spreadDelays } from './due-times';
import { START_AT } from './scheduler-run';
import { armTimers, clearTimers } from './timer-baseline';

/** Heap bytes one planned connection costs in the scheduler (the ids themselves belong to the catalog). */
export function schedulerBytesPerConnection(keys: readonly string[], seed: number): number {
  const delays = spreadDelays(keys.length, seededRandom(seed));
  const clock = new FakeClock(START_AT);
  const measured = bytesPerItem(keys.length, () => {
    const scheduler = new Scheduler(clock, () => {});
    for (let index = 0; index < keys.length; index++)
      scheduler.schedule(keys[index]!, START_AT + delays[index]!);
    return scheduler;
  });
  if (measured.kept.size !== keys.length) throw new Error('The scheduler lost connections');
  return measured.bytesPerItem;
}

/** Heap bytes one real Node timer per connection costs, with the map that finds it again. */
export function timerBytesPerConnection(keys: readonly string[], seed: number): number {
  const delays = spreadDelays(keys.length, seededRandom(seed));
  const measured = bytesPerItem(keys.length, () => armTimers(keys, delays));
  clearTimers(measured.kept);
  return measured.bytesPerItem;
}
