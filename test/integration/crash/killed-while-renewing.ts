import { runCrashScenario } from './crash-run';
import { expectLostOnesShown, expectNothingLost } from './expect-outcomes';

/** A kill falls 50 to 400 ms after the process has recovered and started renewing: in a renewal as often as between two. */
const KILL_DELAY_MS = { min: 50, max: 400 };

/**
 * Kills a renewing TokenTray `kills` times at moments drawn from `seed`, the partner keeping a
 * rotated-away refresh token working for a minute (a grace window): every connection ends healthy.
 */
export async function expectNothingLostAfterKills(kills: number, seed: number): Promise<void> {
  const result = await runCrashScenario({ kills, seed, graceWindowMs: 60_000, killDelayMs: KILL_DELAY_MS });
  console.log(result.line);
  expectNothingLost(result);
}

/**
 * The same without a grace window: kills lose connections, and each lost one shows it needs
 * action with the re-add steps.
 */
export async function expectLostOnesShownAfterKills(kills: number, seed: number): Promise<void> {
  const result = await runCrashScenario({ kills, seed, graceWindowMs: 0, killDelayMs: KILL_DELAY_MS });
  console.log(result.line);
  expectLostOnesShown(result);
}
