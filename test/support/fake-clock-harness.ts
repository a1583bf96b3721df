import { afterEach, beforeEach } from 'vitest';
import type { CoreHarness } from './core-harness';
import { startCoreHarness } from './core-harness';
import { FakeClock } from './fake-clock';

export interface FakeClockHarness {
  readonly clock: FakeClock;
  readonly harness: CoreHarness;
  /** Moves the fake clock on, then waits until no renewal runs and every change is on disk. */
  runFor(ms: number): Promise<void>;
}

export interface FakeClockHarnessOptions {
  /**
   * `shared` (default): the partner simulator reads the same wall clock, jumps included, as a
   * sleep moves every clock. `untouched`: the partner keeps true time while this computer's clock
   * is set (the partner's clock is the fake clock without the jumps).
   */
  partnerClock?: 'shared' | 'untouched';
}

/** A core harness on a FakeClock of its own for each test of the calling file, closed after it. */
export function fakeClockHarnessPerTest(options: FakeClockHarnessOptions = {}): FakeClockHarness {
  let clock: FakeClock | undefined;
  let harness: CoreHarness | undefined;
  beforeEach(async () => {
    const fake = new FakeClock(Date.now());
    const startedAt = fake.now();
    const partnerNow =
      options.partnerClock === 'untouched' ? () => startedAt + fake.monotonicNow() : undefined;
    clock = fake;
    harness = await startCoreHarness({ clock: fake, partnerNow });
  });
  afterEach(async () => {
    await harness?.close();
  });
  const env: FakeClockHarness = {
    get clock() {
      if (!clock) throw new Error('The fake clock exists only inside a test');
      return clock;
    },
    get harness() {
      if (!harness) throw new Error('The core harness exists only inside a test');
      return harness;
    },
    async runFor(ms) {
      await env.clock.advanceAsync(ms);
      await env.harness.core.idle();
    },
  };
  return env;
}
