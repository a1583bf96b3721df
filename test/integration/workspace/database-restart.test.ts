import { describe, expect, it } from 'vitest';
import { recordedRenewals, startWorkspaceFleet } from './workspace-fleet';
import { useWorkspaceServers } from './workspace-servers';

const CONNECTIONS = 30;
/** How long the database stays down: past several renewals' due times. */
const DOWN_MS = 8_000;

const env = useWorkspaceServers();

describe('the workspace database restarting while instances renew', () => {
  it('is reported by every instance as workspace unreachable, pauses renewals, and resumes them with nothing lost', async () => {
    const fleet = await startWorkspaceFleet(env.server, env.simulator, {
      count: CONNECTIONS,
      lifetimeSec: 15,
      graceWindowMs: 60_000,
    });
    const { children } = fleet;
    let requestsWhileDown: number;
    try {
      while ((await recordedRenewals(fleet.url)).length < CONNECTIONS) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      env.server.stop();
      const reported = await Promise.all(
        children.map((child) =>
          child.waitFor((line) => line.event === 'storage' && line.ok === false, 'unreachable'),
        ),
      );
      const requestsAtStop = fleet.requests();
      // The fault lasts this long on purpose: renewals fall due while the database is away.
      await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
      requestsWhileDown = fleet.requests() - requestsAtStop;
      const restartedAt = Date.now();
      env.server.start();
      await Promise.all(
        children.map((child) =>
          child.waitFor((line) => line.event === 'storage' && line.ok === true, 'reachable again', 60_000),
        ),
      );
      for (const line of reported) expect(line.message).toMatch(/^Workspace unreachable: /);
      for (;;) {
        const renewedSince = new Set(
          (await recordedRenewals(fleet.url)).filter((r) => r.at > restartedAt).map((r) => r.connectionId),
        );
        if (renewedSince.size === CONNECTIONS) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      await fleet.stop();
    }
    const dead = await fleet.lost();
    const revoked = fleet.revoked();
    console.log(
      `database restart: ${requestsWhileDown} partner requests while it was down, ${revoked.length} reuses, ${dead.length} lost`,
    );

    // A renewal already past its marker may finish its request; none starts while the database is away.
    expect(requestsWhileDown).toBeLessThanOrEqual(3);
    expect(revoked).toEqual([]);
    expect(dead).toEqual([]);
  }, 300_000);
});
