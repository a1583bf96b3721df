import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TokenTrayCore } from '../../../main/core/app';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { openConfStore } from '../../../main/core/store/conf-store';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { startSimulator } from '../../simulator/simulator';
import { FakeClock } from '../../support/fake-clock';
import { formatCount, formatMs, formatRatio } from '../support/format';
import { collectGarbage } from '../support/heap';
import type { BenchSection } from '../support/report';
import { median, nowMs } from '../support/stats';
import { removeKeychainEntries } from './fleet';
import { writeSealedProfile } from './sealed-profile';
import { TimedStore } from './timed-store';
import { TimedVault } from './timed-vault';

export interface RenewalScalingOptions {
  /** The large profile; the baseline is BASELINE_PROFILE. */
  connections: number;
  /** Renewals measured in each profile per round: the same BASELINE_PROFILE connections renewed in turn. */
  renewals: number;
  rounds: number;
}

const BASELINE_PROFILE = 100;
/** The target: a renewal in a large profile costs at most this much more than in a small one. */
export const SCALING_TARGET_RATIO = 1.2;

interface ScalingRound extends Record<string, number> {
  mainThreadMs: number;
  wallMs: number;
  keychainCalls: number;
}

interface ProfileFigures {
  rounds: ScalingRound[];
  /** Main-thread time of the metadata file's rewrite (the checkpoint) when the core stops after the rounds. */
  checkpointMs: number;
}

