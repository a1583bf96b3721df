/**
 * `npm run bench`: the performance benchmarks. Each prints its figures
 * and their ratio to a baseline measured in the same run (medians, never a
 * single time), then a summary, and writes test/bench/RESULTS.md.
 *   node --expose-gc --import tsx test/bench/run.ts [--quick] [--only scheduler,planner,renewal,network,metadata,startup,window,cli,workspace]
 *     [--renewals N] [--workspace N] [--migration N] [--migration-on-disk N] [--rounds N] [--no-write]
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { commandLineBench } from './command-line/command-line-bench';
import { metadataBench } from './metadata/metadata-bench';
import { plannerBench } from './planner/planner-bench';
import { networkRoutesBench } from './renewal/network-routes-bench';
import { ISSUE_CONNECTIONS, renewalBench } from './renewal/renewal-bench';
import { renewalScalingBench } from './renewal/renewal-scaling';
import { schedulerBench } from './scheduler/scheduler-bench';
import { migrationBench } from './startup/migration-bench';
import { startupBench } from './startup/startup-bench';
import { formatMs } from './support/format';
import { machineLine, resultsMarkdown } from './support/results-file';
import type { BenchSection } from './support/report';
import { renderSection, renderTable, summaryTable } from './support/report';
import { windowBench, windowUnavailable } from './window/window-bench';
import { workspaceBench } from './workspace/workspace-bench';

const BENCHMARKS = [
  'scheduler',
  'planner',
  'renewal',
  'network',
  'metadata',
  'startup',
  'window',
  'cli',
  'workspace',
] as const;
type Benchmark = (typeof BENCHMARKS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    renewals: { type: 'string' },
    workspace: { type: 'string' },
    migration: { type: 'string' },
    'migration-on-disk': { type: 'string' },
    rounds: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const only = new Set((values.only ?? BENCHMARKS.join(',')).split(',').map((name) => name.trim()));
for (const name of only) {
  if (!BENCHMARKS.includes(name as Benchmark))
    throw new Error(`Unknown benchmark "${name}" (${BENCHMARKS.join(', ')})`);
}
const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
/** Connections renewed through the real keychain: the size the target names, unless asked for another. */
const renewals = Number(values.renewals ?? (quick ? 40 : ISSUE_CONNECTIONS));
const ownRenewals = quick ? 200 : Math.max(ISSUE_CONNECTIONS, renewals);
const rounds = Number(values.rounds ?? (quick ? 1 : 3));

const log = (line: string) => console.log(line);
const sections: BenchSection[] = [];
const runStarted = performance.now();
console.log(`TokenTray benchmarks — ${machineLine()}\n`);

async function run(name: Benchmark, bench: () => BenchSection | Promise<BenchSection>): Promise<void> {
  if (!only.has(name)) return;
  const started = performance.now();
  console.log(`${name}…`);
  const section = await bench();
  sections.push(section);
  console.log(`\n${renderSection(section)}\n\n(${name} took ${formatMs(performance.now() - started)})\n`);
}

await run('scheduler', () =>
  schedulerBench({ sizes, repetitions: (size) => (size <= 1_000 ? 21 : size <= 10_000 ? 9 : 5) }, log),
);
await run('planner', () => plannerBench({ sizes, replans: (size) => (size >= 100_000 ? 3 : 5) }, log));
await run('renewal', () =>
  renewalBench({ connections: ownRenewals, keychainConnections: renewals, rounds }, log),
);
await run('renewal', () =>
  renewalScalingBench({ connections: quick ? 2_000 : 10_000, renewals: 200, rounds }, log),
);
await run('network', () => networkRoutesBench({ requests: quick ? 200 : 1_000, rounds }, log));
await run('metadata', () =>
  metadataBench(
    {
      sizes: quick ? [200] : [200, 2_000, 10_000],
      dayLaterSize: quick ? 200 : 2_000,
      repetitions: quick ? 2 : 5,
    },
    log,
  ),
);
await run('startup', () =>
  startupBench({ connections: quick ? 1_000 : 10_000, launches: quick ? 1 : 3 }, log),
);
// The issue's size with the old items in gnome-keyring's collection in memory: each call at its own cost.
await run('startup', () =>
  migrationBench(
    {
      connections: Number(values.migration ?? (quick ? 50 : ISSUE_CONNECTIONS)),
      collection: 'session',
      itemsPerConnection: 1,
      fullSize: ISSUE_CONNECTIONS,
    },
    log,
  ),
);
// On disk, each item written or deleted costs gnome-keyring a rewrite of its collection: fewer connections.
await run('startup', () =>
  migrationBench(
    {
      connections: Number(values['migration-on-disk'] ?? (quick ? 50 : 300)),
      collection: 'login',
      itemsPerConnection: 1,
      fullSize: ISSUE_CONNECTIONS,
    },
    log,
  ),
);
if (only.has('window') && windowUnavailable()) {
  console.log(`window… skipped: ${windowUnavailable()}\n`);
  only.delete('window');
}
await run('window', () => windowBench({ connections: quick ? 1_000 : 10_000 }, log));
await run('cli', () => commandLineBench({ runs: quick ? 5 : 21 }, log));
await run('workspace', () =>
  // One round: three processes and PostgreSQL renewing 2,000 connections take minutes on a shared machine.
  workspaceBench(
    { connections: Number(values.workspace ?? (quick ? 200 : ISSUE_CONNECTIONS)), rounds: 1 },
    log,
  ),
);

const summary = sections.flatMap((section) => section.summary);
console.log(`## Summary\n\n${renderTable(summaryTable(summary))}\n`);
console.log(`All benchmarks took ${formatMs(performance.now() - runStarted)}.`);

// Only a full run replaces the figures the README takes.
if (!values['no-write'] && !quick && values.only === undefined) {
  const path = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  await writeFile(path, await resultsMarkdown(sections, summary));
  console.log(`Wrote ${path}`);
}
