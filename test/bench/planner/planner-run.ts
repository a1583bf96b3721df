import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenTrayCore } from '../../../main/core/app';
import type { Keychain } from '../../../main/core/vault/secret-vault';
import { FakeClock } from '../../support/fake-clock';
import { collectGarbage, heapUsedAfterGc } from '../support/heap';
import { cpuMs, median, nowMs, nsPerOp } from '../support/stats';
import { seededRandom } from '../scheduler/due-times';
import { SLEEP_MS, START_AT } from '../scheduler/scheduler-run';
import { bigStoreData, memoryStore } from './big-catalog';

const RENEWAL_ACTIONS = new Set(['renewed', 'renewalRetry', 'renewalFailed', 'recovered']);

export interface PlannerRun extends Record<string, number> {
  /** new TokenTrayCore: reading and validating the profile, indexing tokens (CPU time). */
  loadMs: number;
  /** start(): the keychain probe, the crash check and planning every connection (wall time). */
  startMs: number;
  /** Heap the loaded and planned core keeps, per connection. */
  bytesPerConnection: number;
  /** Per connection, replan() with a steady clock. */
  steadyReplanNs: number;
  /** Per connection, replan() after the wall clock jumped (a resume). */
  resumeReplanNs: number;
  /** How many times replan() computed every connection's due time: steady, then after a resume. */
  steadyPasses: number;
  resumePasses: number;
}

/**
 * The RenewalPlanner as the app drives it: a TokenTrayCore over a profile of
 * `count` connections held in memory, planned at start, then re-planned with a
 * steady clock and after a night's sleep. Nothing is due within the night, so
 * no renewal fires and only planning is measured.
 */
export async function runPlanner(count: number, vault: Keychain, replans: number): Promise<PlannerRun> {
  const data = bigStoreData(count, START_AT, seededRandom(count));
  const clock = new FakeClock(START_AT);
  // Every due time in the future draws one jitter: counting draws counts planning passes.
  let jitterDraws = 0;
  const random = () => {
    jitterDraws += 1;
    return 0.5;
  };
  const profileDir = mkdtempSync(join(tmpdir(), 'tokentray-planner-'));
  const store = memoryStore(data, join(profileDir, 'tokentray.json'));
  const heapBefore = heapUsedAfterGc();
  let started = cpuMs();
  const core = new TokenTrayCore({ store, keychain: vault, clock, random });
  const loadMs = cpuMs() - started;
  started = nowMs();
  await core.start();
  const startMs = nowMs() - started;
  const bytesPerConnection = (heapUsedAfterGc() - heapBefore) / count;
  // The scheduler's one timer for every connection, and the core's keychain check.
  const CORE_TIMERS = 2;
  try {
    const steady: number[] = [];
    const resumed: number[] = [];
    const steadyPasses: number[] = [];
    const resumePasses: number[] = [];
    const timed = (times: number[], passes: number[]) => {
      collectGarbage();
      const drawsBefore = jitterDraws;
      const begun = cpuMs();
      core.replan();
      times.push(cpuMs() - begun);
      passes.push((jitterDraws - drawsBefore) / count);
    };
    for (let run = 0; run < replans; run++) {
      timed(steady, steadyPasses);
      clock.jump(SLEEP_MS);
      timed(resumed, resumePasses);
      if (clock.liveTimers !== CORE_TIMERS) {
        throw new Error(`${clock.liveTimers} live timers after a re-plan; expected ${CORE_TIMERS}`);
      }
    }
    // A renewal that fired would have left an entry in the history (start-up may add others, such as a new data key).
    const renewals = core.history({}).filter((entry) => RENEWAL_ACTIONS.has(entry.action));
    if (renewals.length > 0) throw new Error('A renewal fired while only planning was measured');
    return {
      loadMs,
      startMs,
      bytesPerConnection,
      steadyReplanNs: nsPerOp(median(steady), count),
      resumeReplanNs: nsPerOp(median(resumed), count),
      steadyPasses: median(steadyPasses),
      resumePasses: median(resumePasses),
    };
  } finally {
    await core.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