/** Main-thread time of `renewals` renewals in a profile of `count` connections, round by round. */
async function measureProfile(
  count: number,
  options: RenewalScalingOptions,
  log: (line: string) => void,
): Promise<ProfileFigures> {
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-bench-scaling-'));
  const keychain = new KeytarVault({ service: `TokenTray-bench-${randomUUID()}` });
  const timed = new TimedVault(keychain);
  const clock = new FakeClock(Date.now());
  const now = () => clock.now();
  const simulator = await startSimulator({ now });
  let core: TokenTrayCore | null = null;
  try {
    const setupStarted = nowMs();
    const profile = await writeSealedProfile(directory, {
      count,
      live: BASELINE_PROFILE,
      now: clock.now(),
      simulator,
      keychain,
    });
    const store = new TimedStore(openConfStore({ directory }));
    core = new TokenTrayCore({
      store,
      keychain: timed,
      clock,
      http: new AxiosHttpClient({ now }),
      random: () => 0.5,
    });
    await core.start();
    if (core.secretsLock()) throw new Error(`the ${count}-connection profile opened locked`);
    log(`  renewal scaling: ${formatCount(count)} connections set up in ${formatMs(nowMs() - setupStarted)}`);
    const live = new Set(profile.liveIds);
    const rounds: ScalingRound[] = [];
    const waves = Math.ceil(options.renewals / BASELINE_PROFILE);
    for (let round = 0; round < options.rounds; round++) {
      const figures: ScalingRound = { mainThreadMs: 0, wallMs: 0, keychainCalls: 0 };
      for (let wave = 0; wave < waves; wave++) {
        const dueAt = lastDueAt(core, live);
        // To just before they come due (not measured): the planner's periodic checks are not renewals.
        await clock.advanceAsync(Math.max(0, dueAt - 1 - clock.now()));
        const requestsBefore = profile.accountKeys.map((key) => simulator.requestCount(key));
        timed.reset();
        collectGarbage();
        const before = performance.eventLoopUtilization();
        const started = nowMs();
        await clock.advanceAsync(1);
        await core.idle();
        const busy = performance.eventLoopUtilization(before);
        figures.wallMs += nowMs() - started;
        figures.mainThreadMs += busy.active;
        // The core's keychain check every 5 minutes (of the fake clock) asks the keychain; a renewal never does.
        figures.keychainCalls += timed.calls.filter(({ call }) => call !== 'probe').length;
        const renewed = profile.accountKeys.filter(
          (key, index) => simulator.requestCount(key) - requestsBefore[index]! === 1,
        ).length;
        if (renewed !== BASELINE_PROFILE) {
          throw new Error(
            `${formatCount(count)} connections: ${renewed} of ${BASELINE_PROFILE} renewed once`,
          );
        }
      }
      rounds.push(figures);
      log(
        `  renewal scaling: ${formatCount(count)} connections, round ${round + 1}: ${formatMs(figures.mainThreadMs / (waves * BASELINE_PROFILE))} main thread per renewal`,
      );
    }
    // The renewals' changes are in the journal; stopping folds them into the file once.
    store.reset();
    await core.stop();
    core = null;
    return { rounds, checkpointMs: store.writeMs };
  } finally {
    await core?.stop();
    await simulator.close();
    await removeKeychainEntries(keychain);
    await keychain.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/** When the last of the measured connections is planned to renew. */
function lastDueAt(core: TokenTrayCore, live: ReadonlySet<string>): number {
  let last = 0;
  for (const partner of core.snapshot().partners) {
    for (const connection of partner.connections) {
      if (!live.has(connection.id)) continue;
      if (connection.nextRenewalAt === null) throw new Error(`${connection.label} has no renewal planned`);
      last = Math.max(last, connection.nextRenewalAt);
    }
  }
  return last;
}

/**
 * The cost of one renewal as the profile grows: the same number of renewals, in a profile of
 * BASELINE_PROFILE connections and in one of `connections`, the profiles alternating.
 */
export async function renewalScalingBench(
  options: RenewalScalingOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  // Warms the JIT, the client and the simulator's code; discarded.
  await measureProfile(BASELINE_PROFILE, { ...options, rounds: 1 }, () => undefined);
  const smallProfile = await measureProfile(BASELINE_PROFILE, options, log);
  const largeProfile = await measureProfile(options.connections, options, log);
  const small = smallProfile.rounds;
  const large = largeProfile.rounds;
  const renewals = Math.ceil(options.renewals / BASELINE_PROFILE) * BASELINE_PROFILE;
  const perRenewal = (rounds: ScalingRound[], field: 'mainThreadMs' | 'wallMs') =>
    median(rounds.map((round) => round[field])) / renewals;
  const smallMain = perRenewal(small, 'mainThreadMs');
  const largeMain = perRenewal(large, 'mainThreadMs');
  const ratio = largeMain / smallMain;
  const keychainCalls = [...small, ...large].reduce((sum, round) => sum + round.keychainCalls, 0);
  if (keychainCalls !== 0)
    throw new Error(`renewal scaling: ${keychainCalls} keychain calls during renewals`);
  const n = formatCount(options.connections);
  const b = formatCount(BASELINE_PROFILE);
  return {
    title: `Renewal cost as the profile grows (${b} and ${n} connections)`,
    method: [
      `A profile of ${b} connections and one of ${n}, written as this version keeps them (every connection's`,
      'secrets sealed in the metadata file, one data key in the real keychain; no per-connection set-up through the',
      `app), opened by the core. In each, ${b} connections have an hour's token on the partner simulator and come`,
      `due together on the fake clock, ${formatCount(renewals)} renewals a round in waves of ${b}; the rest are due`,
      'in weeks. Measured:',
      "main-thread time (event-loop utilisation) from their due time until every renewal's result is durable, per",
      `renewal; medians of ${options.rounds} rounds per profile.`,
    ],
    tables: [
      {
        headers: ['per renewal', `${b} connections`, `${n} connections`, 'ratio'],
        rows: [
          ['main thread busy', formatMs(smallMain), formatMs(largeMain), formatRatio(ratio)],
          [
            'wall time',
            formatMs(perRenewal(small, 'wallMs')),
            formatMs(perRenewal(large, 'wallMs')),
            formatRatio(perRenewal(large, 'wallMs') / perRenewal(small, 'wallMs')),
          ],
          ['keychain calls', '0', '0', ''],
          [
            'one checkpoint (the whole file rewritten; at most once a minute, not per renewal)',
            formatMs(smallProfile.checkpointMs),
            formatMs(largeProfile.checkpointMs),
            formatRatio(largeProfile.checkpointMs / smallProfile.checkpointMs),
          ],
        ],
      },
    ],
    findings: [
      `A renewal in a profile of ${n} connections takes ${formatRatio(ratio)} the main-thread time it takes in one of ${b}:`,
      'its marker and result are journal lines, and planning touches only its own connection. What grows with the profile is the checkpoint that folds the journal into the metadata file, once a minute while anything changes: ' +
        `${formatMs(largeProfile.checkpointMs)} at ${n} connections.`,
    ],
    summary: [
      {
        benchmark: `Renewal: main thread per renewal at ${n} connections`,
        figure: formatMs(largeMain),
        baseline: `${formatMs(smallMain)} (${b})`,
        ratio: formatRatio(ratio),
        target: `≤ ${SCALING_TARGET_RATIO}×`,
        verdict: ratio <= SCALING_TARGET_RATIO ? 'ok' : 'over',
      },
    ],
  };
}
