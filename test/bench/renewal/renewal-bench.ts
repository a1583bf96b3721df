import { formatBytes, formatCount, formatMs, formatRatio, formatShare } from '../support/format';
import type { BenchSection } from '../support/report';
import { medianByField } from '../support/stats';
import type { FleetVault } from './fleet';
import { startFleet } from './fleet';
import type { BaselineRound, EngineRound } from './renewal-rounds';
import { baselineRound, engineRound } from './renewal-rounds';

export interface RenewalBenchOptions {
  /** Connections renewed with the keychain set aside: the engine's own cost. */
  connections: number;
  /** Connections renewed through the real keychain, which slows as the keyring fills. */
  keychainConnections: number;
  rounds: number;
}

/** The fleet size the renewal targets are set for: thousands of connections. */
export const ISSUE_CONNECTIONS = 2_000;

/** The target for the engine's own cost over bare HTTP. */
export const ENGINE_TARGET_RATIO = 1.5;

interface Rounds {
  count: number;
  baselines: BaselineRound[];
  engines: EngineRound[];
}

export async function renewalBench(
  options: RenewalBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  // Warms the client, the simulator and the JIT; discarded.
  await baselineRound(50);
  const own = await measure(options.connections, 'in memory', options.rounds, log);
  const withKeychain = await measure(options.keychainConnections, 'keychain', options.rounds, log);
  return renewalSection(own, withKeychain);
}

/** Rounds alternate the bare baseline and the engine, on the same fleet. */
async function measure(
  count: number,
  vault: FleetVault,
  rounds: number,
  log: (line: string) => void,
): Promise<Rounds> {
  const label = `renewal (${vault === 'keychain' ? 'keychain' : 'keychain set aside'})`;
  const setupStarted = performance.now();
  const fleet = await startFleet(count, vault, (added) => {
    if (added % 500 === 0) log(`  ${label}: ${formatCount(added)} connections added`);
  });
  log(`  ${label}: set-up took ${formatMs(performance.now() - setupStarted)} (not measured)`);
  const result: Rounds = { count, baselines: [], engines: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      result.baselines.push(await baselineRound(count, fleet.simulator));
      const { figures, problems } = await engineRound(fleet);
      // Secrets are sealed in the profile: a renewal never waits on the keychain.
      if (figures.keychainCalls !== 0) {
        throw new Error(
          `${label}: ${figures.keychainCalls} keychain calls in a round of renewals; expected none`,
        );
      }
      result.engines.push(figures);
      log(`  ${label}: round ${round + 1} of ${rounds}: engine ${formatMs(figures.wallMs)}`);
      if (problems.length > 0) {
        log(
          `  ${label}: ${problems.length} connections not renewed exactly once, e.g. ${problems.slice(0, 3).join(' | ')}`,
        );
      }
    }
  } finally {
    const cleanupStarted = performance.now();
    await fleet.close();
    log(`  ${label}: clean-up took ${formatMs(performance.now() - cleanupStarted)}`);
  }
  return result;
}

