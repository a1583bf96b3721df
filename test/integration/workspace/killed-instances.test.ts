import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { seededRandom } from '../../support/seeded-random';
import { WorkspaceChild } from './workspace-child-process';
import { createFleet, openAdmin, recordedRenewals } from './workspace-fleet';

const CONNECTIONS = 60;
const RENEWALS = 200;

let server: TestPostgres;
let simulator: Simulator;
beforeAll(async () => {
  [server, simulator] = await Promise.all([startPostgres(), startSimulator()]);
}, 60_000);
afterAll(async () => {
  await simulator?.close();
  server?.remove();
});

async function markersLeft(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM states WHERE record->'inFlight' IS NOT NULL AND record->'inFlight' <> 'null'::jsonb",
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('workspace instances killed at random moments', () => {
  it('lose nothing across 200 renewals: no reuse, every connection healthy with a live refresh token', async () => {
    const random = seededRandom(0x5eed);
    const fleet = await createFleet(server, simulator, {
      count: CONNECTIONS,
      lifetimeSec: 15,
      graceWindowMs: 60_000,
    });
    const members = ['Ada', 'Grace', 'Linus'];
    const children = await Promise.all(members.map((m) => WorkspaceChild.start(fleet.url, fleet.service, m)));
    let kills = 0;
    try {
      while ((await recordedRenewals(fleet.url)).length < RENEWALS) {
        await new Promise((resolve) => setTimeout(resolve, 200 + random() * 800));
        const index = Math.floor(random() * children.length);
        await children[index]!.kill();
        kills += 1;
        children[index] = await WorkspaceChild.start(fleet.url, fleet.service, members[index]!);
      }
      // Every renewal a killed instance left behind is recovered by another.
      const lastKill = Date.now();
      for (;;) {
        const renewals = await recordedRenewals(fleet.url);
        const renewedSince = new Set(renewals.filter((r) => r.at > lastKill).map((r) => r.connectionId));
        const markers = await markersLeft(fleet.url);
        if (renewedSince.size === CONNECTIONS && markers === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      await Promise.all(children.map((child) => child.stop()));
    }
    const renewals = await recordedRenewals(fleet.url);

    const admin = await openAdmin(fleet.url, fleet.service);
    const dead: string[] = [];
    try {
      for (const connection of fleet.connections) {
        const refreshToken = await admin.secrets.get(connection.id, 'refreshToken');
        const phase = admin
          .snapshot()
          .partners.flatMap((p) => p.connections)
          .find((c) => c.id === connection.id)?.phase;
        if (!refreshToken || !simulator.isRefreshTokenLive(refreshToken) || phase === 'needsAction')
          dead.push(connection.id);
      }
    } finally {
      await admin.stop();
    }
    const revoked = fleet.connections.filter((c) => simulator.familyRevoked(c.key));
    console.log(
      `killed instances: ${kills} kills, ${renewals.length} renewals, ${revoked.length} reuses, ${dead.length} lost`,
    );

    expect(kills).toBeGreaterThanOrEqual(5);
    expect(revoked).toEqual([]);
    expect(dead).toEqual([]);
  }, 600_000);
});
