import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TokenTrayCore } from '../../../main/core/app';
import type { PartnerId } from '../../../main/core/domain/ids';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { dataKeyAccount } from '../../../main/core/vault/data-key';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { ShiftedClock } from './shifted-clock';
import { startPostgres } from '../../support/postgres';
import type { TestPostgres } from '../../support/postgres';
import { CONNECTIONS_PER_PARTNER } from '../planner/big-catalog';
import { ACCESS_LIFETIME_SEC, dialectAt } from '../renewal/dialect-mix';
import type { BaselineRound } from '../renewal/renewal-rounds';
import { baselineRound } from '../renewal/renewal-rounds';
import { formatCount, formatMs, formatRatio, formatShare } from '../support/format';
import type { BenchSection } from '../support/report';
import { median, medianByField, nowMs } from '../support/stats';
import { BenchInstance } from './workspace-fleet-processes';

const HOUR = 3_600_000;
const MEMBERS = ['Ada', 'Grace', 'Linus'];
/** The issue's target for the workspace over bare HTTP. */
export const WORKSPACE_TARGET_RATIO = 2;
/** A round that has not finished by then has lost renewals: the benchmark says so and stops. */
const ROUND_TIMEOUT_MS = 300_000;
const ADDED_TOGETHER = 100;

export interface WorkspaceBenchOptions {
  connections: number;
  rounds: number;
}

interface WorkspaceRound extends Record<string, number> {
  wallMs: number;
  /** Statements PostgreSQL ran for the instances, and the time it spent in them (pg_stat_statements). */
  statements: number;
  statementMs: number;
  /** Processor time the three instances used in the round (user and system). */
  instanceCpuMs: number;
  /** Connections not renewed exactly once (a second request, none, or a revoked family). */
  notRenewedOnce: number;
}

interface WorkspaceFleet {
  server: TestPostgres;
  simulator: Simulator;
  clock: ShiftedClock;
  url: string;
  accountKeys: string[];
  instances: BenchInstance[];
  close(): Promise<void>;
}

export async function workspaceBench(
  options: WorkspaceBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  const setupStarted = nowMs();
  const fleet = await startWorkspaceFleet(options.connections, log);
  log(`  workspace: set-up took ${formatMs(nowMs() - setupStarted)} (not measured)`);
  const baselines: BaselineRound[] = [];
  const rounds: WorkspaceRound[] = [];
  const byMember = new Map<string, number[]>(MEMBERS.map((member) => [member, []]));
  let slowest: string[] = [];
  try {
    // Warms the client, the simulator and the JIT; discarded.
    await baselineRound(50, fleet.simulator);
    for (let round = 0; round < options.rounds; round++) {
      baselines.push(await baselineRound(options.connections, fleet.simulator));
      const measured = await workspaceRound(fleet);
      rounds.push(measured.figures);
      for (const [member, count] of measured.byMember) byMember.get(member)?.push(count);
      slowest = measured.slowest;
      log(
        `  workspace: round ${round + 1} of ${options.rounds}: bare ${formatMs(baselines.at(-1)!.wallMs)}, ` +
          `workspace ${formatMs(measured.figures.wallMs)}`,
      );
    }
  } finally {
    await fleet.close();
  }
  return workspaceSection(options.connections, baselines, rounds, byMember, slowest);
}

/**
 * A workspace on a PostgreSQL of its own with `count` connections of the renewal benchmark's
 * dialect mix, added through a core as a person would, then three instances in their own
 * processes on it. The wall clock jumps, on the simulator and in each instance.
 */
