import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBytes, formatCount, formatMs, formatRatio } from '../support/format';
import type { BenchSection } from '../support/report';
import { medianByField } from '../support/stats';
import type { Launch } from './launch-host';
import { launchHost } from './launch-host';
import { writeProfile } from './profile-file';

export interface StartupBenchOptions {
  connections: number;
  launches: number;
}

/** The window benchmark's baseline size too: a small team's profile. */
export const BASELINE_CONNECTIONS = 100;
/** Start-up at 10,000 connections against 100: time to the first answer, and resident memory. */
const FIRST_ANSWER_TARGET = 1.5;
const MEMORY_TARGET = 1.6;

export async function startupBench(
  options: StartupBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-bench-startup-'));
  // Start-up only probes the keychain (an entry written, read back and removed).
  const service = `TokenTray-bench-${randomUUID()}`;
  const large = join(directory, 'large');
  const small = join(directory, 'small');
  const largeRuns: Launch[] = [];
  const smallRuns: Launch[] = [];
  try {
    await writeProfile(large, options.connections);
    await writeProfile(small, BASELINE_CONNECTIONS);
    for (let launch = 0; launch < options.launches; launch++) {
      smallRuns.push(await launchHost(small, service));
      largeRuns.push(await launchHost(large, service));
      log(
        `  startup: launch ${launch + 1} of ${options.launches}: ${formatMs(largeRuns[launch]!.firstAnswerMs)}`,
      );
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  const big = medianByField(largeRuns);
  const base = medianByField(smallRuns);
  const n = formatCount(options.connections);
  const b = formatCount(BASELINE_CONNECTIONS);
  return {
    title: `Browser host start-up (${n} connections)`,
    method: [
      `\`main/web-host/cli.ts\` launched as \`npm run serve\` does (node with tsx, so TypeScript is compiled on the fly),`,
      `on a profile of ${n} connections, timed from spawn to the whole answer of its first API call (getSnapshot,`,
      `what the window asks first), then its resident memory (VmRSS). Baseline: the same with ${b} connections.`,
      `Launches alternate; medians of ${options.launches}.`,
    ],
    tables: [
      {
        headers: ['', `${b} connections`, `${n} connections`, 'ratio'],
        rows: [
          [
            'spawn → listening',
            formatMs(base.listeningMs),
            formatMs(big.listeningMs),
            formatRatio(big.listeningMs / base.listeningMs),
          ],
          [
            'spawn → first API answer',
            formatMs(base.firstAnswerMs),
            formatMs(big.firstAnswerMs),
            formatRatio(big.firstAnswerMs / base.firstAnswerMs),
          ],
          [
            'resident memory',
            formatBytes(base.residentBytes),
            formatBytes(big.residentBytes),
            formatRatio(big.residentBytes / base.residentBytes),
          ],
          [
            'first answer (snapshot) size',
            formatBytes(base.answerBytes),
            formatBytes(big.answerBytes),
            formatRatio(big.answerBytes / base.answerBytes),
          ],
        ],
      },
    ],
    findings: [],
    summary: [
      {
        benchmark: `Start-up: spawn → first API answer (${n})`,
        figure: formatMs(big.firstAnswerMs),
        baseline: `${formatMs(base.firstAnswerMs)} (${b})`,
        ratio: formatRatio(big.firstAnswerMs / base.firstAnswerMs),
        target: `≤ ${FIRST_ANSWER_TARGET}×`,
        verdict: big.firstAnswerMs / base.firstAnswerMs <= FIRST_ANSWER_TARGET ? 'ok' : 'over',
      },
      {
        benchmark: `Start-up: resident memory (${n})`,
        figure: formatBytes(big.residentBytes),
        baseline: `${formatBytes(base.residentBytes)} (${b})`,
        ratio: formatRatio(big.residentBytes / base.residentBytes),
        target: `≤ ${MEMORY_TARGET}×`,
        verdict: big.residentBytes / base.residentBytes <= MEMORY_TARGET ? 'ok' : 'over',
      },
    ],
  };
}