export function renewalSection(own: Rounds, withKeychain: Rounds): BenchSection {
  const ownBaseline = medianByField(own.baselines);
  const ownEngine = medianByField(own.engines);
  const kcBaseline = medianByField(withKeychain.baselines);
  const kcEngine = medianByField(withKeychain.engines);
  const ownRatio = ownEngine.wallMs / ownBaseline.wallMs;
  const kcRatio = kcEngine.wallMs / kcBaseline.wallMs;
  const perOwn = (ms: number) => formatMs(ms / own.count);
  const perKc = (ms: number) => formatMs(ms / withKeychain.count);
  // The same engine per renewal with and without the keychain: the difference is the keychain's.
  const ownPerRenewal = ownEngine.wallMs / own.count;
  const kcPerRenewal = kcEngine.wallMs / withKeychain.count;
  const keychainShare = Math.max(0, kcPerRenewal - ownPerRenewal) / kcPerRenewal;
  const problems = (rounds: Rounds) => Math.max(...rounds.engines.map((round) => round.notRenewedOnce));
  const ownProblems = problems(own);
  const kcProblems = problems(withKeychain);
  const rounds = own.engines.length;
  return {
    title: `Renewal throughput (${formatCount(own.count)} connections)`,
    method: [
      'Connections of the four renewable presets in turn, added through core.admin (not measured), renewed against',
      'the partner simulator on 127.0.0.1, with the metadata file and its journal on disk. Time is fake: the clock',
      'jumps an hour and replan() finds every connection overdue; the engine renews all of them at the default limits',
      '(global 8, per host 4: one host, so 4 at once), each exactly once and ending healthy (counted).',
      `Excluding keychain: ${formatCount(own.count)} connections with the keychain set aside (secrets in a Map), so`,
      "the wall time is the engine's own: the in-flight marker and the result made durable in the journal, parsing,",
      'the audit entry, planning. With keychain: the same engine on the real keychain (gnome-keyring, a service of',
      `its own, removed afterwards) at ${formatCount(withKeychain.count)} connections; the keychain's share is the`,
      'difference per renewal between the two runs.',
      'Baseline: the same number of renewal requests, built by the same code for fresh accounts on the same simulator',
      '(so both meet a server holding the same history), sent with plain Node HTTP (a keep-alive agent, nothing else)',
      "through the same RenewalLimiter, without the engine: the ratio includes what the engine's axios client costs.",
      `Rounds alternate baseline and engine; medians of ${rounds} rounds. Main-thread time is event-loop utilisation.`,
      ...(withKeychain.count < ISSUE_CONNECTIONS
        ? [
            `The keychain run is at ${formatCount(withKeychain.count)} connections (\`--renewals\`); the target is for`,
            `${formatCount(ISSUE_CONNECTIONS)}, the size \`npm run bench\` runs it at.`,
          ]
        : []),
    ],
    tables: [
      {
        headers: ['', 'connections', 'total', 'per renewal', 'main thread busy', 'ratio to baseline'],
        rows: [
          [
            'baseline: plain Node HTTP',
            formatCount(own.count),
            formatMs(ownBaseline.wallMs),
            perOwn(ownBaseline.wallMs),
            formatMs(ownBaseline.mainThreadMs),
            '1.00×',
          ],
          [
            'engine, keychain set aside',
            formatCount(own.count),
            formatMs(ownEngine.wallMs),
            perOwn(ownEngine.wallMs),
            formatMs(ownEngine.mainThreadMs),
            formatRatio(ownRatio),
          ],
          [
            'baseline: plain Node HTTP',
            formatCount(withKeychain.count),
            formatMs(kcBaseline.wallMs),
            perKc(kcBaseline.wallMs),
            formatMs(kcBaseline.mainThreadMs),
            '1.00×',
          ],
          [
            'engine with the keychain',
            formatCount(withKeychain.count),
            formatMs(kcEngine.wallMs),
            perKc(kcEngine.wallMs),
            formatMs(kcEngine.mainThreadMs),
            formatRatio(kcRatio),
          ],
        ],
      },
      {
        headers: ['per renewal', 'keychain set aside', 'with the keychain'],
        rows: [
          ['wall time', perOwn(ownEngine.wallMs), perKc(kcEngine.wallMs)],
          ['main thread busy', perOwn(ownEngine.mainThreadMs), perKc(kcEngine.mainThreadMs)],
          [
            'metadata file rewrites (checkpoints)',
            (ownEngine.storeWrites / own.count).toFixed(3),
            (kcEngine.storeWrites / withKeychain.count).toFixed(3),
          ],
          ['main thread in checkpoints', perOwn(ownEngine.storeWriteMs), perKc(kcEngine.storeWriteMs)],
          [
            'keychain calls',
            (ownEngine.keychainCalls / own.count).toFixed(2),
            (kcEngine.keychainCalls / withKeychain.count).toFixed(2),
          ],
          [
            'keychain writes (set, delete)',
            (ownEngine.keychainWrites / own.count).toFixed(2),
            (kcEngine.keychainWrites / withKeychain.count).toFixed(2),
          ],
          [
            'mean keychain call, queueing included',
            '',
            formatMs(kcEngine.keychainSumMs / Math.max(1, kcEngine.keychainCalls)),
          ],
          [
            'metadata file after the round',
            formatBytes(ownEngine.fileBytes),
            formatBytes(kcEngine.fileBytes),
          ],
        ],
      },
    ],
    findings: [
      `With the keychain set aside the engine renews ${formatCount(own.count)} connections in ` +
        `${formatRatio(ownRatio)} the time of the bare requests (target ≤ ${ENGINE_TARGET_RATIO}×): each renewal's ` +
        'marker and result are journal lines synced in groups; the metadata file is rewritten only at checkpoints ' +
        `(${(ownEngine.storeWrites / own.count).toFixed(3)} per renewal).`,
      `With the real keychain behind it a renewal takes ${perKc(kcEngine.wallMs)} (${formatRatio(kcRatio)} the bare ` +
        `requests) and makes ${(kcEngine.keychainCalls / withKeychain.count).toFixed(2)} keychain calls: the data key ` +
        "is read once at start-up and every secret is sealed in the journal with the renewal's state.",
    ],
    summary: [
      {
        benchmark: `Renewal: engine excluding keychain (${formatCount(own.count)})`,
        figure: `${formatMs(ownEngine.wallMs)} (${perOwn(ownEngine.wallMs)}/renewal)`,
        baseline: `${formatMs(ownBaseline.wallMs)} (${perOwn(ownBaseline.wallMs)}/request)`,
        ratio: formatRatio(ownRatio),
        target: `≤ ${ENGINE_TARGET_RATIO}×`,
        verdict: ownRatio <= ENGINE_TARGET_RATIO ? 'ok' : 'over',
      },
      {
        benchmark: `Renewal: each connection renewed once, healthy (${formatCount(own.count)} + ${formatCount(withKeychain.count)})`,
        figure: `${formatCount(own.count + withKeychain.count - ownProblems - kcProblems)} of ${formatCount(own.count + withKeychain.count)}`,
        baseline: 'every request answered',
        ratio: formatRatio(
          (own.count + withKeychain.count - ownProblems - kcProblems) / (own.count + withKeychain.count),
        ),
        target: 'all',
        verdict: ownProblems + kcProblems === 0 ? 'ok' : `${ownProblems + kcProblems} not`,
      },
      {
        benchmark: `Renewal: engine with keychain (${formatCount(withKeychain.count)})`,
        figure: `${formatMs(kcEngine.wallMs)} (${perKc(kcEngine.wallMs)}/renewal)`,
        baseline: `${formatMs(kcBaseline.wallMs)}`,
        ratio: formatRatio(kcRatio),
        target: `≤ ${ENGINE_TARGET_RATIO}×`,
        verdict: kcRatio <= ENGINE_TARGET_RATIO ? `ok, keychain ${formatShare(keychainShare)}` : 'over',
      },
      {
        benchmark: 'Renewal: keychain calls per renewal',
        figure: (kcEngine.keychainCalls / withKeychain.count).toFixed(2),
        baseline: 'secrets sealed in the profile',
        ratio: '',
        target: '0 (asserted)',
        verdict: kcEngine.keychainCalls === 0 ? 'ok' : 'over',
      },
    ],
  };
}
