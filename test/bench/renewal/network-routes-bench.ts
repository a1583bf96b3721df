import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { DEFAULT_SETTINGS } from '../../../main/core/domain/settings';
import { RenewalLimiter } from '../../../main/core/engine/limiter';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import type { HttpClient, HttpRequest, HttpResponse, Route } from '../../../main/core/http/http-client';
import { startSimulator } from '../../simulator/simulator';
import { formatCount, formatMs, formatRatio } from '../support/format';
import type { BenchSection } from '../support/report';
import { median, nowMs } from '../support/stats';
import { buildBareRequests, sendBareRequests } from './bare-requests';
import { PlainNodeClient } from './plain-node-client';

export interface NetworkRoutesBenchOptions {
  requests: number;
  rounds: number;
}

/** The target for axios over plain Node HTTP, both direct: the client's own cost. */
const AXIOS_TARGET_RATIO = 1.5;

/**
 * Renewal requests sent three ways to the simulator on 127.0.0.1, rounds alternating: plain
 * Node HTTP (the baseline), TokenTray's axios client direct, and the same client through a
 * forward proxy (the `proxy` package) on 127.0.0.1.
 */
export async function networkRoutesBench(
  options: NetworkRoutesBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  const simulator = await startSimulator();
  const proxy = createProxy(createServer());
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  // A client per round, closed after it: no kept-alive socket outlives its round (the server closes idle ones).
  const ways = {
    plain: () => new PlainNodeClient(),
    direct: () => new AxiosHttpClient(),
    viaProxy: () => new ProxiedClient(proxyUrl),
  } as const;
  const times: Record<keyof typeof ways, number[]> = { plain: [], direct: [], viaProxy: [] };
  try {
    // Warm-up, discarded.
    for (const client of Object.values(ways)) await timed(client, buildBareRequests(simulator, 50));
    for (let round = 0; round < options.rounds; round++) {
      for (const [name, client] of Object.entries(ways) as Array<[keyof typeof ways, () => ClosableClient]>) {
        times[name].push(await timed(client, buildBareRequests(simulator, options.requests)));
      }
      log(`  network routes: round ${round + 1} of ${options.rounds}`);
    }
  } finally {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await simulator.close();
  }
  const plainMs = median(times.plain);
  const directMs = median(times.direct);
  const proxyMs = median(times.viaProxy);
  const per = (ms: number) => formatMs(ms / options.requests);
  const count = formatCount(options.requests);
  return {
    title: `Partner requests: direct and through a proxy (${count} renewal requests)`,
    method: [
      `${count} renewal requests of the four renewable presets, built up front for fresh simulator accounts,`,
      'sent through the RenewalLimiter at the default limits (global 8, per host 4) three ways: plain Node HTTP',
      "with a keep-alive agent (the baseline), TokenTray's AxiosHttpClient direct, and the same client through",
      'a forward proxy on 127.0.0.1 (the `proxy` npm package; plain http is forwarded, https would be a CONNECT',
      `tunnel). Rounds alternate the three ways; medians of ${options.rounds} rounds.`,
    ],
    tables: [
      {
        headers: ['', 'total', 'per request', 'ratio to plain Node HTTP'],
        rows: [
          ['plain Node HTTP (baseline)', formatMs(plainMs), per(plainMs), '1.00×'],
          ['axios client, direct', formatMs(directMs), per(directMs), formatRatio(directMs / plainMs)],
          [
            'axios client, through the proxy',
            formatMs(proxyMs),
            per(proxyMs),
            formatRatio(proxyMs / plainMs),
          ],
        ],
      },
    ],
    findings: [
      `Direct, the axios client takes ${formatRatio(directMs / plainMs)} the time of plain Node HTTP ` +
        `(target ≤ ${AXIOS_TARGET_RATIO}×); through a proxy on the same computer, ${formatRatio(proxyMs / plainMs)}: ` +
        'the proxy is one more hop for every request.',
    ],
    summary: [
      {
        benchmark: `Partner requests: axios direct (${count})`,
        figure: `${formatMs(directMs)} (${per(directMs)}/request)`,
        baseline: `${formatMs(plainMs)} plain Node HTTP`,
        ratio: formatRatio(directMs / plainMs),
        target: `≤ ${AXIOS_TARGET_RATIO}×`,
        verdict: directMs / plainMs <= AXIOS_TARGET_RATIO ? 'ok' : 'over',
      },
      {
        benchmark: `Partner requests: axios through a proxy (${count})`,
        figure: `${formatMs(proxyMs)} (${per(proxyMs)}/request)`,
        baseline: `${formatMs(plainMs)} plain Node HTTP`,
        ratio: formatRatio(proxyMs / plainMs),
        target: 'printed',
        verdict: 'ok',
      },
    ],
  };
}

type ClosableClient = HttpClient & { close(): void };

/** The axios client with every request routed through the proxy. */
class ProxiedClient implements ClosableClient {
  private readonly inner = new AxiosHttpClient();
  private readonly route: Route;

  constructor(proxyUrl: string) {
    this.route = { proxyUrl, extraCa: [] };
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    return this.inner.send({ ...request, route: this.route });
  }

  close(): void {
    this.inner.close();
  }
}

async function timed(makeClient: () => ClosableClient, requests: HttpRequest[]): Promise<number> {
  const client = makeClient();
  const limiter = new RenewalLimiter(DEFAULT_SETTINGS.concurrency);
  const started = nowMs();
  const responses = await sendBareRequests(requests, client, limiter).finally(() => client.close());
  const wallMs = nowMs() - started;
  const failed = responses.filter((response) => response.status >= 300).length;
  if (failed > 0) throw new Error(`${failed} of ${requests.length} renewal requests failed`);
  return wallMs;
}
