import { setTimeout as delay } from 'node:timers/promises';
import { seededRandom } from '../../support/seeded-random';
import { ageLockOfDeadChild, CrashChild } from './crash-child-process';
import { crashChildScript } from './crash-child-script';
import type { ConnectionSummary } from './crash-protocol';
import type { CrashProfile } from './crash-profile';
import { createCrashProfile } from './crash-profile';
import { RotatedAwayTokens, requestCounts } from './window-hits';

export interface CrashRunOptions {
  kills: number;
  seed: number;
  /** The simulator's grace window for a rotated-away refresh token; 0 for none. */
  graceWindowMs: number;
  connections?: number;
  /** A kill falls this long after the child has recovered and started renewing, drawn uniformly. */
  killDelayMs: { min: number; max: number };
}

/** One connection at the end, as the app shows it and as the partner sees its stored tokens. */
export interface ConnectionOutcome extends ConnectionSummary {
  /** The keychain's refresh token (and, for bearer-rotation, access token) still renew at the partner. */
  storedTokensLive: boolean;
  familyRevoked: boolean;
  /** Kills that fell after the partner rotated this connection's token and before the keychain held the new one. */
  windowHits: number;
}

export interface CrashRunResult {
  kills: number;
  connections: ConnectionOutcome[];
  healthy: number;
  recoveredViaGrace: number;
  lost: number;
  needsAction: number;
  windowHits: number;
  /** After a restart: connections shown healthy (or anything but needs action) on a token the partner rotated away, or still renewing. */
  brokenAfterRestart: string[];
  line: string;
}

/**
 * Kills a real TokenTray process with SIGKILL at random moments while it renews every connection, starts it
 * again on the same profile, and repeats; then one last run recovers and renews each connection once.
 */
export async function runCrashScenario(options: CrashRunOptions): Promise<CrashRunResult> {
  const script = await crashChildScript();
  const profile = await createCrashProfile(options);
  let child: CrashChild | undefined;
  try {
    const random = seededRandom(options.seed);
    const rotatedAway = new RotatedAwayTokens();
    const brokenAfterRestart: string[] = [];
    const checkRecovered = (run: number, connections: ConnectionSummary[]) => {
      for (const c of connections) {
        const renewing = c.phase === 'renewing' || c.status === 'renewing';
        if (renewing || (c.status !== 'needsAction' && rotatedAway.holdsOne(c))) {
          brokenAfterRestart.push(`run ${run}: ${c.dialect} ${c.status}/${c.phase}`);
        }
      }
    };
    const { min, max } = options.killDelayMs;
    for (let kill = 0; kill < options.kills; kill += 1) {
      const before = requestCounts(profile);
      child = new CrashChild(script, 'churn', profile);
      checkRecovered(kill, (await child.waitFor('recovered')).connections);
      await delay(min + Math.floor(random() * (max - min + 1)));
      await child.kill();
      await rotatedAway.recordKill(profile, child.reports, before);
      ageLockOfDeadChild(profile.directory);
    }
    child = new CrashChild(script, 'final', profile);
    checkRecovered(options.kills, (await child.waitFor('recovered')).connections);
    const summary = await child.waitFor('summary');
    await child.exited();
    const outcomes = await outcomesOf(profile, summary.connections, rotatedAway);
    return tally(options, outcomes, brokenAfterRestart);
  } finally {
    // A failed wait leaves the child running: end it before its profile and keychain entries go.
    await child?.kill();
    await profile.close();
  }
}

async function outcomesOf(
  profile: CrashProfile,
  summaries: ConnectionSummary[],
  rotatedAway: RotatedAwayTokens,
): Promise<ConnectionOutcome[]> {
  const { simulator, vault } = profile;
  return Promise.all(
    profile.connections.map(async (connection) => {
      const summary = summaries.find((s) => s.id === connection.id);
      if (!summary) throw new Error(`The final run did not report connection ${connection.id}`);
      const refresh = await vault.get(connection.id, 'refreshToken');
      const access = await vault.get(connection.id, 'accessToken');
      const refreshLive = refresh !== null && simulator.isRefreshTokenLive(refresh);
      const accessLive =
        connection.dialect !== 'bearer-rotation' || (access !== null && simulator.isAccessTokenLive(access));
      const familyRevoked = simulator.familyRevoked(connection.key);
      return {
        ...summary,
        // The final run renewed every connection it showed healthy, so a rotated-away token would be revoked by now.
        storedTokensLive: refreshLive && accessLive && !familyRevoked,
        familyRevoked,
        windowHits: rotatedAway.countFor(connection.id),
      };
    }),
  );
}

function tally(
  options: CrashRunOptions,
  connections: ConnectionOutcome[],
  brokenAfterRestart: string[],
): CrashRunResult {
  const healthy = connections.filter((c) => c.status === 'healthy' && c.storedTokensLive);
  const lost = connections.filter((c) => !c.storedTokensLive);
  const needsAction = connections.filter((c) => c.status === 'needsAction');
  const windowHits = connections.reduce((sum, c) => sum + c.windowHits, 0);
  // A rotated-away token that renews again can only have come back through the grace window.
  const recoveredViaGrace = options.graceWindowMs > 0 ? healthy.reduce((sum, c) => sum + c.windowHits, 0) : 0;
  const line =
    `crash test: kills=${options.kills} connections=${connections.length} healthy=${healthy.length}` +
    ` recovered_via_grace=${recoveredViaGrace} lost=${lost.length} needs_action=${needsAction.length}` +
    ` (grace_window_ms=${options.graceWindowMs} window_hits=${windowHits} broken_after_restart=${brokenAfterRestart.length})`;
  return {
    kills: options.kills,
    connections,
    healthy: healthy.length,
    recoveredViaGrace,
    lost: lost.length,
    needsAction: needsAction.length,
    windowHits,
    brokenAfterRestart,
    line,
  };
}
