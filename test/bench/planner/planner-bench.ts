import { randomUUID } from 'node:crypto';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { connectionKeys } from '../scheduler/due-times';
import { runTimers } from '../scheduler/timer-baseline';
import { formatBytes, formatCount, formatMs, formatNs, formatRatio } from '../support/format';
import type { BenchSection } from '../support/report';
import { median } from '../support/stats';
import type { PlannerRun } from './planner-run';
import { runPlanner } from './planner-run';

export interface PlannerBenchOptions {
  sizes: number[];
  replans(size: number): number;
}

interface SizeResult {
  size: number;
  planner: PlannerRun;
  rearmNs: number;
}

export async function plannerBench(
  options: PlannerBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  // Only probe() touches it: a keychain entry is written, read back and removed at each start.
  const vault = new KeytarVault({ service: `TokenTray-bench-${randomUUID()}` });
  await vault.probe();
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const planner = await runPlanner(size, vault, options.replans(size));
    const keys = connectionKeys(size);
    const rearmNs = median([1, 2, 3].map((seed) => runTimers(keys, seed).rearmNs));
    results.push({ size, planner, rearmNs });
    log(`  planner: ${formatCount(size)} connections done`);
  }
  await vault.close();
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const label = (size: number) => (size >= 1000 ? `${size / 1000}k` : `${size}`);
  const logGrowth = Math.log2(last.size) / Math.log2(first.size);
  const steadyGrowth = last.planner.steadyReplanNs / first.planner.steadyReplanNs;
  const resumeGrowth = last.planner.resumeReplanNs / first.planner.resumeReplanNs;
  const doubled = last.planner.resumeReplanNs / last.planner.steadyReplanNs;
  const passes = last.planner.resumePasses;
  return {
    title: 'RenewalPlanner through TokenTrayCore',
    method: [
      'A TokenTrayCore over a profile held in memory (the store contract, no disk) with connections of every',
      'renewable dialect, ten per partner, each with a 90-day token renewed in the last 30 days, on a FakeClock.',
      'start() plans every connection; replan() is then timed (CPU time) with a steady clock and after an 8-hour jump',
      `(${options.sizes.map((size) => `${options.replans(size)} each at ${label(size)}`).join(', ')}, medians).`,
      'Nothing falls due, so no renewal fires (checked). Baseline: clear + setTimeout per connection, same size.',
    ],
    tables: [
      {
        headers: [
          '',
          ...results.map((r) => label(r.size)),
          `growth ${label(first.size)}→${label(last.size)}`,
        ],
        rows: [
          row('re-plan, steady clock, per connection', results, (r) => r.planner.steadyReplanNs, formatNs),
          row('re-plan after resume, per connection', results, (r) => r.planner.resumeReplanNs, formatNs),
          row('baseline: clear + setTimeout', results, (r) => r.rearmNs, formatNs),
          [
            'ratio: steady re-plan ÷ baseline',
            ...results.map((r) => formatRatio(r.planner.steadyReplanNs / r.rearmNs)),
            '',
          ],
          row('planning passes per re-plan, steady', results, (r) => r.planner.steadyPasses, String),
          row('planning passes per re-plan, after resume', results, (r) => r.planner.resumePasses, String),
          row('load the profile (new TokenTrayCore)', results, (r) => r.planner.loadMs, formatMs),
          row('start() (probe + plan all)', results, (r) => r.planner.startMs, formatMs),
          row('core heap per connection', results, (r) => r.planner.bytesPerConnection, formatBytes),
        ],
      },
    ],
    findings: [
      `Re-planning grows ${formatRatio(steadyGrowth)} (steady) and ${formatRatio(resumeGrowth)} (after resume) from ` +
        `${label(first.size)} to ${label(last.size)}; O(log n) predicts ${formatRatio(logGrowth)}.`,
      passes > 1
        ? `A re-plan after a resume computes every due time ${passes} times and costs ${formatRatio(doubled)} a ` +
          'steady one: RenewalPlanner.replan() plans every connection, then Scheduler.replan() reports the jump ' +
          'and the jump listener plans every connection again.'
        : `A re-plan after a resume computes every due time once (${formatRatio(doubled)} a steady one).`,
      `Loading a profile of ${formatCount(last.size)} connections takes ${formatMs(last.planner.loadMs)}, ` +
        'mostly the schema validation of every record.',
    ],
    summary: [
      {
        benchmark: `Planner: re-plan, per connection (${label(last.size)})`,
        figure: formatNs(last.planner.steadyReplanNs),
        baseline: `${formatNs(last.rearmNs)} (clear + setTimeout)`,
        ratio: formatRatio(last.planner.steadyReplanNs / last.rearmNs),
        target: 'O(log n)',
        verdict: `growth ${formatRatio(steadyGrowth)} (log n: ${formatRatio(logGrowth)})`,
      },
      {
        benchmark: `Planner: re-plan after resume (${label(last.size)})`,
        figure: formatNs(last.planner.resumeReplanNs),
        baseline: `${formatNs(last.planner.steadyReplanNs)} (steady re-plan)`,
        ratio: formatRatio(doubled),
        target: 'one planning pass',
        verdict: passes > 1 ? `${passes} passes` : 'ok',
      },
    ],
  };
}

function row(
  name: string,
  results: SizeResult[],
  pick: (result: SizeResult) => number,
  format: (value: number) => string,
): string[] {
  const first = pick(results[0]!);
  const last = pick(results[results.length - 1]!);
  return [name, ...results.map((result) => format(pick(result))), formatRatio(last / first)];
}
