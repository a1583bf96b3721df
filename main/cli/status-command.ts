import type { ListSnapshot } from '../core/api/api-contract';
import { KEYCHAIN_AWAY_WHILE_RUNNING } from '../core/domain/guidance';
import { EXIT } from './exit-codes';
import type { ExitCode } from './exit-codes';
import { isoOrNull, timeLeft } from './time-text';

export interface StatusReport {
  worstStatus: string;
  connections: number;
  counts: Record<string, number>;
  nextExpiryAt: string | null;
  keychainAvailable: boolean;
  /** Why the profile's secrets are locked (nothing renews), or null. */
  locked: string | null;
  renewalsPaused: boolean;
}

export function statusReport(snapshot: ListSnapshot): StatusReport {
  const { summary } = snapshot;
  return {
    worstStatus: summary.worstStatus,
    connections: Object.values(summary.counts).reduce((sum, n) => sum + n, 0),
    counts: { ...summary.counts },
    nextExpiryAt: isoOrNull(summary.nextExpiryAt),
    keychainAvailable: snapshot.keychainAvailable,
    locked: snapshot.secretsLock?.message ?? null,
    renewalsPaused: snapshot.renewalsPaused,
  };
}

/**
 * Non-zero when a person must act, so a monitor can alert on it. A keychain gone while the
 * instance runs is not "locked": secrets still open with the data key in memory.
 */
export function statusExitCode(report: StatusReport): ExitCode {
  if (report.locked !== null) return EXIT.locked;
  if (report.counts.needsAction) return EXIT.needsAction;
  return report.keychainAvailable ? EXIT.ok : EXIT.keychainAway;
}

export function statusText(report: StatusReport, now: number): string {
  const counts = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const lines = [
    `${report.worstStatus}: ${report.connections} connection(s)${counts ? ` (${counts})` : ''}`,
    `next expiry: ${report.nextExpiryAt ? `${timeLeft(Date.parse(report.nextExpiryAt), now)} (${report.nextExpiryAt})` : 'none'}`,
  ];
  if (report.locked !== null) lines.push(`locked: ${report.locked}`);
  else if (!report.keychainAvailable) {
    const { title, effect, refused, fix } = KEYCHAIN_AWAY_WHILE_RUNNING;
    lines.push(`${title}. ${effect}`, refused, fix);
  }
  if (report.renewalsPaused) lines.push('renewals are paused');
  return lines.join('\n');
}
