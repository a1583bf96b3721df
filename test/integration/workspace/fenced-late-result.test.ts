import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../main/core/domain';
import { WorkspaceChild } from './workspace-child-process';
import { createFleet, openAdmin, recordedRenewals } from './workspace-fleet';
import { withDatabase } from '../../support/postgres';
import { useWorkspaceServers } from './workspace-servers';

/** Renewed at two thirds of it: a round every 10 s (the planner's shortest interval). */
const LIFETIME_SEC = 15;
/** How long the partner holds the first instance's request: it is frozen meanwhile anyway. */
const HOLD_MS = 4_000;
const STEP_TIMEOUT_MS = 60_000;

const env = useWorkspaceServers();

/** The sealed refresh token the workspace holds, fingerprinted: which renewal's secrets stand. */
function storedRefreshToken(url: string, connectionId: string): Promise<string> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ sealed: string }>(
      "SELECT sealed FROM secrets WHERE connection_id = $1 AND kind = 'refreshToken'",
      [connectionId],
    );
    return fingerprint(rows[0]!.sealed);
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a renewal taken over while its instance was frozen', () => {
  it('cannot write its late result: the workspace keeps the newer renewal, the connection stays healthy and renews again without a reuse', async () => {
    const fleet = await createFleet(env.server, env.simulator, {
      count: 1,
      lifetimeSec: LIFETIME_SEC,
      graceWindowMs: 60_000,
    });
    const [connection] = fleet.connections;
    const { id, key } = connection!;
    env.simulator.setResponseDelay(key, HOLD_MS);
    const ada = await WorkspaceChild.start(fleet.url, fleet.service, 'Ada');
    let grace: WorkspaceChild | undefined;
    try {
      // Ada's request is at the partner, held there; Ada freezes before it hears the answer.
      await until("Ada's request", () => env.simulator.requestCount(key) === 1);
      ada.freeze();
      env.simulator.setResponseDelay(key, 0);
      // Its session is cut off, as a network gone would: the renewal lock goes with it.
      const terminated = await withDatabase(fleet.url, async (client) => {
        const { rows } = await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'TokenTray'`,
        );
        return rows.length;
      });
      expect(terminated).toBeGreaterThan(0);

      // Grace finds Ada's marker and Ada gone: it recovers the renewal and commits its result.
      grace = await WorkspaceChild.start(fleet.url, fleet.service, 'Grace');
      await until("Grace's renewal", async () =>
        (await recordedRenewals(fleet.url)).some((r) => r.member === 'Grace'),
      );
      const gracesToken = await storedRefreshToken(fleet.url, id);
      const renewalsBefore = (await recordedRenewals(fleet.url)).length;

      // Ada wakes to its late answer and tries to save it.
      ada.thaw();
      await until('Ada to try saving its late result', () =>
        ada.stderrText().includes('a renewal another instance took over meanwhile was not saved'),
      );
      expect(await storedRefreshToken(fleet.url, id)).toBe(gracesToken);
      expect((await recordedRenewals(fleet.url)).length).toBe(renewalsBefore);

      // A further round renews from Grace's secrets, by whichever instance takes it.
      await until('a further round', async () => (await recordedRenewals(fleet.url)).length > renewalsBefore);
    } finally {
      ada.thaw();
      await Promise.all([ada.stop(), grace?.stop()]);
    }

    const admin = await openAdmin(fleet.url, fleet.service);
    try {
      const refreshToken = await admin.secrets.get(id, 'refreshToken');
      const phase = admin
        .snapshot()
        .partners.flatMap((p) => p.connections)
        .find((c) => c.id === id)?.phase;
      const live = refreshToken !== null && env.simulator.isRefreshTokenLive(refreshToken);
      console.log(
        `fenced late result: ${env.simulator.requestCount(key)} requests, family revoked: ${env.simulator.familyRevoked(key)}, phase ${phase}`,
      );
      expect(env.simulator.familyRevoked(key)).toBe(false);
      expect(live).toBe(true);
      expect(phase).not.toBe('needsAction');
    } finally {
      await admin.stop();
    }
  }, 180_000);
});
