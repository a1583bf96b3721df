import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { seededRandom } from '../../support/seeded-random';
import { WorkspaceChild } from './workspace-child-process';
import { recordedRenewals, startWorkspaceFleet } from './workspace-fleet';
import { useWorkspaceServers } from './workspace-servers';

const CONNECTIONS = 60;
/** Renewals recorded while instances are being killed, counted from the first kill. */
const RENEWALS = 200;
/** At least this many kills, however fast or slow the machine renews meanwhile. */
const KILLS = 10;

const env = useWorkspaceServers();

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
  it('lose nothing across 200 renewals made while they are killed: no reuse, every connection healthy with a live refresh token', async () => {
    const random = seededRandom(0x5eed);
    const fleet = await startWorkspaceFleet(env.server, env.simulator, {
      count: CONNECTIONS,
      lifetimeSec: 15,
      graceWindowMs: 60_000,
    });
    const { children, members } = fleet;
    let kills = 0;
    let renewedWhileKilling = 0;
    try {
      const before = (await recordedRenewals(fleet.url)).length;
      while (renewedWhileKilling < RENEWALS || kills < KILLS) {
        await new Promise((resolve) => setTimeout(resolve, 200 + random() * 800));
        const index = Math.floor(random() * children.length);
        await children[index]!.kill();
        kills += 1;
        children[index] = await WorkspaceChild.start(fleet.url, fleet.service, members[index]!);
        renewedWhileKilling = (await recordedRenewals(fleet.url)).length - before;
      }
      // Every renewal a killed instance left behind is recovered by another.
      const lastKill = Date.now();
      for (;;) {
        const renewals = await recordedRenewals(fleet.url);
        const renewedSince = new Set(renewals.filter((r) => r.at > lastKill).map((r) => r.connectionId));
        if (renewedSince.size === CONNECTIONS && (await markersLeft(fleet.url)) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      await fleet.stop();
    }
    const lost = await fleet.lost();
    const revoked = fleet.revoked();
    console.log(
      `killed instances: ${kills} kills during ${renewedWhileKilling} renewals, ${revoked.length} reuses, ${lost.length} lost`,
    );

    expect(revoked).toEqual([]);
    expect(lost).toEqual([]);
  }, 600_000);
});