async function startWorkspaceFleet(count: number, log: (line: string) => void): Promise<WorkspaceFleet> {
  const clock = new ShiftedClock();
  const now = () => clock.now();
  const [server, simulator] = await Promise.all([
    startPostgres({ settings: ['shared_preload_libraries=pg_stat_statements'] }),
    startSimulator({ now }),
  ]);
  const service = `TokenTray-bench-workspace-${randomUUID()}`;
  const keychain = new KeytarVault({ service });
  const instances: BenchInstance[] = [];
  let url = '';
  const close = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await simulator.close();
    server.remove();
    const sealing = url ? await workspaceId(url).catch(() => null) : null;
    if (sealing) await keychain.deleteItem(dataKeyAccount(sealing, 1)).catch(() => undefined);
    await keychain.close();
  };
  const accountKeys: string[] = [];
  try {
    url = await server.createDatabase();
    await query(url, 'CREATE EXTENSION pg_stat_statements');
    const workspace = await Workspace.open({ url, member: 'Admin', now });
    const admin = new TokenTrayCore({ workspace, keychain, clock, http: new AxiosHttpClient({ now }) });
    await admin.start();
    let partnerId: PartnerId = '';
    try {
      // Added a hundred at a time: the workspace writes what comes together in one transaction.
      for (let first = 0; first < count; first += ADDED_TOGETHER) {
        const added: Array<Promise<unknown>> = [];
        for (let index = first; index < Math.min(count, first + ADDED_TOGETHER); index++) {
          if (index % CONNECTIONS_PER_PARTNER === 0) {
            partnerId = admin.admin.addPartner({ name: `Partner ${index / CONNECTIONS_PER_PARTNER}` }).id;
          }
          const provisioned = simulator.provision(dialectAt(index), {
            accessLifetimeSec: ACCESS_LIFETIME_SEC,
          });
          const { input, secrets } = connectionFor(provisioned, partnerId);
          added.push(admin.admin.addConnection({ ...input, label: `${input.label} ${index}` }, secrets));
          accountKeys.push(provisioned.key);
        }
        await Promise.all(added);
        if ((first + ADDED_TOGETHER) % 500 === 0)
          log(`  workspace: ${formatCount(first + ADDED_TOGETHER)} connections added`);
      }
      await admin.saved();
    } finally {
      await admin.stop();
    }
    instances.push(...(await Promise.all(MEMBERS.map((m) => BenchInstance.start(url, service, m)))));
  } catch (error) {
    await close();
    throw error;
  }
  return { server, simulator, clock, url, accountKeys, instances, close };
}

/**
 * An hour passes on every instance at once: every connection is overdue, and the three
 * instances share the renewals through the workspace's locks. Timed until the workspace's
 * history holds every renewal (each is committed before it counts).
 */
