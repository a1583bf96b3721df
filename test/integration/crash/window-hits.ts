import { setTimeout as delay } from 'node:timers/promises';
import { fingerprint } from '../../../main/core/domain';
import type { ChildReport, ConnectionSummary } from './crash-protocol';
import type { CrashConnection, CrashProfile } from './crash-profile';

/**
 * Tokens the partner rotated away while the keychain still held them: each one a kill that fell after the
 * partner answered and before the new token was stored. Keys are `${connectionId}:${kind}:${fingerprint}`.
 */
export class RotatedAwayTokens {
  private readonly keys = new Set<string>();

  /** After a kill: what the dead child's last requests did to the tokens its keychain still holds. */
  async recordKill(
    profile: CrashProfile,
    reports: ChildReport[],
    countsBefore: Map<string, number>,
  ): Promise<void> {
    for (const connection of profile.connections) {
      const sends = reports.filter(
        (r): r is Extract<ChildReport, { event: 'sending' }> =>
          r.event === 'sending' && r.connectionId === connection.id,
      );
      const last = sends.at(-1);
      const stored = await profile.vault.get(connection.id, 'refreshToken');
      if (last && stored !== null && fingerprint(stored) === last.sentFingerprint) {
        const answered = reports.some(
          (r) =>
            r.event === 'answered' &&
            r.connectionId === last.connectionId &&
            r.sentFingerprint === last.sentFingerprint,
        );
        // The partner rotates as it answers, so a request that reached it counts even when the answer did not get back.
        if (answered || (await reachedPartner(profile, connection, countsBefore, sends.length))) {
          this.keys.add(`${connection.id}:refresh:${last.sentFingerprint}`);
        }
      }
      if (connection.dialect === 'bearer-rotation') {
        // bearer-rotation revokes the old access token as it rotates: stored and revoked means the new one was lost.
        const access = await profile.vault.get(connection.id, 'accessToken');
        if (access !== null && !profile.simulator.isAccessTokenLive(access)) {
          this.keys.add(`${connection.id}:access:${fingerprint(access)}`);
        }
      }
    }
  }

  /** Whether the connection's keychain holds a token the partner already rotated away. */
  holdsOne(connection: ConnectionSummary): boolean {
    return (
      this.keys.has(`${connection.id}:refresh:${connection.refreshFingerprint}`) ||
      this.keys.has(`${connection.id}:access:${connection.accessFingerprint}`)
    );
  }

  countFor(connectionId: string): number {
    return [...this.keys].filter((key) => key.startsWith(`${connectionId}:`)).length;
  }
}

export function requestCounts(profile: CrashProfile): Map<string, number> {
  return new Map(profile.connections.map((c) => [c.id, profile.simulator.requestCount(c.key)]));
}

/** Every request the child sent reached the partner; a dead socket's last bytes may still be on their way in. */
async function reachedPartner(
  profile: CrashProfile,
  connection: CrashConnection,
  countsBefore: Map<string, number>,
  sent: number,
): Promise<boolean> {
  const received = () =>
    profile.simulator.requestCount(connection.key) - (countsBefore.get(connection.id) ?? 0);
  for (let tries = 0; tries < 10 && received() < sent; tries += 1) await delay(5);
  return received() >= sent;
}
