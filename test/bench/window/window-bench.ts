import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startHost } from '../startup/launch-host';
import { writeProfile } from '../startup/profile-file';
import { BASELINE_CONNECTIONS } from '../startup/startup-bench';
import { formatCount, formatMs, formatRatio } from '../support/format';
import type { BenchSection } from '../support/report';
import type { WindowRun } from './window-run';
import { runWindow } from './window-run';
import { CHROMIUM, CHROMIUM_LAUNCH } from '../../support/chromium';

const RENDERER = fileURLToPath(new URL('../../../dist/renderer/index.html', import.meta.url));
/** The target for one countdown tick: well inside a 60 Hz frame. */
export const TICK_SCRIPT_TARGET_MS = 4;

export interface WindowBenchOptions {
  connections: number;
}

/** Why the window cannot be measured here, or null when it can. */
export function windowUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  if (!existsSync(RENDERER)) return 'the window is not built (npm run build:renderer)';
  return null;
}

export async function windowBench(
  options: WindowBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-bench-window-'));
  const service = `TokenTray-bench-${randomUUID()}`;
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const measure = async (connections: number): Promise<WindowRun> => {
    const profile = join(directory, String(connections));
    await writeProfile(profile, connections);
    const host = await startHost(profile, service);
    try {
      return await runWindow(browser, host);
    } finally {
      await host.stop();
    }
  };
  let small: WindowRun;
  let large: WindowRun;
  try {
    small = await measure(BASELINE_CONNECTIONS);
    log(`  window: ${formatCount(BASELINE_CONNECTIONS)} connections done`);
    large = await measure(options.connections);
    log(`  window: ${formatCount(options.connections)} connections done`);
  } finally {
    await browser.close();
    await rm(directory, { recursive: true, force: true });
  }
  const n = formatCount(options.connections);
  const b = formatCount(BASELINE_CONNECTIONS);
  const ratio = (pick: (run: WindowRun) => number) => formatRatio(pick(large) / pick(small));
  const virtualised = large.domRows < 1000 && large.domRowsAtEnd < 1000;
  return {
    title: `Window at scale (${n} connections)`,
    method: [
      `The browser host on a profile of ${n} connections (ten per partner), the window opened in Chromium (Playwright,`,
      "1280×800). First render: navigation start to the first list row in the DOM, by the page's own clock. Tick:",
      `Chromium's ScriptDuration and TaskDuration (Performance.getMetrics, thread time) over one-second windows, each`,
      `holding one tick of the window's clock, median of 7. Scrolling: the list scrolled to its end until the last`,
      `row is in the DOM. Spawn → first row adds the host's start-up (spawned, then the window opened once it listens).`,
      `Baseline: the same at ${b} connections.`,
    ],
    tables: [
      {
        headers: ['', `${b} connections`, `${n} connections`, 'ratio'],
        rows: [
          [
            'first render (first row in the DOM)',
            formatMs(small.firstRowMs),
            formatMs(large.firstRowMs),
            ratio((r) => r.firstRowMs),
          ],
          [
            'spawn → first row (host start included)',
            formatMs(small.spawnToFirstRowMs),
            formatMs(large.spawnToFirstRowMs),
            ratio((r) => r.spawnToFirstRowMs),
          ],
          [
            'one tick: script',
            formatMs(small.tickScriptMs),
            formatMs(large.tickScriptMs),
            ratio((r) => r.tickScriptMs),
          ],
          [
            'one tick: whole task',
            formatMs(small.tickTaskMs),
            formatMs(large.tickTaskMs),
            ratio((r) => r.tickTaskMs),
          ],
          ['scroll to the end', formatMs(small.scrollMs), formatMs(large.scrollMs), ratio((r) => r.scrollMs)],
          [
            'scroll to the end: script',
            formatMs(small.scrollScriptMs),
            formatMs(large.scrollScriptMs),
            ratio((r) => r.scrollScriptMs),
          ],
          [
            'rows in the list',
            formatCount(small.totalRows),
            formatCount(large.totalRows),
            ratio((r) => r.totalRows),
          ],
          [
            'rows in the DOM',
            formatCount(small.domRows),
            formatCount(large.domRows),
            ratio((r) => r.domRows),
          ],
          [
            'rows in the DOM at the end',
            formatCount(small.domRowsAtEnd),
            formatCount(large.domRowsAtEnd),
            ratio((r) => r.domRowsAtEnd),
          ],
        ],
      },
    ],
    findings: [],
    summary: [
      {
        benchmark: `Window: one countdown tick, script (${n})`,
        figure: formatMs(large.tickScriptMs),
        baseline: `${formatMs(small.tickScriptMs)} (${b})`,
        ratio: ratio((r) => r.tickScriptMs),
        target: `< ${TICK_SCRIPT_TARGET_MS} ms`,
        verdict: large.tickScriptMs < TICK_SCRIPT_TARGET_MS ? 'ok' : 'over',
      },
      {
        benchmark: `Window: rows in the DOM (${n})`,
        figure: `${formatCount(large.domRows)} of ${formatCount(large.totalRows)}`,
        baseline: `${formatCount(small.domRows)} of ${formatCount(small.totalRows)} (${b})`,
        ratio: ratio((r) => r.domRows),
        target: 'hundreds, not thousands',
        verdict: virtualised ? 'ok' : 'over',
      },
      {
        benchmark: `Window: first render (${n})`,
        figure: formatMs(large.firstRowMs),
        baseline: `${formatMs(small.firstRowMs)} (${b})`,
        ratio: ratio((r) => r.firstRowMs),
        target: 'printed',
        verdict: '',
      },
      {
        benchmark: `Window: scroll to the end (${n})`,
        figure: formatMs(large.scrollMs),
        baseline: `${formatMs(small.scrollMs)} (${b})`,
        ratio: ratio((r) => r.scrollMs),
        target: 'printed',
        verdict: '',
      },
    ],
  };
}
