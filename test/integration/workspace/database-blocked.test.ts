import { describe, expect, it } from 'vitest';
import type { ChildLine } from './workspace-child-process';
import { recordedRenewals, startWorkspaceFleet } from './workspace-fleet';
import { useWorkspaceServers } from './workspace-servers';

const CONNECTIONS = 30;
/** How long the database answers nothing: three rounds of renewals fall due meanwhile. */
const BLOCKED_MS = 30_000;

const env = useWorkspaceServers();

async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 500));
}

describe('the workspace database answering nothing for 30 seconds', () => {
  it('is reported by every instance as workspace unreachable, pauses renewals, and resumes them by itself with nothing lost', async () => {
    const fleet = await startWorkspaceFleet(env.server, env.simulator, {
      count: CONNECTIONS,
      lifetimeSec: 15,
      graceWindowMs: 60_000,
    });
    let requestsWhileBlocked: number;
    let reported: ChildLine[] | undefined;
    try {
      await until(async () => (await recordedRenewals(fleet.url)).length >= CONNECTIONS);
      // Every server process stopped where it stands: connections stay open and nothing answers.
      const blockedAt = Date.now();
      env.server.pause();
      const requestsAtBlock = fleet.requests();
      reported = await Promise.all(
        fleet.children.map((child) =>
          child.waitFor((line) => line.event === 'storage' && line.ok === false, 'unreachable', BLOCKED_MS),
        ),
      );
      // The fault lasts this long on purpose: renewals fall due while the database is blocked.
      await new Promise((resolve) => setTimeout(resolve, blockedAt + BLOCKED_MS - Date.now()));
      requestsWhileBlocked = fleet.requests() - requestsAtBlock;
      const resumedAt = Date.now();
      env.server.resume();
      await Promise.all(
        fleet.children.map((child, index) =>
          child.waitFor(
            (line) =>
              line.event === 'storage' &&
              line.ok === true &&
              child.lines.indexOf(line) > child.lines.indexOf(reported![index]!),
            'reachable again',
            60_000,
          ),
        ),
      );
      await until(async () => {
        const since = (await recordedRenewals(fleet.url)).filter((r) => r.at > resumedAt);
        return new Set(since.map((r) => r.connectionId)).size === CONNECTIONS;
      });
    } finally {
      env.server.resume();
      await fleet.stop();
    }
    const lost = await fleet.lost();
    const revoked = fleet.revoked();
    console.log(
      `database blocked 30 s: ${requestsWhileBlocked} partner requests meanwhile, ${revoked.length} reuses, ${lost.length} lost`,
    );

    for (const line of reported!) expect(line.message).toMatch(/^Workspace unreachable: /);
    // A renewal already past its marker may finish its request; none starts while the database is blocked.
    expect(requestsWhileBlocked).toBeLessThanOrEqual(3);
    expect(revoked).toEqual([]);
    expect(lost).toEqual([]);
  }, 300_000);
});
