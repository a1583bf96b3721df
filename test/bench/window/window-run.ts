import type { Browser, CDPSession, Page } from '@playwright/test';
import type { RunningHost } from '../startup/launch-host';
import { median, nowMs } from '../support/stats';
import { FIRST_ROW_AT, LIST_ROWS, RECORD_FIRST_ROW, SCROLL_TO_END } from './page-scripts';

export interface WindowRun extends Record<string, number> {
  /** Navigation start to the first list row in the DOM (the page's own clock). */
  firstRowMs: number;
  /** The host's spawn to the first list row: what a person waits after `npm run serve`. */
  spawnToFirstRowMs: number;
  domRows: number;
  totalRows: number;
  /** Per countdown tick: the renderer's script time and its whole task time (style and layout included). */
  tickScriptMs: number;
  tickTaskMs: number;
  /** Scrolling to the end until the last row is in the DOM, and the script time it took. */
  scrollMs: number;
  scrollScriptMs: number;
  domRowsAtEnd: number;
}

/** Seconds-long windows, each holding one tick of the window's one clock. */
const TICKS = 7;
const FIRST_RENDER_TIMEOUT_MS = 180_000;

/** Opens the window on a running host, lets it settle, and reads the browser's own timings. */
export async function runWindow(browser: Browser, host: RunningHost): Promise<WindowRun> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(RECORD_FIRST_ROW);
    const navigatedAt = nowMs();
    try {
      await page.goto(`${host.origin}/?token=${host.token}`);
    } catch (error) {
      // The link holds the session token: never print it.
      const message = error instanceof Error ? error.message : String(error);
      // eslint-disable-next-line preserve-caught-error -- the cause would print the link with its token.
      throw new Error(message.split(host.token).join('<session token>'));
    }
    const firstRowMs = await firstRowAt(page);
    const rows = (await page.evaluate(LIST_ROWS)) as { inDom: number; total: number };
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // Let the first render's follow-up work finish before ticks are counted.
    await page.waitForTimeout(1500);
    const script: number[] = [];
    const task: number[] = [];
    let before = await metrics(cdp);
    for (let tick = 0; tick < TICKS; tick++) {
      await page.waitForTimeout(1000);
      const after = await metrics(cdp);
      script.push(after.script - before.script);
      task.push(after.task - before.task);
      before = after;
    }
    const scrollBefore = await metrics(cdp);
    const scroll = (await page.evaluate(SCROLL_TO_END)) as { ms: number; inDom: number };
    const scrollAfter = await metrics(cdp);
    return {
      firstRowMs,
      spawnToFirstRowMs: navigatedAt - host.spawnedAt + firstRowMs,
      domRows: rows.inDom,
      totalRows: rows.total,
      tickScriptMs: median(script),
      tickTaskMs: median(task),
      scrollMs: scroll.ms,
      scrollScriptMs: scrollAfter.script - scrollBefore.script,
      domRowsAtEnd: scroll.inDom,
    };
  } finally {
    await context.close();
  }
}

/** Polled from here: the window's Content-Security-Policy forbids the eval Playwright's waitForFunction needs. */
async function firstRowAt(page: Page): Promise<number> {
  const deadline = Date.now() + FIRST_RENDER_TIMEOUT_MS;
  for (;;) {
    const at = (await page.evaluate(FIRST_ROW_AT)) as number | undefined;
    if (at !== undefined) return at;
    if (Date.now() > deadline) throw new Error('The list showed no row within three minutes');
    await page.waitForTimeout(50);
  }
}

/** Chromium's cumulative main-thread script and task time, in milliseconds. */
async function metrics(cdp: CDPSession): Promise<{ script: number; task: number }> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => (list.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return { script: value('ScriptDuration'), task: value('TaskDuration') };
}
