import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS } from '../../../main/core/domain/settings';
import { RenewalLimiter } from '../../../main/core/engine/limiter';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { coveredMs, totalMs } from '../support/busy-time';
import { collectGarbage } from '../support/heap';
import { nowMs } from '../support/stats';
import { buildBareRequests, sendBareRequests } from './bare-requests';
import type { Fleet } from './fleet';
import { PlainNodeClient } from './plain-node-client';

const HOUR = 3_600_000;

export interface BaselineRound extends Record<string, number> {
  wallMs: number;
  /** Time the main thread was busy (event-loop utilisation), not waiting for sockets. */
  mainThreadMs: number;
}

export interface EngineRound extends Record<string, number> {
  wallMs: number;
  mainThreadMs: number;
  /** Wall time during which at least one keychain call was under way. */
  keychainWallMs: number;
  /** The keychain calls' latencies added up. */
  keychainSumMs: number;
  keychainCalls: number;
  keychainWrites: number;
  /** Whole-file writes of the metadata file (checkpoints) and the main-thread time they took. */
  storeWrites: number;
  storeWriteMs: number;
  /** The metadata file after the round (its journal is folded in at checkpoints). */
  fileBytes: number;
  /** Connections not renewed exactly once, or not ending healthy. */
  notRenewedOnce: number;
}

/**
 * The same number of renewal requests, bare: plain Node HTTP through the engine's limiter (global 8,
 * per host 4), nothing else, so the engine's ratio to it includes what its axios client costs. For
 * fresh accounts on `simulator` — the engine's own, so both meet a server holding the same history —
 * or on a simulator of its own when none is given (the warm-up).
 */
export async function baselineRound(count: number, shared?: Simulator): Promise<BaselineRound> {
  const simulator = shared ?? (await startSimulator());
  try {
    const requests = buildBareRequests(simulator, count);
    const http = new PlainNodeClient();
    const limiter = new RenewalLimiter(DEFAULT_SETTINGS.concurrency);
    // Each round starts from a collected heap, so a major collection owed by earlier work lands in neither.
    collectGarbage();
    const before = performance.eventLoopUtilization();
    const started = nowMs();
    const responses = await sendBareRequests(requests, http, limiter);
    const wallMs = nowMs() - started;
    const busy = performance.eventLoopUtilization(before);
    http.close();
    const failed = responses.filter((response) => response.status >= 300).length;
    if (failed > 0) throw new Error(`${failed} of ${count} bare renewal requests failed`);
    return { wallMs, mainThreadMs: busy.active };
  } finally {
    if (!shared) await simulator.close();
  }
}

/**
 * An hour passes while the laptop sleeps; on waking, every connection is
 * overdue and the engine renews all of them within its limits. Checks that each
 * was renewed exactly once and ends healthy, and describes those that were not.
 */
export async function engineRound(fleet: Fleet): Promise<{ figures: EngineRound; problems: string[] }> {
  const { core, clock, simulator, timed, store, accountKeys } = fleet;
  const requestsBefore = accountKeys.map((key) => simulator.requestCount(key));
  clock.jump(HOUR);
  timed.reset();
  store.reset();
  collectGarbage();
  const before = performance.eventLoopUtilization();
  const started = nowMs();
  core.replan();
  // Each renewal's result is durable (journalled) before it settles.
  await core.idle();
  const wallMs = nowMs() - started;
  const busy = performance.eventLoopUtilization(before);

  const views = new Map(
    core
      .snapshot()
      .partners.flatMap((partner) => partner.connections)
      .map((view) => [view.id, view]),
  );
  const problems = accountKeys.flatMap((key, index) => {
    const requests = simulator.requestCount(key) - requestsBefore[index]!;
    const view = views.get(fleet.connectionIds[index]!);
    if (requests === 1 && view?.status === 'healthy') return [];
    // The engine's messages name no secret: they are what the window shows.
    return [
      `${requests} requests, ${view?.status ?? 'missing'}${view?.lastError ? `: ${view.lastError}` : ''}`,
    ];
  });
  const keychainWallMs = coveredMs(timed.calls);
  const figures: EngineRound = {
    wallMs,
    mainThreadMs: busy.active,
    keychainWallMs,
    keychainSumMs: totalMs(timed.calls),
    keychainCalls: timed.calls.length,
    keychainWrites: timed.calls.filter((call) => call.call !== 'get').length,
    storeWrites: store.writes,
    storeWriteMs: store.writeMs,
    fileBytes: statSync(store.path).size,
    notRenewedOnce: problems.length,
  };
  return { figures, problems };
}