async function workspaceRound(
  fleet: WorkspaceFleet,
): Promise<{ figures: WorkspaceRound; byMember: Map<string, number>; slowest: string[] }> {
  const { simulator, accountKeys } = fleet;
  const requestsBefore = accountKeys.map((key) => simulator.requestCount(key));
  const client = new pg.Client({ connectionString: fleet.url });
  await client.connect();
  try {
    const newest = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM history');
    const from = Number(newest.rows[0]?.seq ?? 0);
    const renewed = async () =>
      Number(
        (
          await client.query<{ n: string }>(
            "SELECT count(*) AS n FROM history WHERE seq > $1 AND entry->>'action' = 'renewed'",
            [from],
          )
        ).rows[0]!.n,
      );
    await client.query('SELECT pg_stat_statements_reset()');
    const cpuBefore = fleet.instances.map((instance) => instance.cpuMs());
    const started = nowMs();
    fleet.clock.jump(HOUR);
    for (const instance of fleet.instances) instance.jump(HOUR);
    while ((await renewed()) < accountKeys.length) {
      if (nowMs() - started > ROUND_TIMEOUT_MS) {
        throw new Error(
          `Only ${await renewed()} of ${accountKeys.length} renewals in ${formatMs(ROUND_TIMEOUT_MS)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const wallMs = nowMs() - started;
    const instanceCpuMs = fleet.instances.reduce(
      (sum, instance, index) => sum + instance.cpuMs() - cpuBefore[index]!,
      0,
    );
    const statements = await client.query<{ query: string; calls: string; ms: number }>(
      `SELECT query, calls, total_exec_time AS ms FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%count(*) AS n FROM history%'
        ORDER BY total_exec_time DESC`,
    );
    const members = await client.query<{ member: string; n: string }>(
      "SELECT member, count(*) AS n FROM history WHERE seq > $1 AND entry->>'action' = 'renewed' GROUP BY member",
      [from],
    );
    const notRenewedOnce = accountKeys.filter(
      (key, index) =>
        simulator.requestCount(key) - requestsBefore[index]! !== 1 || simulator.familyRevoked(key),
    ).length;
    return {
      figures: {
        wallMs,
        statements: statements.rows.reduce((sum, row) => sum + Number(row.calls), 0),
        statementMs: statements.rows.reduce((sum, row) => sum + row.ms, 0),
        instanceCpuMs,
        notRenewedOnce,
      },
      byMember: new Map(members.rows.map((row) => [row.member, Number(row.n)])),
      slowest: statements.rows
        .slice(0, 5)
        .map((row) => `${formatMs(row.ms)} in ${row.calls}× ${row.query.replace(/\s+/g, ' ').slice(0, 70)}`),
    };
  } finally {
    await client.end();
  }
}

function workspaceSection(
  count: number,
  baselines: BaselineRound[],
  rounds: WorkspaceRound[],
  byMember: Map<string, number[]>,
  slowest: string[],
): BenchSection {
  const baseline = medianByField(baselines);
  const workspace = medianByField(rounds);
  const ratio = workspace.wallMs / baseline.wallMs;
  const per = (ms: number) => formatMs(ms / count);
  // The three instances' time: the database's share is the part of it spent in statements.
  const databaseShare = workspace.statementMs / (workspace.wallMs * MEMBERS.length);
  const problems = Math.max(...rounds.map((round) => round.notRenewedOnce));
  const spread = [...byMember].map(([member, counts]) => `${member} ${formatCount(median(counts))}`);
  return {
    title: `Workspace renewal (${formatCount(count)} connections, 3 instances on PostgreSQL)`,
    method: [
      `${formatCount(count)} connections of the renewal benchmark's dialect mix in a workspace on a PostgreSQL of its`,
      "own (Debian's, loopback, fsync off as in the tests), added through a core (not measured); three TokenTray",
      'instances in their own processes on it, on clocks that jump (timers on real time). Every instance jumps an hour at once: every connection',
      'is overdue in every instance, and each renewal runs only in the instance that takes its lock (marker committed,',
      "request, result committed). Timed until the workspace's history holds every renewal. Baseline: the same number",
      "of bare renewal requests through one RenewalLimiter, on the same simulator, in the same run. The database's",
      "share: the time PostgreSQL spent executing the instances' statements (pg_stat_statements) over the three",
      "instances' wall time. The instances' processor time: the user and system time the three processes used over",
      'the round (from /proc), which, unlike wall time, does not grow with whatever else the machine runs.',
      `${rounds.length === 1 ? 'One round.' : `Medians of ${rounds.length} rounds.`}`,
    ],
    tables: [
      {
        headers: ['', 'total', 'per renewal', 'ratio to baseline'],
        rows: [
          ['baseline: bare HTTP', formatMs(baseline.wallMs), per(baseline.wallMs), '1.00×'],
          ['workspace, 3 instances', formatMs(workspace.wallMs), per(workspace.wallMs), formatRatio(ratio)],
        ],
      },
      {
        headers: ['per round', 'value'],
        rows: [
          ['renewals per instance', spread.join(', ')],
          ['statements per renewal', (workspace.statements / count).toFixed(1)],
          [
            'statement time (server side)',
            `${formatMs(workspace.statementMs)} (${per(workspace.statementMs)}/renewal)`,
          ],
          ["database's share of the instances' time", formatShare(databaseShare)],
          [
            "instances' processor time (user + system)",
            Number.isNaN(workspace.instanceCpuMs)
              ? 'not measured (no /proc)'
              : `${formatMs(workspace.instanceCpuMs)} (${per(workspace.instanceCpuMs)}/renewal)`,
          ],
          ['connections not renewed exactly once', formatCount(problems)],
        ],
      },
    ],
    findings: [
      `Three instances renew ${formatCount(count)} connections through the workspace in ${formatRatio(ratio)} the ` +
        `time of the bare requests (target ≤ ${WORKSPACE_TARGET_RATIO}×), spread ${spread.join(', ')}.`,
      `The statements that took longest in the last round: ${slowest.join('; ')}.`,
    ],
    summary: [
      {
        benchmark: `Workspace: 3 instances on PostgreSQL (${formatCount(count)})`,
        figure: `${formatMs(workspace.wallMs)} (${per(workspace.wallMs)}/renewal)`,
        baseline: `${formatMs(baseline.wallMs)}`,
        ratio: formatRatio(ratio),
        target: `≤ ${WORKSPACE_TARGET_RATIO}×`,
        verdict: ratio <= WORKSPACE_TARGET_RATIO ? `ok, database ${formatShare(databaseShare)}` : 'over',
      },
      {
        benchmark: 'Workspace: each connection renewed once, no reuse',
        figure: `${formatCount(count - problems)} of ${formatCount(count)}`,
        baseline: 'every request answered',
        ratio: '',
        target: 'all',
        verdict: problems === 0 ? 'ok' : `${problems} not`,
      },
    ],
  };
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function workspaceId(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>("SELECT record->>'profileId' AS id FROM sealing");
    return rows[0]?.id ?? null;
  } finally {
    await client.end();
  }
}
