import { describe, expect, it } from 'vitest';
import { recordedRenewals, startWorkspaceFleet } from './workspace-fleet';
import { useWorkspaceServers } from './workspace-servers';

const CONNECTIONS = 300;
const ROUNDS = 3;
/** Renewed at two thirds of it: a round every 10 s (the planner's shortest interval). */
const LIFETIME_SEC = 15;

const env = useWorkspaceServers();

describe('three TokenTray processes on one workspace', () => {
  it('renew 300 rotating connections over three rounds, each renewal exactly once, spread across the three', async () => {
    const fleet = await startWorkspaceFleet(env.server, env.simulator, {
      count: CONNECTIONS,
      lifetimeSec: LIFETIME_SEC,
      graceWindowMs: 0,
    });
    const { members } = fleet;
    let renewals = await recordedRenewals(fleet.url);
    try {
      const enough = () =>
        fleet.connections.every((c) => renewals.filter((r) => r.connectionId === c.id).length >= ROUNDS);
      while (!enough()) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        renewals = await recordedRenewals(fleet.url);
      }
    } finally {
      await fleet.stop();
    }
    renewals = await recordedRenewals(fleet.url);

    const revoked = fleet.revoked();
    // Every request the partner saw is one renewal in the history: none twice, none unrecorded.
    const requests = fleet.requests();
    // One renewal a round: two renewals of a connection closer than a round's spacing would be a double.
    const gaps = fleet.connections.flatMap((c) => {
      const times = renewals.filter((r) => r.connectionId === c.id).map((r) => r.at);
      return times.slice(1).map((at, i) => at - times[i]!);
    });
    const byMember = Object.fromEntries(
      members.map((m) => [m, renewals.filter((r) => r.member === m).length]),
    );
    console.log(
      `three instances: ${renewals.length} renewals of ${CONNECTIONS} connections, by member ${JSON.stringify(byMember)}, shortest gap ${Math.min(...gaps)} ms`,
    );

    expect(revoked).toEqual([]);
    expect(requests).toBe(renewals.length);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5_000);
    for (const member of members) expect(byMember[member]).toBeGreaterThan(renewals.length / 10);
  }, 300_000);
});
